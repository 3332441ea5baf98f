import CSpatiaLite
import Foundation
import GRDB
import IncidentMapCore

/// How an ``Incident`` maps onto a row of the `incidents` table.
enum IncidentRow {
    /// The columns written and read, in ``Incident/Column`` order (the geometry is derived
    /// from latitude and longitude and never read back).
    static let columns = Incident.Column.allCases.map(\.rawValue)
    static let selectList = columns.joined(separator: ", ")

    static let insertSQL: String = {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT OR IGNORE INTO incidents (\(selectList), geom) VALUES (\(placeholders), \(SpatialSQL.pointFromParameters))"
    }()

    /// Runs the insert statement for `incident`, binding each value with SQLite's own calls:
    /// GRDB's `StatementArguments` boxes every value, which was a fifth of an ingest's time.
    static func insert(_ incident: Incident, ingestedAt: String, with statement: Statement, in db: Database) throws {
        let handle = statement.sqliteStatement
        var index: Int32 = 0
        func text(_ value: String?) {
            index += 1
            if let value {
                _ = value.withCString { sqlite3_bind_text(handle, index, $0, -1, sqliteTransient) }
            } else {
                sqlite3_bind_null(handle, index)
            }
        }
        func integer(_ value: Int) { index += 1; sqlite3_bind_int64(handle, index, Int64(value)) }
        func real(_ value: Double) { index += 1; sqlite3_bind_double(handle, index, value) }
        text(incident.eventID); text(incident.eventDate.description); integer(incident.timePrecision.rawValue)
        text(incident.eventType.rawValue); text(incident.subEventType); text(incident.actor1); text(incident.actor2)
        text(incident.admin1); text(incident.location); real(incident.coordinate.latitude); real(incident.coordinate.longitude)
        integer(incident.geoPrecision.rawValue); integer(incident.fatalities); text(incident.source); text(incident.notes)
        text(incident.locationArabic); text(incident.placeID); text(incident.sourceURL)
        text(incident.evidence.isEmpty ? nil : encodeEvidence(incident.evidence)); text(ingestedAt)
        real(incident.coordinate.longitude); real(incident.coordinate.latitude)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw StoreError.database(path: db.description, reason: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// SQLite's SQLITE_TRANSIENT (copy the bound text), which Swift does not import.
    nonisolated(unsafe) static let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Reads an incident from a row selected with ``selectList``.
    static func incident(from row: Row) throws -> Incident {
        let eventTypeName: String = row["event_type"]
        guard let eventType = EventType(acledName: eventTypeName) else {
            throw StoreError.database(path: "", reason: "unknown event_type '\(eventTypeName)' in the store")
        }
        let evidenceText: String? = row["evidence"]
        let ingestedText: String? = row["ingested_at"]
        return Incident(
            eventID: row["event_id_cnty"],
            eventDate: try IncidentDate(parsing: row["event_date"]),
            timePrecision: TimePrecision(rawValue: row["time_precision"]) ?? .day,
            eventType: eventType,
            subEventType: row["sub_event_type"],
            actor1: row["actor1"], actor2: row["actor2"], admin1: row["admin1"],
            location: row["location"],
            coordinate: try Coordinate(latitude: row["latitude"], longitude: row["longitude"]),
            geoPrecision: GeoPrecision(rawValue: row["geo_precision"]) ?? .place,
            fatalities: row["fatalities"], source: row["source"], notes: row["notes"],
            locationArabic: row["location_ar"], placeID: row["place_id"], sourceURL: row["source_url"],
            evidence: evidenceText.map(decodeEvidence) ?? [],
            ingestedAt: ingestedText.flatMap { timestampFormat.date(from: $0) })
    }

    static func encodeEvidence(_ spans: [EvidenceSpan]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(spans)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeEvidence(_ text: String) -> [EvidenceSpan] {
        (try? JSONDecoder().decode([EvidenceSpan].self, from: Data(text.utf8))) ?? []
    }

    /// `ingested_at` is ISO 8601 in UTC, to the second.
    nonisolated(unsafe) static let timestampFormat: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
}
