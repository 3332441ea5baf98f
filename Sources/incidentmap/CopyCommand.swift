import ArgumentParser
import IncidentMapKit

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store into another: a SpatiaLite file into PostGIS, or back.",
        discussion: """
            Every incident is copied with every column as the source holds it (its ingested_at \
            too), in one transaction on the target, then the gazetteer's places and its log of \
            refreshes: an export of either store gives the same file. The target is created when \
            missing; one that holds incidents already is refused unless --merge, which merges as \
            ingest does (a stored id gains the source's sources, URLs and evidence). A target \
            the copy created is removed when it fails.
            Examples:
              incidentmap copy --from incidents.sqlite --to postgresql://analyst@db.example.org/incidents
              incidentmap copy --from postgresql://analyst@db.example.org/incidents --to snapshot.sqlite
            """)

    @Option(help: ArgumentHelp("The store to copy: a SpatiaLite file or a postgresql:// URL.", valueName: "path-or-url"))
    var from: String

    @Option(help: ArgumentHelp("The store to copy into: a SpatiaLite file or a postgresql:// URL.", valueName: "path-or-url"))
    var to: String

    @Flag(help: "Merge into a target that holds incidents already, instead of refusing it.")
    var merge = false

    func run() throws {
        let progress = ProgressLine(label: "copy", totalBytes: 100)
        do {
            let report = try CopyStore().run(CopyStore.Request(from: StoreLocation(from), to: StoreLocation(to), merge: merge)) { rows, total in
                progress.update(bytes: Int64(rows) * 100 / Int64(max(1, total)), items: rows)
            }
            progress.clear()
            printError(report.description)
        } catch {
            progress.clear()
            throw CommandFailure(error)
        }
    }
}
