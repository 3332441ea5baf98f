/// Why an input file was refused. Row errors read `FILE:LINE: what is wrong`, the form editors
/// and terminals turn into links.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case badRow(path: String, line: Int, reason: String)
    case unknownFormat(path: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file (\(reason))"
        case .badRow(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .unknownFormat(let path):
            return "\(path): not JSON Lines or CSV: name the file .jsonl or .csv"
        }
    }
}
