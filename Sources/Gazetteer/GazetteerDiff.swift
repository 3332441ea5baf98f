import IncidentMapCore

/// What changed between two gazetteers: places added, removed, renamed, and moved more than a
/// threshold (1 km by default) on the WGS84 ellipsoid.
public struct GazetteerDiff: Sendable {
    public var added: [Place] = []
    public var removed: [Place] = []
    /// Places whose English or Arabic name changed: before and after.
    public var renamed: [(before: Place, after: Place)] = []
    /// Places that moved: before, after, and by how many metres.
    public var moved: [(before: Place, after: Place, metres: Double)] = []

    public init(before: Gazetteer, after: Gazetteer, movedAtLeast threshold: Double = 1000) {
        for (id, place) in after.places.sorted(by: { $0.key < $1.key }) {
            guard let old = before.places[id] else {
                added.append(place)
                continue
            }
            if old.nameEnglish != place.nameEnglish || old.nameArabic != place.nameArabic {
                renamed.append((old, place))
            }
            let metres = Geodesic.distance(from: old.coordinate, to: place.coordinate)
            if metres > threshold { moved.append((old, place, metres)) }
        }
        removed = before.places.filter { after.places[$0.key] == nil }.map(\.value).sorted { $0.id < $1.id }
    }

    /// Ids of places whose incidents need their coordinates or names brought up to date.
    public var changedPlaceIDs: Set<String> {
        Set(moved.map(\.after.id)).union(renamed.map(\.after.id))
    }
}
