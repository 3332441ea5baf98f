import Extraction
import IncidentImport
import IncidentMapCore

/// `extract`: the incidents articles report, stored nowhere, with their evidence, for reading
/// and review.
///
/// ```swift
/// let found = try ExtractArticles().run(ExtractArticles.Request(files: ["article.txt"], published: date))
/// print(try JSONOutput.string(found.map(IncidentProperties.init), pretty: true))
/// ```
public struct ExtractArticles: Sendable {
    /// What to read, and how.
    public struct Request: Sendable {
        /// `.txt` files, folders of them, or JSON Lines of articles.
        public var files: [String]
        /// The publication date of articles that give none.
        public var published: IncidentDate?
        /// The source of articles that name none (default: the file name).
        public var source: String?
        /// `ar` or `en` for every article; `nil` to tell each from its letters.
        public var language: String?
        /// Also the events the text does not report as having happened, with their status.
        public var includingNotHappened: Bool

        public init(files: [String], published: IncidentDate? = nil, source: String? = nil, language: String? = nil,
                    includingNotHappened: Bool = false) {
            self.files = files
            self.published = published
            self.source = source
            self.language = language
            self.includingNotHappened = includingNotHappened
        }
    }

    let extractor: IncidentExtractor

    /// An extraction with the built-in gazetteer and lexicons.
    public init() throws(IncidentMapError) {
        do {
            extractor = try IncidentExtractor()
        } catch {
            throw .builtInDataBroken(what: "lexicons", reason: String(describing: error))
        }
    }

    /// Every incident the articles report, file by file, article by article.
    public func run(_ request: Request) throws -> [ExtractedIncident] {
        var found: [ExtractedIncident] = []
        for file in request.files {
            let reader = try ArticleReader(path: file, defaults: .init(published: request.published, source: request.source))
            while var (_, article) = try reader.next() {
                if let language = request.language { article.declaredLanguage = language }
                found += extractor.extract(article, includingNotHappened: request.includingNotHappened)
            }
        }
        return found
    }
}
