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
        if let declaredLanguage { return declaredLanguage }
        var arabic = 0, latin = 0
        for scalar in text.unicodeScalars.prefix(20_000) {
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
