import GeoJSON
import IncidentStorage
import Synchronization

/// An export encoded a page of rows at a time into memory, for a server that sends each page
/// as it is made: each page is a short read of its own (see
/// `StoreBackend/forEachRow(matching:after:limit:_:)`), so no read transaction stays open
/// while the client reads, and memory holds one page.
///
/// ```swift
/// let pages = IncidentPages(store: store, filter: filter, pageSize: 2000) { GeoJSONWriter(sink: $0) }
/// try pages.begin()
/// while let bytes = try pages.next() { send(bytes) }
/// ```
public final class IncidentPages: Sendable {
    /// The writer and its sink, used by one page at a time; a lock makes that so, where the
    /// pages are made on whichever thread the server's pool gives.
    private struct State {
        let sink: ByteSink
        let writer: any IncidentWriter
        var cursor: Int64? = 0
    }

    private let state: Mutex<State>
    private let store: any StoreBackend
    private let filter: IncidentFilter
    private let pageSize: Int

    /// The pages of the rows of `store` matching `filter`, `pageSize` rows each, written by the
    /// writer `makeWriter` makes over the pages' sink.
    public init(store: any StoreBackend, filter: IncidentFilter, pageSize: Int,
                writer makeWriter: (ByteSink) -> any IncidentWriter) {
        let sink = ByteSink.inMemory()
        state = Mutex(State(sink: sink, writer: makeWriter(sink)))
        self.store = store
        self.filter = filter
        self.pageSize = pageSize
    }

    /// Starts the document.
    public func begin() throws {
        try state.withLock { state in try state.writer.begin(extraColumns: []) }
    }

    /// The next page's bytes (the document's end with the last page), or `nil` once every page
    /// has been given.
    public func next() throws -> [UInt8]? {
        try state.withLock { state -> [UInt8]? in
            guard let cursor = state.cursor else { return nil }
            let writer = state.writer
            state.cursor = try store.forEachRow(matching: filter, after: cursor, limit: pageSize) { row in
                try writer.write(columns: row, extra: [])
            }
            if state.cursor == nil { try writer.finish() }
            return state.sink.drain()
        }
    }
}
