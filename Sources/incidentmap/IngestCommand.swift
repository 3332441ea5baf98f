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

            Incident rows: each file is read as JSON Lines (.jsonl, .ndjson: one object per line), CSV (.csv, .tsv, \
            with a header row in any case; comma-, semicolon- or tab-separated, told from the \
            header) or ACLED's API answer (.json: {"status", "success", "count", "data": [...]}, \
            one or several pages). Columns are ACLED's: event_date, event_type and latitude, \
            longitude are required; event_id_cnty, time_precision, sub_event_type, actor1, actor2, \
            admin1, location, geo_precision, fatalities, source, notes, location_ar, place_id, \
            source_url and evidence are optional; other columns are ignored. Dates are read in \
            every layout ACLED has used, day first (2020-03-21, 21 March 2020, 9-May-20, \
            31-12-19, 18/04/2001); ACLED's event types from before 2019 (Riots/Protests, \
            Remote violence, Battle-No change of territory …) are stored under today's type and \
            sub-event type, with the file's type in original_event_type.

            Each file is one transaction: a bad row stops that file with FILE:LINE and what is \
            wrong, stores nothing of it, keeps what other files stored, and the command exits \
            with status 1. With --skip-bad-rows the good rows are stored, the bad ones counted \
            and, with --rejects FILE, written to FILE as CSV (file, line, reason, row). An \
            incident whose event_id_cnty is already stored is left as it is, so ingesting a file \
            twice adds nothing; rows without an id get one derived from their source and content. \
            A store this command created is removed again when every file failed.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Files or folders to ingest: articles (.txt, a folder, JSON Lines with text) or incident rows (.jsonl, .ndjson, .csv, .tsv, or ACLED's API answer in .json).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The articles' publication date, for those that give none.", valueName: "YYYY-MM-DD"))
    var published: String?

    @Option(help: ArgumentHelp("The articles' source (default: the file name).", valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp("The articles' URL.", valueName: "url"))
    var url: String?

    @Flag(help: "Store the good rows of an incident file and skip the bad ones (counted, and written to --rejects), instead of storing nothing of the file.")
    var skipBadRows = false

    @Option(help: ArgumentHelp("With --skip-bad-rows: write each skipped row to this CSV file (file, line, reason, row).", valueName: "file"))
    var rejects: String?

    @Flag(help: "GDELT event exports: keep events placed only at a country's centroid (ActionGeo_Type 1), dropped by default.")
    var keepCountryLevel = false

    @Option(help: ArgumentHelp("GDELT event exports: keep only events in this country (FIPS 10-4 code, as ActionGeo_CountryCode: Libya is LY).", valueName: "CC"))
    var country: String?

    func validate() throws {
        if let country, !GDELTOptions.isCountryCode(country) { throw ValidationError("--country takes a two-letter FIPS 10-4 code, such as LY for Libya.") }
        if files.isEmpty { throw ValidationError("Name at least one file to ingest.") }
        if rejects != nil && !skipBadRows { throw ValidationError("--rejects needs --skip-bad-rows: without it a bad row stops its file.") }
        if let published {
            do { _ = try IncidentDate(parsing: published) } catch { throw ValidationError("--published: \(error)") }
        }
    }

    func run() throws {
        // The rejects file first: a path that cannot be written then leaves no new store behind.
        let rejectsFile = try rejects.map { path throws(ImportError) in try RejectedRowsFile(path: path) }
        let storeExisted = FileManager.default.fileExists(atPath: store.path)
        let incidentStore = try store.open(.createIfMissing)
        var total = IngestSummary()
        var failed: [String] = []
        var skipped = 0
        for file in files {
            do {
                let summary = try ArticleReader.holdsArticles(file)
                    ? try ingestArticles(file, into: incidentStore)
                    : try ingest(file, into: incidentStore, rejectsFile: rejectsFile, skipped: &skipped)
                total.added += summary.added
                total.alreadyPresent += summary.alreadyPresent
                total.merged += summary.merged
            } catch {
                printError(String(describing: error))
                printError("\(file): nothing of this file was stored")
                failed.append(file)
            }
        }
        try rejectsFile?.close()
        if files.count > 1 {
            print("total: \(total.added) added, \(total.merged) merged into stored incidents, \(total.alreadyPresent) already in the store (\(store.path))"
                  + (skipBadRows ? ", \(skipped) bad row(s) skipped" : ""))
        }
        if !failed.isEmpty {
            if failed.count == files.count && !storeExisted {
                try incidentStore.closeAndDelete()
                printError("\(store.path): removed again, as nothing was stored in it")
            }
            throw CommandFailure("\(failed.count) of \(files.count) file(s) failed and stored nothing: \(failed.joined(separator: ", "))")
        }
    }

    /// How many refused rows are printed where no --rejects file keeps them.
    private static let rejectedRowsPrinted = 20

    private func ingest(_ file: String, into incidentStore: IncidentStore, rejectsFile: RejectedRowsFile?,
                        skipped: inout Int) throws -> IngestSummary {
        let reader = try IncidentFileReader(path: file, gdelt: GDELTOptions(keepCountryLevel: keepCountryLevel, country: country))
        let progress = ProgressLine(label: file, totalBytes: reader.fileSize)
        defer { progress.clear() }
        // About 400 bytes a row in ACLED exports: enough to tell a bulk load from a small one.
        // Parsing runs a chunk ahead on another thread while this one inserts.
        let ahead = IncidentFileReader.ReadAhead(reader, skipBadRows: skipBadRows)
        defer { ahead.cancel() }
        var rejected = 0
        let summary = try incidentStore.ingest(expectedRows: Int(reader.fileSize / 400)) { batch in
            var rows = 0
            while let chunk = try ahead.next() {
                for incident in chunk.incidents { try batch.add(incident) }
                rows += chunk.incidents.count
                progress.update(bytes: chunk.bytesRead, items: rows)
                if let rejectsFile {
                    try rejectsFile.append(chunk.rejected, from: file)
                } else {
                    for row in chunk.rejected.prefix(max(0, Self.rejectedRowsPrinted - rejected)) {
                        progress.clear()
                        printError("\(file):\(row.line): \(row.reason) (skipped)")
                    }
                }
                rejected += chunk.rejected.count
            }
        }
        skipped += rejected
        var line = "\(file): \(summary.added) added, \(summary.alreadyPresent) already in the store"
        if skipBadRows {
            line += ", \(rejected) bad row(s) skipped"
            if let rejectsFile, rejected > 0 { line += " (written to \(rejectsFile.path))" }
            if rejectsFile == nil && rejected > Self.rejectedRowsPrinted { line += " (the first \(Self.rejectedRowsPrinted) shown: pass --rejects FILE for all)" }
        }
        print(line)
        if let gdelt = reader.gdeltSummary { print("\(file): \(gdelt)") }
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
