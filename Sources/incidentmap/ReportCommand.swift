import ArgumentParser
import IncidentMapKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report of a period for a desk editor.",
        discussion: """
            The report holds the map of the period, the weekly chart by event type, the top \
            places, fatalities by district, the incidents new since the last report, and each \
            incident's evidence sentence with its source. It needs no network and no script.

            The last report is the file --out replaces, when it is a report; --since-report \
            names another. Each report records when the last incident it saw was stored; \
            "new" are the incidents stored after that.
            Example:
              incidentmap report --since 2019-04-01 --until 2019-04-30 --out april.html
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var out: String = "report.html"

    @Option(help: "The report's title.")
    var title: String = "incidentmap: report"

    @Option(name: .customLong("since-report"), help: ArgumentHelp(
        "The previous report, for the incidents new since (default: the report at --out, if any).", valueName: "file"))
    var sinceReport: String?

    @Option(help: ArgumentHelp("How many incidents to list with their evidence, the newest first.", valueName: "n"))
    var listed: Int = 1000

    func validate() throws {
        guard listed >= 0 else { throw ValidationError("--listed must be 0 or more") }
    }

    func run() throws {
        let request = WriteReport.Request(filter: try filters.filter(), path: out, title: title,
                                          sinceReport: sinceReport, listedIncidents: listed)
        let incidentStore = try store.open(.mustExist)
        do {
            let written = try WriteReport(store: incidentStore).run(request)
            let new = written.hadEarlierReport ? "\(written.summary.new) new since the last report" : "no earlier report"
            printError("wrote a report of \(written.summary.incidents) incidents (\(new)) to \(out)")
        } catch {
            throw CommandFailure(error)
        }
    }
}
