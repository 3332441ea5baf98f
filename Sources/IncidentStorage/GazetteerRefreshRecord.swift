import Foundation

/// One line of a store's log of gazetteer refreshes: when, from what, and what changed.
public struct GazetteerRefreshRecord: Hashable, Sendable {
    public var refreshedAt: Date
    /// The file or URL the places came from.
    public var source: String
    /// Places the refresh read.
    public var places: Int
    public var added: Int
    public var removed: Int
    public var renamed: Int
    public var moved: Int
    /// Incidents moved or renamed with their place.
    public var incidentsUpdated: Int

    public init(refreshedAt: Date = Date(), source: String, places: Int, added: Int, removed: Int, renamed: Int,
                moved: Int, incidentsUpdated: Int) {
        self.refreshedAt = refreshedAt
        self.source = source
        self.places = places
        self.added = added
        self.removed = removed
        self.renamed = renamed
        self.moved = moved
        self.incidentsUpdated = incidentsUpdated
    }
}
