import Foundation

/// An article to extract incidents from.
public struct Article: Sendable {
    public var text: String
    /// The publication date, against which "yesterday" and "last Thursday" are read.
    public var published: IncidentDate?
    public var source: String?
    public var url: String?
    /// The language the user says the article is in (`ar` or `en`); `nil` to detect it.
    public var declaredLanguage: String?

    public init(text: String, published: IncidentDate? = nil, source: String? = nil, url: String? = nil,
                language: String? = nil) {
        self.text = text
        self.published = published
        self.source = source
        self.url = url
        self.declaredLanguage = language
    }

    /// The declared language, else `ar` when most letters are Arabic, else `en`. Counts
    /// letters each time: read it once per article.
    public var language: String {
        declaredLanguage ?? Self.detectedLanguage(of: text.unicodeScalars)
    }

    /// `ar` when most letters of the first 20,000 scalars of `scalars` are Arabic, else `en`: what
    /// ``language`` answers for a text of these scalars and no declared language. Extraction
    /// asks it once per article of the scalars it has already split the text into (reading the
    /// `String` again, `prefix` first walking 20,000 scalars to find its end, was a twenty-fifth
    /// of extraction's time).
    /// Inlinable: specialised where it is called, it reads an array as an array (called across
    /// modules unspecialised, each scalar was a call through the protocol's witnesses).
    @inlinable
    public static func detectedLanguage(of scalars: some Sequence<Unicode.Scalar>) -> String {
        var arabic = 0, latin = 0, read = 0
        for scalar in scalars {
            if read == 20_000 { break }
            read += 1
            switch scalar.value {
            case 0x0600...0x06FF: arabic += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            case 0...0x7F: continue  // spaces, digits, punctuation: no Unicode lookup
            default: if scalar.properties.isAlphabetic { latin += 1 }
            }
        }
        return arabic >= latin ? "ar" : "en"
    }
}
