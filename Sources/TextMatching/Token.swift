/// The writing system of a token, which decides how it is normalised.
public enum Script: Sendable, Hashable {
    case arabic
    case latin
    case digits
    case other
}

/// A word of a text: its normalised form for matching and where it stands in the original.
///
/// Offsets count Unicode scalars (code points) from the start of the text, as
/// `EvidenceSpan` does, so they point into the original, not the normalised, text.
public struct Token: Sendable, Hashable {
    /// The letters after folding (diacritics, letter variants), before any clitic or article
    /// is removed: what clitic detachment and run-together splitting work on.
    public let folded: [Unicode.Scalar]
    /// For each scalar of ``folded``, its offset in the original text.
    public let offsets: [Int]
    /// The form names are matched on (``folded`` with the article removed).
    public let key: String
    /// Offset of the token's first scalar in the original text.
    public let start: Int
    /// Offset one past its last scalar.
    public let end: Int
    public let script: Script
    /// For Latin script: the token began with a capital letter in the original.
    public let isCapitalised: Bool
    /// A Latin article (al-, el-, ad- …) that was merged into this token: the token's span
    /// starts at the article.
    public let hadArticle: Bool

    /// The folded text as a string.
    public var foldedText: String { String(String.UnicodeScalarView(folded)) }
}
