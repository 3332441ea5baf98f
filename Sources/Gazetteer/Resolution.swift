import IncidentMapCore
import TextMatching

/// A stretch of text that names a place in the gazetteer (found by ``Gazetteer/mentions(in:)``).
public struct Mention: Hashable, Sendable {
    /// The name as it stands in the text.
    public var text: String
    /// Offset of its first character in the text, in Unicode scalars.
    public var start: Int
    /// Offset one past its last character.
    public var end: Int
    /// Ids of every place that bears this name (namesakes).
    public var placeIDs: [String]
    /// Index of the mention's first token in the text's tokens.
    public var firstToken: Int
    public var tokenCount: Int
    /// The name carried a proclitic (وب…) that was detached to find it.
    public var detachedClitic: Bool
}

/// One place a mention could mean, with how well the context supports it.
public struct Candidate: Hashable, Sendable {
    public var placeID: String
    /// From 0 to 1: the higher, the better the context supports this place.
    public var score: Double
}

/// A mention with the place chosen for it, the candidates it was chosen from, and why.
///
/// Its values are held in one reference: extraction copies an article's resolved places as it
/// filters and groups them, and each copy of the values themselves retained (and released)
/// every string and array of the mention, the place and the candidates, a twelfth of
/// extraction's time. A change makes a new reference (values, not shared state).
public struct ResolvedPlace: Hashable, Sendable {
    // Inlinable reads (below) reach these: a rule of another module that reads one field of
    // the place (`resolved.place.parentID`) then loads that field alone, where a call to the
    // accessor copied the whole `Place` out (an outlined copy, every string retained).
    @usableFromInline final class Values: Sendable {
        @usableFromInline let mention: Mention
        @usableFromInline let place: Place
        @usableFromInline let score: Double
        let candidates: [Candidate]
        let reason: String

        init(mention: Mention, place: Place, score: Double, candidates: [Candidate], reason: String) {
            self.mention = mention
            self.place = place
            self.score = score
            self.candidates = candidates
            self.reason = reason
        }
    }

    @usableFromInline var values: Values

    init(mention: Mention, place: Place, score: Double, candidates: [Candidate], reason: String) {
        values = Values(mention: mention, place: place, score: score, candidates: candidates, reason: reason)
    }

    // `_read` lends the value where it is held: a getter would return a copy of it (a place's
    // every string retained) for each field a rule reads.
    public var mention: Mention {
        @inlinable _read { yield values.mention }
        set { values = Values(mention: newValue, place: place, score: score, candidates: candidates, reason: reason) }
    }

    public var place: Place {
        @inlinable _read { yield values.place }
        set { values = Values(mention: mention, place: newValue, score: score, candidates: candidates, reason: reason) }
    }

    public var score: Double {
        @inlinable _read { yield values.score }
        set { values = Values(mention: mention, place: place, score: newValue, candidates: candidates, reason: reason) }
    }

    /// Every candidate, best first.
    public var candidates: [Candidate] {
        _read { yield values.candidates }
        set { values = Values(mention: mention, place: place, score: score, candidates: newValue, reason: reason) }
    }

    /// Why this place was chosen, in words.
    public var reason: String {
        _read { yield values.reason }
        set { values = Values(mention: mention, place: place, score: score, candidates: candidates, reason: newValue) }
    }

    public static func == (left: ResolvedPlace, right: ResolvedPlace) -> Bool {
        left.mention == right.mention && left.place == right.place && left.score == right.score
            && left.candidates == right.candidates && left.reason == right.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mention)
        hasher.combine(place)
        hasher.combine(score)
        hasher.combine(candidates)
        hasher.combine(reason)
    }
}

/// A mention that was found but not taken for a place, and why (for explaining results).
public struct RejectedMention: Hashable, Sendable {
    public var mention: Mention
    public var reason: String
}

/// The places of one text.
public struct TextResolution: Sendable {
    public var resolved: [ResolvedPlace]
    public var rejected: [RejectedMention]
    /// How strongly the text points at each country (place mentions and cue words).
    public var countryWeights: [String: Double]
    /// The country the text is about, when one stands out.
    public var mainCountry: String?
}

/// The names and country cues a walk of ``Gazetteer/textPhrases`` found in a text's tokens
/// (``Gazetteer/nameMatches(_:firstMember:)``), for ``Gazetteer/resolve(_:tokens:names:)``.
public struct NameMatches: Sendable {
    let names: [PhraseMatch<String>]
    let countryCues: [PhraseMatch<String>]
}
