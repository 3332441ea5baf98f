/// A tab-separated table built into incidentmap from `Data/acled/` (the legacy ACLED types,
/// the CAMEO mapping): lines starting with `#` are comments, the first other line is the header.
enum EmbeddedTable {
    /// The table `name` parsed by `parse`. A missing or broken file is a build mistake that the
    /// tests catch, so it stops the program with the file's own message.
    static func load<Table>(_ name: String, _ parse: (String) throws(RowProblem) -> Table) -> Table {
        guard let file = EmbeddedResources.files.first(where: { $0.name == name }) else {
            fatalError("Data/acled/\(name) is not built into incidentmap")
        }
        do throws(RowProblem) {
            return try parse(file.text)
        } catch {
            fatalError("Data/acled/\(name): \(error.reason)")
        }
    }

    /// The data lines of `text` (its line number from 1, its fields), each checked to have
    /// `columns` fields; otherwise a ``RowProblem`` that says `expected`.
    static func rows(_ text: String, columns: Int, expected: String) throws(RowProblem) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var sawHeader = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            guard sawHeader else {
                sawHeader = true
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns else { throw RowProblem("line \(number + 1): expected \(expected)") }
            rows.append((number + 1, fields))
        }
        return rows
    }
}
