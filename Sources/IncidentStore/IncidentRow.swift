import CSQLite
import Foundation
import GRDB
import IncidentMapCore

/// How an `Incident` maps onto a row of the `incidents` table.
enum IncidentRow {
    /// The columns written and read, in `Incident.Column` order (the geometry is derived
    /// from latitude and longitude and never read back).
    static let columns = Incident.Column.allCases.map(\.rawValue)
    static let selectList = columns.joined(separator: ", ")
    /// How many columns ``selectList`` selects (the index of a column selected after them).
    static let columnCount = Int32(columns.count)

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
        text(incident.originalEventType)
        real(incident.coordinate.longitude); real(incident.coordinate.latitude)
        try statement.runToCompletion(in: db, storePath: db.description)
    }

    /// SQLite's SQLITE_TRANSIENT (copy the bound text), which Swift does not import.
    nonisolated(unsafe) static let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Reads an incident from the current row of a statement selected with ``selectList``,
    /// with SQLite's own column calls: GRDB's `Row` subscripts cast each value dynamically,
    /// the larger part of an export's time.
    static func incident(fromStatement handle: OpaquePointer) throws -> Incident {
        func text(_ column: Int32) -> String? {
            guard let pointer = sqlite3_column_text(handle, column) else { return nil }
            return String(cString: pointer)
        }
        let eventTypeName = text(3) ?? ""
        guard let eventType = EventType(acledName: eventTypeName) else {
            throw StoreError.database(path: "", reason: "unknown event_type '\(eventTypeName)' in the store")
        }
        return Incident(
            eventID: text(0) ?? "", eventDate: try IncidentDate(parsing: text(1) ?? ""),
            timePrecision: TimePrecision(rawValue: Int(sqlite3_column_int64(handle, 2))) ?? .day,
            eventType: eventType, subEventType: text(4), actor1: text(5), actor2: text(6), admin1: text(7), location: text(8),
            coordinate: try Coordinate(latitude: sqlite3_column_double(handle, 9), longitude: sqlite3_column_double(handle, 10)),
            geoPrecision: GeoPrecision(rawValue: Int(sqlite3_column_int64(handle, 11))) ?? .place,
            fatalities: Int(sqlite3_column_int64(handle, 12)), source: text(13), notes: text(14), locationArabic: text(15),
            placeID: text(16), sourceURL: text(17), evidence: text(18).map(decodeEvidence) ?? [],
            ingestedAt: text(19).flatMap(Timestamp.date(from:)), originalEventType: text(20))
    }

    static func encodeEvidence(_ spans: [EvidenceSpan]) -> String {
        EvidenceSpan.json(spans)
    }

    static func decodeEvidence(_ text: String) -> [EvidenceSpan] {
        (try? JSONDecoder().decode([EvidenceSpan].self, from: Data(text.utf8))) ?? []
    }
}

/// The current row of a statement that selected the store's incident columns, read as
/// `IncidentColumns` straight from SQLite's buffers: what exports stream. Valid only inside
/// the call that hands it out.
struct StoredIncidentRow: IncidentColumns {
    let handle: OpaquePointer

    func text(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(handle, Int32(column)) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, Int32(column))))
    }

    func integer(_ column: Int) -> Int { Int(sqlite3_column_int64(handle, Int32(column))) }

    func number(_ column: Int) -> Double { sqlite3_column_double(handle, Int32(column)) }
}
