import Foundation

/// An article to extract incidents from.
public struct Article: Sendable {
    public var text: String
    /// The publication date, against which "yesterday" and "last Thursday" are read.
    public var published: IncidentDate?
    public var source: String?
    public var url: String?

    public init(text: String, published: IncidentDate? = nil, source: String? = nil, url: String? = nil) {
        self.text = text
        self.published = published
        self.source = source
        self.url = url
    }

    /// `ar` when most letters are Arabic, else `en`.
    public var language: String {
        var arabic = 0, latin = 0
        for scalar in text.unicodeScalars.prefix(20_000) {
            if (0x0600...0x06FF).contains(scalar.value) { arabic += 1 } else if scalar.properties.isAlphabetic { latin += 1 }
        }
        return arabic >= latin ? "ar" : "en"
    }
}
