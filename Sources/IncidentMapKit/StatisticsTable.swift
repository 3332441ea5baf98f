import Foundation
import IncidentStorage

/// Grouped counts written for a reader or a spreadsheet: `incidentmap stats --by … --format`.
///
/// ```swift
/// let table = try CountIncidents(store: store).run(by: [.week, .type], matching: IncidentFilter())
/// print(table.text(as: .csv), terminator: "")
/// // week,type,incidents,fatalities
/// // 2019-04-01,Battles,12,9
/// ```
public struct StatisticsTable: Sendable {
    /// How the table is written.
    public enum Format: String, CaseIterable, Sendable {
        /// Aligned columns, for reading in a terminal; an empty key is shown as `(none)`.
        case table
        /// CSV with a header row, fields quoted as RFC 4180 says, lines ending in LF as `export` writes them.
        case csv
        /// A JSON array of objects, one per group.
        case json
    }

    /// What the incidents were counted by, in the order asked: the first columns.
    public var dimensions: [StatisticsDimension]
    /// The groups, in the store's order.
    public var groups: [StatisticsGroup]

    /// The table of `groups`, counted by `dimensions`.
    public init(dimensions: [StatisticsDimension], groups: [StatisticsGroup]) {
        self.dimensions = dimensions
        self.groups = groups
    }

    /// The column names: the dimensions, then `incidents` and `fatalities`.
    public var header: [String] { dimensions.map(\.rawValue) + ["incidents", "fatalities"] }

    /// The whole table, ending in a newline.
    public func text(as format: Format) -> String {
        switch format {
        case .table: return aligned()
        case .csv: return ([header] + rows).map { $0.map(Self.csvField).joined(separator: ",") + "\n" }.joined()
        case .json: return json()
        }
    }

    private var rows: [[String]] { groups.map { $0.keys + [String($0.incidents), String($0.fatalities)] } }

    private func aligned() -> String {
        let shown = [header] + rows.map { row in row.map { $0.isEmpty ? "(none)" : $0 } }
        let widths = header.indices.map { column in shown.map { $0[column].count }.max() ?? 0 }
        let numeric = header.indices.map { $0 >= dimensions.count }
        return shown.map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return numeric[column] ? padding + row[column] : row[column] + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }.joined()
    }

    private func json() -> String {
        let objects: [[String: Any]] = groups.map { group in
            var object: [String: Any] = ["incidents": group.incidents, "fatalities": group.fatalities]
            for (dimension, key) in zip(dimensions, group.keys) { object[dimension.rawValue] = key }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A CSV field, quoted where it holds a comma, a quote or a line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
