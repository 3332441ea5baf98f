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

    static func arguments(for incident: Incident, ingestedAt: String) -> StatementArguments {
        let evidence = incident.evidence.isEmpty ? nil : encodeEvidence(incident.evidence)
        let values: [(any DatabaseValueConvertible)?] = [
            incident.eventID, incident.eventDate.description, incident.timePrecision.rawValue,
            incident.eventType.rawValue, incident.subEventType, incident.actor1, incident.actor2,
            incident.admin1, incident.location, incident.coordinate.latitude, incident.coordinate.longitude,
            incident.geoPrecision.rawValue, incident.fatalities, incident.source, incident.notes,
            incident.locationArabic, incident.placeID, incident.sourceURL, evidence, ingestedAt,
            incident.coordinate.longitude, incident.coordinate.latitude,
        ]
        return StatementArguments(values)
    }

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
