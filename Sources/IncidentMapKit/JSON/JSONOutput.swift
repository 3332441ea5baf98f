import Foundation

/// The JSON the cold paths write (search results, extraction output, the API's small answers
/// and errors) from `Codable` values: keys sorted, so that the same value always reads the
/// same, and slashes as they are (URLs stay readable).
///
/// ```swift
/// print(try JSONOutput.string(matches, pretty: true))
/// ```
public enum JSONOutput {
    /// `value` as UTF-8 JSON; `pretty` indents it for a terminal.
    public static func data(_ value: some Encodable, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// `value` as JSON text.
    public static func string(_ value: some Encodable, pretty: Bool = false) throws -> String {
        String(decoding: try data(value, pretty: pretty), as: UTF8.self)
    }
}
