import ArgumentParser
import Foundation
import IncidentImport
import IncidentStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add incidents from JSON Lines or CSV files with ACLED column names to the store.",
        discussion: """
            Each file is read as JSON Lines (.jsonl, .ndjson: one object per line) or CSV (.csv, \
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

    @Argument(help: ArgumentHelp("Files to ingest (.jsonl, .ndjson or .csv).", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to ingest.") }
    }

    func run() throws {
        let incidentStore = try store.open(.createIfMissing)
        var total = IngestSummary()
        var failed: [String] = []
        for file in files {
            do {
                let summary = try ingest(file, into: incidentStore)
                total.added += summary.added
                total.alreadyPresent += summary.alreadyPresent
                print("\(file): \(summary.added) added, \(summary.alreadyPresent) already in the store")
            } catch {
                printError(String(describing: error))
                printError("\(file): nothing of this file was stored")
                failed.append(file)
            }
        }
        if files.count > 1 {
            print("total: \(total.added) added, \(total.alreadyPresent) already in the store (\(store.path))")
        }
        if !failed.isEmpty {
            throw CommandFailure("\(failed.count) of \(files.count) file(s) failed and stored nothing: \(failed.joined(separator: ", "))")
        }
    }

    private func ingest(_ file: String, into incidentStore: IncidentStore) throws -> IngestSummary {
        let reader = try IncidentFileReader(path: file)
        let progress = ProgressLine(label: file, totalBytes: reader.fileSize)
        defer { progress.clear() }
        return try incidentStore.ingest { batch in
            var rows = 0
            while let incident = try reader.next() {
                try batch.add(incident)
                rows += 1
                if rows % 4096 == 0 { progress.update(bytes: reader.bytesRead, items: rows) }
            }
        }
    }
}
