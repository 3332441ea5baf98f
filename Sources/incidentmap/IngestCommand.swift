import ArgumentParser
import IncidentImport
import IncidentMapCore
import IncidentMapKit

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add incidents to the store: from news articles, ACLED files (CSV, Excel, API answers), GDELT event exports or JSON Lines.",
        discussion: """
            Inputs, each told by its name and contents:
            - articles: a .txt file (one article), a folder of .txt files, or JSON Lines \
            (.jsonl) of {"text", "published", "source", "url"} objects;
            - ACLED CSV (.csv, .tsv): a header row of ACLED's columns, in any case; comma-, \
            semicolon- or tab-separated, told from the header;
            - ACLED Excel (.xlsx, as HDX ships ACLED's files): the first sheet, its first row \
            the header; dates kept as Excel day numbers are read in the workbook's date system;
            - ACLED API answers (.json): {"status", "success", "count", "data": [...]}, one \
            answer or several pages;
            - JSON Lines of incidents (.jsonl, .ndjson): one object per line, keyed by ACLED's \
            columns;
            - GDELT 2.0 event exports (YYYYMMDDHHMMSS.export.CSV, or zipped as GDELT publishes \
            them): see --country and --keep-country-level.

            Articles: their incidents are extracted (see `incidentmap extract`) and stored; the \
            same article twice adds nothing, and the same event from another article (same type, \
            place and day) is merged into the stored incident, which keeps every source and \
            evidence sentence. --published dates the articles that carry no date of their own; \
            incidents whose date cannot be read are reported and not stored.

            Incident rows: columns are ACLED's: event_date, event_type and latitude, longitude are \
            required. Every other column of ACLED's current layout (year, disorder_type, \
            assoc_actor_1, inter1, iso, country, admin2, tags, timestamp …) is stored as the file \
            gives it, and incidentmap's own (location_ar, place_id, source_url, evidence) are \
            read; columns no one names are kept together in other_columns, as a JSON object. An \
            export gives them all back. Dates are read in every layout ACLED has used, day first \
            (2020-03-21, 21 March 2020, 9-May-20, 31-12-19, 18/04/2001); ACLED's event types from \
            before 2019 (Riots/Protests, Remote violence, Battle-No change of territory …) are \
            stored under today's type and sub-event type, with the file's type in \
            original_event_type. ACLED's monadic layout (an event's two actors on two rows with \
            the same event_id_cnty) is folded back into one incident with actor1 and actor2, and \
            the summary says how many rows were folded.

            Each file is one transaction: a bad row stops that file with FILE:LINE and what is \
            wrong, stores nothing of it, keeps what other files stored, and the command exits \
            with status 1. With --skip-bad-rows the good rows are stored, the bad ones counted \
            and, with --rejects FILE, written to FILE as CSV (file, line, reason, row). An \
            incident whose event_id_cnty is already stored is left as it is, so ingesting a file \
            twice adds nothing; rows without an id get one derived from their source and content. \
            A store this command created is removed again when every file failed.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Files or folders to ingest: articles (.txt, a folder, JSON Lines with text), ACLED files (.csv, .tsv, .xlsx, or its API answer in .json), JSON Lines of incidents (.jsonl, .ndjson) or GDELT 2.0 event exports (.export.CSV, zipped or not).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The articles' publication date, for those that give none.", valueName: "YYYY-MM-DD"),
            transform: { try IncidentDate(parsing: $0) })
    var published: IncidentDate?

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
    }

    func run() throws {
        let request = IngestFiles.Request(files: files, articleDefaults: .init(published: published, source: source, url: url),
                                          skipBadRows: skipBadRows, rejectsPath: rejects,
                                          gdelt: GDELTOptions(keepCountryLevel: keepCountryLevel, country: country))
        var progress: ProgressLine?
        let report: IngestFiles.Report
        do {
            report = try IngestFiles(location: store.location).run(request) { event in
                switch event {
                case .progress(let file, let bytesRead, let totalBytes, let items):
                    if progress?.label != file { progress = ProgressLine(label: file, totalBytes: totalBytes) }
                    progress?.update(bytes: bytesRead, items: items)
                case .rowSkipped(let file, let line, let reason):
                    progress?.clear()
                    printError("\(file):\(line): \(reason) (skipped)")
                case .stored(let fileReport):
                    progress?.clear()
                    progress = nil
                    printOutput(fileReport.description)
                    if let gdeltLine = fileReport.gdeltLine { printOutput(gdeltLine) }
                    if let warning = fileReport.warning { printError(warning) }
                case .failed(let file, let error):
                    progress?.clear()
                    progress = nil
                    printError(String(describing: error))
                    printError("\(file): nothing of this file was stored")
                case .storeRemoved(let location):
                    printError("\(location): removed again, as nothing was stored in it")
                }
            }
        } catch {
            throw CommandFailure(error)
        }
        if files.count > 1 { printOutput(report.totalLine) }
        if let failure = report.failure { throw CommandFailure(failure) }
    }
}
