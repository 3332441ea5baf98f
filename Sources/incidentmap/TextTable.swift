import Foundation

/// The plain-text tables `extract`, `near` and `gazetteer search` print: each column as wide as
/// its widest cell, two spaces between, nothing trailing.
///
/// ```swift
/// print(TextTable(header: ["id", "name"], rows: [["ly-mitiga", "Mitiga"]]))
/// ```
struct TextTable: CustomStringConvertible {
    var header: [String]
    var rows: [[String]]

    var description: String {
        let lines = [header] + rows
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
