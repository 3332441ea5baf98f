import Gazetteer
import GeoJSON
import IncidentStorage
import MapPage

/// `map` and the server's page: the offline HTML map of the incidents matching a filter, with
/// the gazetteer's main places as labels.
///
/// ```swift
/// let count = try WriteMap(store: store).run(filter, title: "Tripoli, April 2019", to: "tripoli.html")
/// ```
public struct WriteMap: Sendable {
    /// The store mapped.
    public let store: any StoreBackend

    /// A map of `store`.
    public init(store: any StoreBackend) { self.store = store }

    /// Writes the page with the matching incidents inlined to `path` (which appears only once
    /// complete); returns how many incidents it shows.
    @discardableResult
    public func run(_ filter: IncidentFilter, title: String, to path: String) throws -> Int {
        let page = try page(title: title)
        let sink = try ByteSink(path: path)
        return try page.write(to: sink) { writer in
            var count = 0
            try store.forEachRow(matching: filter) { row in
                try writer.write(columns: row, extra: [])
                count += 1
            }
            return count
        }
    }

    /// The page for `store` (its gazetteer's labels, Leaflet from Debian), without incidents.
    public func page(title: String) throws -> MapPage {
        page(title: title, gazetteer: try GazetteerInForce.load(for: store), assets: try MapAssets.load())
    }

    /// The page with `gazetteer`'s labels and `assets`, without incidents: what the server, which
    /// holds both already, sends in live mode.
    public func page(title: String, gazetteer: Gazetteer, assets: MapAssets) -> MapPage {
        MapPage(title: title, labels: MapPage.mainLabels(in: gazetteer), assets: assets)
    }
}
