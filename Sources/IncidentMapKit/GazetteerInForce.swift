import Gazetteer
import IncidentMapCore
import IncidentStorage

/// The gazetteer a command works with: the built-in places, with those gazetteer refreshes
/// stored in the store where there is one.
///
/// ```swift
/// let gazetteer = try GazetteerInForce.load(for: store)   // or GazetteerInForce.builtIn()
/// ```
public enum GazetteerInForce {
    /// The built-in gazetteer.
    public static func builtIn() throws(IncidentMapError) -> Gazetteer {
        do {
            return try Gazetteer.bundled()
        } catch {
            throw .builtInDataBroken(what: "gazetteer", reason: String(describing: error))
        }
    }

    /// The built-in gazetteer with the places refreshes stored in `store`. The store's own
    /// errors pass through.
    public static func load(for store: any StoreBackend) throws -> Gazetteer {
        try make(imported: try store.importedPlaces())
    }

    /// The gazetteer with `imported` places on top of the built-in ones.
    static func make(imported: [Place]) throws(IncidentMapError) -> Gazetteer {
        do {
            return try Gazetteer.inForce(imported: imported.map(withSourceIDs))
        } catch {
            throw .builtInDataBroken(what: "gazetteer", reason: String(describing: error))
        }
    }

    /// A stored place with the ids it stands for in its source (`GeoNames 2210247`,
    /// `OSM node 123`), which a store keeps no column for: they follow from its id.
    static func withSourceIDs(_ place: Place) -> Place {
        var place = place
        place.sourceIDs = PlaceFile.sourceIDs(forID: place.id)
        return place
    }
}
