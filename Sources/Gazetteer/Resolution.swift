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
public struct ResolvedPlace: Hashable, Sendable {
    public var mention: Mention
    public var place: Place
    public var score: Double
    /// Every candidate, best first.
    public var candidates: [Candidate]
    /// Why this place was chosen, in words.
    public var reason: String
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
