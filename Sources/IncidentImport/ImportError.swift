/// Why an input file was refused. Row errors read `FILE:LINE: what is wrong`, the form editors
/// and terminals turn into links.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case badRow(path: String, line: Int, reason: String)
    case unknownFormat(path: String)
    /// A file incidentmap writes beside the ingest (the rejects file) cannot be written.
    case unwritableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file (\(reason))"
        case .badRow(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .unknownFormat(let path):
            return "\(path): not JSON Lines, CSV, an ACLED API answer or a GDELT 2.0 event export: name the file .jsonl, .csv or .json"
        case .unwritableFile(let path, let reason):
            return "\(path): cannot write the file (\(reason))"
        }
    }
}
