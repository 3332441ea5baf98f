import Gazetteer
import IncidentMapCore

/// One event per type, day and location as ACLED codes it, where the location is the one a coder
/// would pick: a city's crowd told street by street, or a town named beside its quarter, is one
/// event, not one per name the article gives.
extension IncidentExtractor {
    /// The incidents with the places of one event joined: the quarters of one city's crowd on one
    /// day, and an administrative district named for an act told at a place inside it.
    func foldedIntoOneLocation(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        foldedIntoPlacesInside(foldedIntoOneCrowd(incidents))
    }

    /// "Protesters closed roads in Ghut al-Shaal, Firnaj and …" of one city on one day: one
    /// protest (or riot), kept at the first quarter the article names, with every telling as
    /// evidence. A crowd in another city that day, or at a place the gazetteer does not put
    /// inside the city, stays an event of its own.
    func foldedIntoOneCrowd(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        func key(_ all: [ExtractedIncident], _ index: Int) -> FoldKey? {
            let incident = all[index]
            guard incident.eventType == .protests || incident.eventType == .riots, let day = incident.date?.date,
                  let city = cityContaining(incident.place) else { return nil }
            return FoldKey(day: day, eventType: incident.eventType, placeID: city)
        }
        // The keys say it all (type, day, city): only the order is asked, so that each crowd
        // joins the first one told, which keeps its place.
        return folding(incidents, from: key, into: key) { _, index, first in first < index }
    }

    /// The city or town whose quarter `place` is, by the gazetteer's hierarchy: `nil` for a
    /// city or town itself (the fold into a place inside it is ``foldedIntoSpecificPlaces(_:)``'s)
    /// and for a place with no such parent.
    func cityContaining(_ place: Place) -> String? {
        guard place.kind != .city, place.kind != .town, place.kind.specificity > 0 else { return nil }
        for id in ancestors(of: place) {
            guard let parent = gazetteer.place(id: id) else { continue }
            if parent.kind == .city || parent.kind == .town { return parent.id }
            if parent.kind.specificity == 0 { return nil }
        }
        return nil
    }

    /// Whether the place of `id` is a parent of `place`, by the gazetteer's hierarchy (a parent
    /// named by the ID of a place joined into `id` is that place).
    func isAncestor(_ id: String, of place: Place) -> Bool {
        ancestors(of: place).contains { $0 == id || gazetteer.mergedIDs[$0] == id }
    }

    /// The IDs of `place`'s parents, nearest first (see ``Ancestors``).
    func ancestors(of place: Place) -> Ancestors { Ancestors(gazetteer: gazetteer, first: place.parentID) }

    /// The parents of a place as its hierarchy names them, nearest first: each the ID its child
    /// gives, read where the gazetteer holds the place (not copied out). Six at most: a place
    /// sits under a quarter, a city, a district and the country, so a longer chain is a loop in
    /// the data. A sequence, not an array: it is walked for every pair of incidents a fold asks.
    struct Ancestors: Sequence, IteratorProtocol {
        let gazetteer: Gazetteer
        let first: String?
        private var given: String?
        private var depth = 0

        init(gazetteer: Gazetteer, first: String?) {
            self.gazetteer = gazetteer
            self.first = first
        }

        /// The next parent, looked up only when asked: most walks stop at the first.
        mutating func next() -> String? {
            guard depth < 6, let id = depth == 0 ? first : given.flatMap({ gazetteer.parentID(of: $0) }) else { return nil }
            given = id
            depth += 1
            return id
        }
    }

    /// "The Tripoli district of Janzour": the same type on the same day at an administrative
    /// district and at a place inside it is one event at the inner place, as
    /// ``foldedIntoSpecificPlaces(_:)`` joins a city's. Inside a district is within its hierarchy,
    /// in the district by the place's `admin1` ("معارك جبل نفوسة" and Kikla, 30 km from the
    /// district's seat at Gharyan), or within 25 km of its seat. (A town and its quarter, "the Dahman area of
    /// Sabratha", are not joined yet: a distance from a town also took in the airport beside
    /// Qasr bin Ghashir and the terminal beside Ras Lanuf.)
    func foldedIntoPlacesInside(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            all[index].place.kind == .district
                ? FoldKey(day: all[index].date?.date, eventType: all[index].eventType) : nil
        }, into: { all, index in
            FoldKey(day: all[index].date?.date, eventType: all[index].eventType)
        }) { all, index, inside in
            all[inside].place.id != all[index].place.id && all[index].date != nil
                && isPlace(all[inside].place, inside: all[index].place)
        }
    }

    /// Whether `inner` lies inside the district `outer` (see ``foldedIntoPlacesInside(_:)``).
    func isPlace(_ inner: Place, inside outer: Place) -> Bool {
        switch outer.kind {
        case .district:
            guard inner.kind.specificity > 0 else { return false }
            return isAncestor(outer.id, of: inner) || (inner.admin1 != nil && inner.admin1 == outer.admin1)
                || Geodesic.isWithin(25_000, from: outer.coordinate, to: inner.coordinate)
        default:
            return false
        }
    }
}
