/// What can stop a use case, beyond the errors of the store, the readers and the gazetteer
/// (which pass through as they are), in words that tell the user what to do.
public enum IncidentMapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Data compiled into incidentmap (`what`: the gazetteer, the lexicons) cannot be read.
    case builtInDataBroken(what: String, reason: String)
    /// A gazetteer refresh failed; the store is as it was.
    case gazetteerUnchanged(reason: String)
    /// Some of the files an ingest was given failed, each storing nothing.
    case filesFailed(failed: [String], of: Int)

    public var description: String {
        switch self {
        case .builtInDataBroken(let what, let reason):
            return "the built-in \(what) is broken (\(reason)): rebuild incidentmap from a clean checkout"
        case .gazetteerUnchanged(let reason):
            return "\(reason)\nnothing was changed: the previous gazetteer stays in force"
        case .filesFailed(let failed, let total):
            return "\(failed.count) of \(total) file(s) failed and stored nothing: \(failed.joined(separator: ", "))"
        }
    }
}
