import IncidentMapCore
import TextMatching

/// Joins the places of several sources (GeoNames, OpenStreetMap, a refresh, the curated files)
/// into one list that holds each place once.
///
/// Layers come lowest first. A place of a higher layer is the same place as one already held when
/// it has the same id, names the same GeoNames id (an OSM `geonames:id` tag), or shares a whole
/// name (after normalisation) with a place of a compatible kind close by: a settlement within a
/// few kilometres (more for a city), a facility within 3 km. The higher layer's fields win, the
/// first id is kept, a GeoNames or curated one before an OpenStreetMap one (stored incidents refer
/// to it), and every name and source id is pooled.
/// Rows a curator wrote are never joined to each other by name: two rows mean two places; a bulk
/// source's duplicates within one layer are joined.
package struct PlaceConflation {
    package private(set) var places: [String: Place] = [:]
    /// Ids that were joined into another place → the id kept.
    package private(set) var aliases: [String: String] = [:]
    /// The layer each held place came from first.
    private var originLayer: [String: Int] = [:]
    /// Place ids by normalised whole name, as UTF-8 bytes: hashing a String of Arabic letters
    /// normalises it first, which made joining a third of the gazetteer's start-up.
    private var idsByName: [[UInt8]: [String]] = [:]
    /// The names already in `idsByName`, by place id.
    private var indexedNames: [String: Set<[UInt8]>] = [:]
    /// Each name's tokens, made once for joining, indexing and search.
    /// The tokens of every name read, by its UTF-8 bytes: the gazetteer's indexes reuse them.
    package private(set) var tokensByName: [[UInt8]: [Token]] = [:]

    /// Ids a curator wrote rows for (the last layer): two of them are never joined by name, even
    /// where a bulk source named them alike (GeoNames' two Zawiyas, 3 km apart).
    private let curatedIDs: Set<String>

    /// `layers` lowest first; the last is the curated one.
    package init(layers: [[Place]]) {
        curatedIDs = Set(layers.last?.map(\.id) ?? [])
        for (layer, places) in layers.enumerated() {
            for place in places { add(place, layer: layer) }
        }
        joinPlacesNamedAlikeLater()
        fillAdministrativeAreas()
    }

    /// A name a later layer gave a place can make it share a name with a place held from the
    /// start (a curator's spelling that OpenStreetMap also uses): such pairs, close enough for
    /// their kinds, are joined once every layer is in. Two curated rows are never joined.
    private mutating func joinPlacesNamedAlikeLater() {
        var pairs: [(String, String)] = []
        for ids in idsByName.values where ids.count > 1 {
            for (index, one) in ids.enumerated() {
                for other in ids[(index + 1)...]
                where (Self.isBulk(one) || Self.isBulk(other)) && !(curatedIDs.contains(one) && curatedIDs.contains(other)) {
                    guard let first = places[one], let second = places[other],
                          first.countryCode == second.countryCode,
                          let limit = Self.joiningDistance(first.kind, second.kind),
                          Geodesic.isWithin(limit.nextUp, from: first.coordinate, to: second.coordinate) else { continue }
                    pairs.append((one, other))
                }
            }
        }
        for (one, other) in pairs {
            guard let first = places[aliases[one] ?? one], let second = places[aliases[other] ?? other], first.id != second.id else { continue }
            // The curated or GeoNames place is kept, with its fields; the other's names join it.
            let firstKept = Self.rank(first.id) != Self.rank(second.id) ? Self.rank(first.id) < Self.rank(second.id)
                : !Self.isLarger(second, than: first)
            let (kept, joined) = firstKept ? (first, second) : (second, first)
            var merged = PlaceFile.merge(joined, with: kept)
            merged.id = kept.id
            merged.sourceIDs = kept.sourceIDs + joined.sourceIDs.filter { !kept.sourceIDs.contains($0) }
            places[joined.id] = nil
            places[kept.id] = merged
            redirectAliases(from: joined.id, to: kept.id)
        }
    }

    /// `id` was joined into `kept`: it, and every id joined into it before, now name `kept`.
    private mutating func redirectAliases(from id: String, to kept: String) {
        aliases[id] = kept
        for (alias, target) in aliases where target == id { aliases[alias] = kept }
    }

    /// Which id is kept when two places are joined: a curated or GeoNames one before an
    /// OpenStreetMap one (stored incidents and curated rows refer to those).
    static func rank(_ id: String) -> Int {
        id.hasPrefix("osm-") ? 1 : 0
    }

    /// A city over a smaller place, then the larger population.
    static func isLarger(_ one: Place, than other: Place) -> Bool {
        if (one.kind == .city) != (other.kind == .city) { return one.kind == .city }
        return (one.population ?? 0) > (other.population ?? 0)
    }

    /// A Libyan place that no source put in a district (OSM's places carry none) takes the
    /// district of the nearest place that has one, within 40 km; a neighbourhood with no parent
    /// takes the nearest city within 15 km.
    private mutating func fillAdministrativeAreas() {
        for (id, place) in places where place.parentID.map({ aliases[$0] != nil }) ?? false {
            places[id]?.parentID = aliases[place.parentID!]
        }
        let located = places.values.filter { $0.isLibyan && $0.admin1 != nil && $0.kind.isSettlement }
        let cities = places.values.filter { $0.isLibyan && $0.kind == .city }
        for (id, place) in places where place.isLibyan && place.kind != .country {
            var filled = place
            if place.admin1 == nil, let nearest = Self.nearest(to: place, among: located, within: 40_000) {
                filled.admin1 = nearest.admin1
            }
            if place.kind == .neighbourhood, place.parentID == nil,
               let city = Self.nearest(to: place, among: cities, within: 15_000), city.id != id {
                filled.parentID = city.id
            }
            if filled != place { places[id] = filled }
        }
    }

    static func nearest(to place: Place, among candidates: [Place], within metres: Double) -> Place? {
        // A degree of latitude is 111 km: candidates outside the box are not measured.
        let degrees = metres / 100_000
        var best: (place: Place, metres: Double)?
        for candidate in candidates
        where abs(candidate.coordinate.latitude - place.coordinate.latitude) < degrees
            && abs(candidate.coordinate.longitude - place.coordinate.longitude) < degrees * 1.3 {
            let distance = Geodesic.distance(from: place.coordinate, to: candidate.coordinate)
            if distance <= metres, distance < best?.metres ?? .infinity { best = (candidate, distance) }
        }
        return best?.place
    }

    private mutating func add(_ place: Place, layer: Int) {
        // The place's names are folded once, here; the joined place's are the union.
        let keys = nameKeys(of: place)
        let target = places[place.id] != nil ? place.id
            : aliases[place.id]
            ?? place.sourceIDs.lazy.compactMap(Self.geoNamesID).first { places[$0] != nil }
            ?? sameNamedPlace(near: place, keys: keys, layer: layer)
        guard let target, var base = places[target] else {
            places[place.id] = place
            originLayer[place.id] = layer
            index(place.id, keys: keys)
            return
        }
        // A GeoNames or curated id is kept over an OpenStreetMap one: stored incidents and
        // curators refer to those.
        // Two places of one bulk layer (GeoNames' PPL and PPLA of one town): the larger one's id
        // and fields are kept.
        let sameLayer = originLayer[target] == layer
        let keepNew = Self.rank(place.id) < Self.rank(target)
            || (Self.rank(place.id) == Self.rank(target) && sameLayer && Self.isLarger(place, than: base))
        let keptID = keepNew ? place.id : target
        var merged = sameLayer && !keepNew ? PlaceFile.merge(place, with: base) : PlaceFile.merge(base, with: place)
        merged.id = keptID
        if merged.parentID == target || merged.parentID == keptID { merged.parentID = base.parentID }
        merged.sourceIDs = base.sourceIDs + place.sourceIDs.filter { !base.sourceIDs.contains($0) }
        if target != place.id, !merged.source.contains(place.source), !base.source.contains(place.source) {
            merged.source = place.source + "; also " + base.source
        }
        if keptID != target {
            places[target] = nil
            redirectAliases(from: target, to: keptID)
            originLayer[keptID] = originLayer.removeValue(forKey: target)
            indexedNames[keptID] = indexedNames.removeValue(forKey: target)
            for key in indexedNames[keptID] ?? [] { idsByName[key] = idsByName[key]?.map { $0 == target ? keptID : $0 } }
        } else if target != place.id {
            aliases[place.id] = target
        }
        base = merged
        places[keptID] = base
        index(keptID, keys: keys)
    }

    private mutating func index(_ id: String, keys: Set<[UInt8]>) {
        for key in keys where indexedNames[id, default: []].insert(key).inserted {
            idsByName[key, default: []].append(id)
        }
    }

    /// A place of another layer with one of `place`'s names, of a compatible kind, close enough.
    private func sameNamedPlace(near place: Place, keys: Set<[UInt8]>, layer: Int) -> String? {
        var best: (id: String, metres: Double)?
        for key in keys {
            for id in idsByName[key] ?? [] {
                // Within one layer only a bulk source's duplicates are joined (OpenStreetMap and
                // GeoNames hold some places twice); two rows a curator wrote are two places.
                guard let other = places[id],
                      originLayer[id] != layer || (Self.isBulk(place.id) && Self.isBulk(id)),
                      !(curatedIDs.contains(id) && curatedIDs.contains(place.id)),
                      other.countryCode == place.countryCode,
                      let limit = Self.joiningDistance(place.kind, other.kind),
                      Geodesic.isWithin(limit.nextUp, from: place.coordinate, to: other.coordinate) else { continue }
                let metres = Geodesic.distance(from: place.coordinate, to: other.coordinate)
                if metres <= limit, metres < best?.metres ?? .infinity { best = (id, metres) }
            }
        }
        return best?.id
    }

    /// How far apart two places of these kinds may be and still be one place; `nil` when the
    /// kinds never name one place (a town and its airport).
    package static func joiningDistance(_ one: PlaceKind, _ other: PlaceKind) -> Double? {
        if one.isSettlement && other.isSettlement {
            if one == .city || other == .city { return 15_000 }
            if one == .neighbourhood || other == .neighbourhood { return 3_000 }
            return 6_000
        }
        let facilities: Set<PlaceKind> = [.airport, .airBase, .militaryBase, .camp]
        if one == other || (facilities.contains(one) && facilities.contains(other)) { return 3_000 }
        if (one == .port && other == .oilFacility) || (one == .oilFacility && other == .port) { return 3_000 }
        return nil
    }

    /// The tokens of a name, made once.
    mutating func tokens(of name: String) -> [Token] {
        let bytes = Array(name.utf8)
        if let tokens = tokensByName[bytes] { return tokens }
        let tokens = Tokenizer.tokens(in: name)
        tokensByName[bytes] = tokens
        return tokens
    }

    /// The normalised whole names of a place (each name's keys joined), as UTF-8 bytes.
    mutating func nameKeys(of place: Place) -> Set<[UInt8]> {
        var keys = Set<[UInt8]>()
        for name in place.names {
            var key: [UInt8] = []
            for token in tokens(of: name) {
                if !key.isEmpty { key.append(0x20) }
                key.append(contentsOf: token.key.utf8)
            }
            if !key.isEmpty { keys.insert(key) }
        }
        return keys
    }

    /// An id from a bulk source: a GeoNames number or an OpenStreetMap element.
    static func isBulk(_ id: String) -> Bool {
        id.hasPrefix("osm-") || (!id.isEmpty && id.allSatisfy { $0.isASCII && $0.isNumber })
    }

    static func geoNamesID(_ sourceID: String) -> String? {
        sourceID.hasPrefix("GeoNames ") ? String(sourceID.dropFirst("GeoNames ".count)) : nil
    }
}

/// Names already tokenised while places were joined, read again by the indexes.
package struct TokenCache: @unchecked Sendable {
    private let byName: [[UInt8]: [Token]]

    package init(_ byName: [[UInt8]: [Token]] = [:]) { self.byName = byName }

    package func tokens(of name: String) -> [Token] { byName[Array(name.utf8)] ?? Tokenizer.tokens(in: name) }
}
