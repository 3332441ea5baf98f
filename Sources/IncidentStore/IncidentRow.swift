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

    /// SQLite's SQLITE_TRANSIENT (copy the bound text), which Swift does not import.
    nonisolated(unsafe) static let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Reads an incident from the current row of a statement selected with ``selectList``,
    /// with SQLite's own column calls: GRDB's `Row` subscripts cast each value dynamically,
    /// the larger part of an export's time.
    static func incident(fromStatement handle: OpaquePointer) throws -> Incident {
        func text(_ column: Incident.Column) -> String? {
            guard let pointer = sqlite3_column_text(handle, Int32(column.index)) else { return nil }
            return String(cString: pointer)
        }
        func integer(_ column: Incident.Column) -> Int { Int(sqlite3_column_int64(handle, Int32(column.index))) }
        func real(_ column: Incident.Column) -> Double { sqlite3_column_double(handle, Int32(column.index)) }
        let eventTypeName = text(.eventType) ?? ""
        guard let eventType = EventType(acledName: eventTypeName) else {
            throw StoreError.database(path: "", reason: "unknown event_type '\(eventTypeName)' in the store")
        }
        return Incident(
            eventID: text(.eventID) ?? "", eventDate: try IncidentDate(parsing: text(.eventDate) ?? ""),
            timePrecision: TimePrecision(rawValue: integer(.timePrecision)) ?? .day,
            eventType: eventType, subEventType: text(.subEventType), actor1: text(.actor1), actor2: text(.actor2),
            admin1: text(.admin1), location: text(.location),
            coordinate: try Coordinate(latitude: real(.latitude), longitude: real(.longitude)),
            geoPrecision: GeoPrecision(rawValue: integer(.geoPrecision)) ?? .place,
            fatalities: integer(.fatalities), source: text(.source), notes: text(.notes), locationArabic: text(.locationArabic),
            placeID: text(.placeID), sourceURL: text(.sourceURL), evidence: text(.evidence).map(decodeEvidence) ?? [],
            ingestedAt: text(.ingestedAt).flatMap(Timestamp.date(from:)), originalEventType: text(.originalEventType),
            keptColumns: KeptColumns(row: StoredIncidentRow(handle: handle)))
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
