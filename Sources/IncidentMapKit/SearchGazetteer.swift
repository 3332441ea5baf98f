import Gazetteer
import IncidentStorage

/// `gazetteer search` and the server's `/gazetteer/search`: the places whose names match a
/// query, best first, scored.
///
/// ```swift
/// let matches = try SearchGazetteer.builtIn().run("Gasr Ben Gashir", limit: 3)
/// ```
public struct SearchGazetteer: Sendable {
    /// The gazetteer searched.
    public let gazetteer: Gazetteer

    /// A search of `gazetteer`.
    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// A search of the built-in gazetteer (no store needed).
    public static func builtIn() throws(IncidentMapError) -> SearchGazetteer {
        SearchGazetteer(gazetteer: try GazetteerInForce.builtIn())
    }

    /// A search of the gazetteer in force for the store at `location`, which must exist.
    public static func inForce(at location: StoreLocation) throws -> SearchGazetteer {
        SearchGazetteer(gazetteer: try GazetteerInForce.load(for: try location.open(.mustExist)))
    }

    /// At most `limit` places, best first.
    public func run(_ query: String, limit: Int = 10) -> [PlaceMatch] {
        gazetteer.search(query, limit: limit).map(PlaceMatch.init)
    }
}
