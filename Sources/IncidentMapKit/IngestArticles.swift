import Extraction
import Gazetteer
import IncidentImport
import IncidentMapCore
import IncidentStorage

/// Article ingestion, as `ingest` and the server's `POST /articles` both do it: extract the
/// incidents an article reports, store those with a date (merging the same event told by
/// another article into the stored one), and report what was stored and what was not.
///
/// ```swift
/// let ingest = try IngestArticles(store: store, gazetteer: try GazetteerInForce.load(for: store))
/// let stored = try ingest.store(ingest.extract(article))
/// print(stored.summary.added, stored.undated.count)
/// ```
public struct IngestArticles: Sendable {
    /// The store the incidents go to.
    public let store: any StoreBackend
    /// The extraction, with the store's gazetteer.
    public let extractor: IncidentExtractor

    /// An ingest into `store`, extracting with `gazetteer` (the one in force for the store).
    public init(store: any StoreBackend, gazetteer: Gazetteer) throws(IncidentMapError) {
        self.store = store
        do {
            extractor = try IncidentExtractor(gazetteer: gazetteer)
        } catch {
            throw .builtInDataBroken(what: "lexicons", reason: String(describing: error))
        }
    }

    /// What an ingest of articles stored.
    public struct Stored: Sendable {
        /// Articles read.
        public var articles = 0
        public var summary = IngestSummary()
        /// The incidents stored (or merged), where the caller asked to keep them.
        public var incidents: [Incident] = []
        /// Incidents found whose date is unknown: not stored.
        public var undated: [ExtractedIncident] = []
    }

    /// The incidents `article` reports. CPU-bound: a server runs it off its event loops.
    /// `isCancelled` is asked before each sentence; once it says yes, nothing is returned.
    public func extract(_ article: Article, isCancelled: () -> Bool = { false }) -> [ExtractedIncident] {
        extractor.extract(article, isCancelled: isCancelled)
    }

    /// Stores what one article's extraction found, in one transaction; keeps the stored
    /// incidents in the answer.
    public func store(_ extracted: [ExtractedIncident]) throws -> Stored {
        var stored = Stored(articles: 1)
        stored.summary = try store.ingest { batch in
            try Self.add(extracted, to: batch, into: &stored, keepingIncidents: true)
        }
        return stored
    }

    /// Extracts and stores every article of `file` (a `.txt` file, a folder of them, or JSON
    /// Lines of articles) in one transaction: a bad line stores nothing of the file.
    /// `progress` hears how many articles have been read.
    public func ingest(file: String, defaults: ArticleReader.ArticleDefaults,
                       progress: (Int) -> Void = { _ in }) throws -> Stored {
        let reader = try ArticleReader(path: file, defaults: defaults)
        var stored = Stored()
        stored.summary = try store.ingest { batch in
            while let (_, article) = try reader.next() {
                try Self.add(extract(article), to: batch, into: &stored, keepingIncidents: false)
                stored.articles += 1
                progress(stored.articles)
            }
        }
        return stored
    }

    /// Adds the dated incidents of one article to `batch` and notes the undated ones.
    private static func add(_ extracted: [ExtractedIncident], to batch: any IngestBatch, into stored: inout Stored,
                            keepingIncidents: Bool) throws {
        for incident in extracted {
            guard let complete = incident.storedIncident() else {
                stored.undated.append(incident)
                continue
            }
            try batch.addOrMerge(complete)
            if keepingIncidents { stored.incidents.append(complete) }
        }
    }
}
