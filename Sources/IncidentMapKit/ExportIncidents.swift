import GeoJSON
import IncidentStorage

/// `export`: the stored incidents matching a filter, streamed as GeoJSON, GeoJSONSeq, CSV or a
/// JSON array. Memory stays flat whatever the store holds; a file appears only once complete.
///
/// ```swift
/// let count = try ExportIncidents(store: store).run(filter, format: .geojson, to: .file("incidents.geojson"))
/// ```
public struct ExportIncidents: Sendable {
    /// Where the export goes.
    public enum Destination: Hashable, Sendable {
        case standardOutput
        /// A file, replaced whole once the export is complete.
        case file(String)

        func sink() throws(SinkError) -> ByteSink {
            switch self {
            case .standardOutput: return ByteSink()
            case .file(let path): return try ByteSink(path: path)
            }
        }
    }

    /// The store exported from.
    public let store: any StoreBackend

    /// An export of `store`.
    public init(store: any StoreBackend) { self.store = store }

    /// Writes every incident matching `filter`; returns how many.
    @discardableResult
    public func run(_ filter: IncidentFilter, format: OutputFormat, to destination: Destination) throws -> Int {
        let writer = format.writer(to: try destination.sink())
        try writer.begin(extraColumns: [])
        var count = 0
        try store.forEachRow(matching: filter) { row in
            try writer.write(columns: row, extra: [])
            count += 1
        }
        try writer.finish()
        return count
    }
}
