import ArgumentParser
import Extraction
import Foundation
import IncidentImport
import IncidentMapCore
import IncidentStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add incidents to the store: from news articles, or from ACLED-style JSON Lines or CSV.",
        discussion: """
            Articles: a .txt file (one article), a folder of .txt files, or JSON Lines of \
            {"text", "published", "source", "url"} objects. Their incidents are extracted (see \
            `incidentmap extract`) and stored; the same article twice adds nothing, and the same \
            event from another article (same type, place and day) is merged into the stored \
            incident, which keeps every source and evidence sentence. --published dates the \
            articles that carry no date of their own; incidents whose date cannot be read are \
            reported and not stored.

            Incident rows: each file is read as JSON Lines (.jsonl, .ndjson: one object per line) or CSV (.csv, \
            with a header row). Columns are ACLED's: event_date, event_type and latitude, \
            longitude are required; event_id_cnty, time_precision, sub_event_type, actor1, actor2, \
            admin1, location, geo_precision, fatalities, source, notes, location_ar, place_id, \
            source_url and evidence are optional; other columns are ignored.

            Each file is one transaction: a bad row stops that file with FILE:LINE and what is \
            wrong, stores nothing of it, keeps what other files stored, and the command exits \
            with status 1. An incident whose event_id_cnty is already stored is left as it is, so \
            ingesting a file twice adds nothing; rows without an id get one derived from their \
            source and content.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Files or folders to ingest: articles (.txt, a folder, JSON Lines with text) or incident rows (.jsonl, .csv).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The articles' publication date, for those that give none.", valueName: "YYYY-MM-DD"))
    var published: String?

    @Option(help: ArgumentHelp("The articles' source (default: the file name).", valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp("The articles' URL.", valueName: "url"))
    var url: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to ingest.") }
        if let published {
            do { _ = try IncidentDate(parsing: published) } catch { throw ValidationError("--published: \(error)") }
        }
    }

    func run() throws {
        let incidentStore = try store.open(.createIfMissing)
        var total = IngestSummary()
        var failed: [String] = []
        for file in files {
            do {
                let summary = ArticleReader.holdsArticles(file)
                    ? try ingestArticles(file, into: incidentStore)
                    : try ingest(file, into: incidentStore)
                total.added += summary.added
                total.alreadyPresent += summary.alreadyPresent
                total.merged += summary.merged
            } catch {
                printError(String(describing: error))
                printError("\(file): nothing of this file was stored")
                failed.append(file)
            }
        }
        if files.count > 1 {
            print("total: \(total.added) added, \(total.merged) merged into stored incidents, \(total.alreadyPresent) already in the store (\(store.path))")
        }
        if !failed.isEmpty {
            throw CommandFailure("\(failed.count) of \(files.count) file(s) failed and stored nothing: \(failed.joined(separator: ", "))")
        }
    }

    private func ingest(_ file: String, into incidentStore: IncidentStore) throws -> IngestSummary {
        let reader = try IncidentFileReader(path: file)
        let progress = ProgressLine(label: file, totalBytes: reader.fileSize)
        defer { progress.clear() }
        // About 400 bytes a row in ACLED exports: enough to tell a bulk load from a small one.
        // Parsing runs a chunk ahead on another thread while this one inserts.
        let ahead = IncidentFileReader.ReadAhead(reader)
        defer { ahead.cancel() }
        let summary = try incidentStore.ingest(expectedRows: Int(reader.fileSize / 400)) { batch in
            var rows = 0
            while let chunk = try ahead.next() {
                for incident in chunk.incidents { try batch.add(incident) }
                rows += chunk.incidents.count
                progress.update(bytes: chunk.bytesRead, items: rows)
            }
        }
        print("\(file): \(summary.added) added, \(summary.alreadyPresent) already in the store")
        return summary
    }

    /// Extracts and stores the incidents of the articles in `file`, in one transaction.
    private func ingestArticles(_ file: String, into incidentStore: IncidentStore) throws -> IngestSummary {
        let defaults = ArticleReader.ArticleDefaults(published: try published.map { try IncidentDate(parsing: $0) },
                                                     source: source, url: url)
        let reader = try ArticleReader(path: file, defaults: defaults)
        let extractor: IncidentExtractor
        do {
            extractor = try IncidentExtractor(gazetteer: try incidentStore.gazetteer())
        } catch {
            throw CommandFailure("cannot load the gazetteer and lexicons: \(error)")
        }
        let progress = ProgressLine(label: file, totalBytes: 0)
        defer { progress.clear() }
        var articles = 0, undated = 0
        var undatedReason: String?
        let summary = try incidentStore.ingest { batch in
            while let (_, article) = try reader.next() {
                for extracted in extractor.extract(article) {
                    if let incident = extracted.incident() {
                        try batch.addOrMerge(incident)
                    } else {
                        undated += 1
                        undatedReason = extracted.dateProblem
                    }
                }
                articles += 1
                progress.update(bytes: 0, items: articles)
            }
        }
        print("\(file): \(articles) article(s): \(summary.added) incident(s) added, \(summary.merged) merged into stored incidents, \(summary.alreadyPresent) already in the store")
        if undated > 0 {
            printError("\(file): \(undated) incident(s) not stored, their date unknown: \(undatedReason ?? "pass --published")")
        }
        return summary
    }
}
