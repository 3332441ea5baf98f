import Foundation
import IncidentMapCore

/// One column's value, typed as the exports write it.
enum ColumnValue {
    case text(String)
    case integer(Int)
    case number(Double)
    case evidence([EvidenceSpan])
    case null
}

extension Incident {
    /// Calls `visit` with every column of ``Incident/Column`` and its value, in column order,
    /// without building a collection (this runs once per exported row).
    @inline(__always)
    func forEachColumn(_ visit: (Incident.Column, ColumnValue) -> Void) {
        // The order is Incident.Column.allCases': PropertyEncoding.orderedKeys relies on it.
        @inline(__always) func text(_ value: String?) -> ColumnValue { value.map(ColumnValue.text) ?? .null }
        visit(.eventID, .text(eventID))
        visit(.eventDate, .text(eventDate.description))
        visit(.timePrecision, .integer(timePrecision.rawValue))
        visit(.eventType, .text(eventType.rawValue))
        visit(.subEventType, text(subEventType))
        visit(.actor1, text(actor1))
        visit(.actor2, text(actor2))
        visit(.admin1, text(admin1))
        visit(.location, text(location))
        visit(.latitude, .number(coordinate.latitude))
        visit(.longitude, .number(coordinate.longitude))
        visit(.geoPrecision, .integer(geoPrecision.rawValue))
        visit(.fatalities, .integer(fatalities))
        visit(.source, text(source))
        visit(.notes, text(notes))
        visit(.locationArabic, text(locationArabic))
        visit(.placeID, text(placeID))
        visit(.sourceURL, text(sourceURL))
        visit(.evidence, evidence.isEmpty ? .null : .evidence(evidence))
        visit(.ingestedAt, ingestedAt.map { .text(Timestamp.string(from: $0)) } ?? .null)
    }
}
