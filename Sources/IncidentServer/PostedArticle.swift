import Extraction
import Foundation
import Hummingbird
import HummingbirdCore
import IncidentMapCore
import IncidentMapKit
import NIOCore

/// The body of `POST /articles`: `{"text": …, "published": "YYYY-MM-DD", "source": …, "url": …,
/// "language": "ar"|"en"}`; only `text` is required. Decoded by `request.decode`; a field that
/// is unknown or wrong is an ``APIError`` naming it.
struct PostedArticle: Decodable {
    var article: Article

    static let fields: Set<String> = ["text", "published", "source", "url", "language"]
    static let emptyBody = "the body is empty: send JSON {\"text\": …, \"published\": \"YYYY-MM-DD\", \"source\": …, \"url\": …}"
    static let notAnObject = "the body is not a JSON object: send {\"text\": …, \"published\": \"YYYY-MM-DD\", \"source\": …, \"url\": …}"

    /// Any member name, so that an unknown one can be named in the answer.
    struct Field: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let object: KeyedDecodingContainer<Field>
        do {
            object = try decoder.container(keyedBy: Field.self)
        } catch {
            throw APIError.badBody(Self.notAnObject)
        }
        if let unknown = object.allKeys.map(\.stringValue).sorted().first(where: { !Self.fields.contains($0) }) {
            throw APIError.badParameter(unknown, "unknown field (known: \(Self.fields.sorted().joined(separator: ", ")))")
        }
        func string(_ name: String) throws -> String? {
            let field = Field(stringValue: name)
            guard object.contains(field), try !object.decodeNil(forKey: field) else { return nil }
            do { return try object.decode(String.self, forKey: field) } catch {
                throw APIError.badParameter(name, "must be a string")
            }
        }
        guard let text = try string("text"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badParameter("text", "missing or empty: the article's text is required")
        }
        var published: IncidentDate?
        if let date = try string("published") {
            do { published = try IncidentDate(parsing: date) } catch {
                throw APIError.badParameter("published", String(describing: error))
            }
        }
        let language = try string("language")
        if let language, !["ar", "en"].contains(language) {
            throw APIError.badParameter("language", "'\(language)' is not ar or en")
        }
        article = Article(text: text, published: published, source: try string("source"), url: try string("url"),
                          language: language)
    }
}

/// The answer to `POST /articles`: the counts, the incidents left undated and why, and the
/// stored incidents as a FeatureCollection in the one incident shape (`IncidentProperties`).
struct ArticleAnswer: Encodable {
    /// An incident found whose date is unknown, and so not stored.
    struct Undated: Encodable {
        var eventType: String
        var location: String
        var reason: String

        enum CodingKeys: String, CodingKey {
            case eventType = "event_type"
            case location, reason
        }
    }

    var added: Int
    var merged: Int
    var unchanged: Int
    var undated: [Undated]
    var incidents: FeatureCollection

    init(_ stored: IngestArticles.Stored) {
        added = stored.summary.added
        merged = stored.summary.merged
        unchanged = stored.summary.alreadyPresent
        undated = stored.undated.map { Undated(eventType: $0.eventType.rawValue, location: $0.place.nameEnglish, reason: $0.dateProblem ?? "no date") }
        incidents = FeatureCollection(features: stored.incidents.map { IncidentFeature(IncidentProperties($0)) })
    }

    /// 201 when something was stored (or merged), 200 when nothing was.
    func response() throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: incidents.features.isEmpty ? .ok : .created, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONOutput.data(self) + Data("\n".utf8))))
    }
}
