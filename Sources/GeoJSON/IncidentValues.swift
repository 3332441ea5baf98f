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
    /// Every column of ``Incident/Column`` with its value, in column order.
    func columnValues() -> [(column: Incident.Column, value: ColumnValue)] {
        func text(_ value: String?) -> ColumnValue { value.map(ColumnValue.text) ?? .null }
        return Incident.Column.allCases.map { column in
            let value: ColumnValue
            switch column {
            case .eventID: value = .text(eventID)
            case .eventDate: value = .text(eventDate.description)
            case .timePrecision: value = .integer(timePrecision.rawValue)
            case .eventType: value = .text(eventType.rawValue)
            case .subEventType: value = text(subEventType)
            case .actor1: value = text(actor1)
            case .actor2: value = text(actor2)
            case .admin1: value = text(admin1)
            case .location: value = text(location)
            case .latitude: value = .number(coordinate.latitude)
            case .longitude: value = .number(coordinate.longitude)
            case .geoPrecision: value = .integer(geoPrecision.rawValue)
            case .fatalities: value = .integer(fatalities)
            case .source: value = text(source)
            case .notes: value = text(notes)
            case .locationArabic: value = text(locationArabic)
            case .placeID: value = text(placeID)
            case .sourceURL: value = text(sourceURL)
            case .evidence: value = evidence.isEmpty ? .null : .evidence(evidence)
            case .ingestedAt: value = ingestedAt.map { .text(IncidentTimestamp.string(from: $0)) } ?? .null
            }
            return (column, value)
        }
    }
}

/// `ingested_at` as ISO 8601 UTC to the second, the form the store keeps.
public enum IncidentTimestamp {
    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()

    public static func string(from date: Date) -> String { formatter.string(from: date) }
}
