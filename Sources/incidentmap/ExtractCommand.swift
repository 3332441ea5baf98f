import ArgumentParser
import Extraction
import IncidentMapCore
import IncidentMapKit

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the incidents news articles report, storing nothing.",
        discussion: """
            Reads Arabic or English article text and finds each incident it reports: the event \
            (ACLED type and sub-type), the Libyan place, the date (\"أمس\", \"last Thursday\" read \
            against --published), the actors, the death toll, and every sentence that tells it \
            with its character offsets (Unicode code points) in the article.

            Without --published, relative dates cannot be resolved: those incidents come out \
            with event_date null and a note saying why.

            Only events the text reports as having happened are incidents. --all also lists \
            the ones it denies, negates, plans or threatens, tells as background, or totals, \
            with their status, for review.

            Example: incidentmap extract article.txt --published 2019-04-09 --format table
            """)

    @Argument(help: ArgumentHelp("Articles: .txt files, folders of them, or JSON Lines of {text, published, source, url}.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The articles' publication date.", valueName: "YYYY-MM-DD"),
            transform: { try IncidentDate(parsing: $0) })
    var published: IncidentDate?

    @Option(help: "The articles' language: ar, en or auto (detected from the letters).")
    var lang: Language = .auto

    @Option(help: "Output format: geojson, json or table.")
    var format: ExtractFormat = .geojson

    @Option(help: ArgumentHelp("A source name for the evidence (default: the file name).", valueName: "name"))
    var source: String?

    @Flag(help: ArgumentHelp("Also show the events the text does not report as having happened, with their status: denied, negated, planned (threatened, expected), background, aggregate (a running total) or referred-back. Only 'happened' is ever stored."))
    var all = false

    enum Language: String, ExpressibleByArgument, CaseIterable { case ar, en, auto }
    enum ExtractFormat: String, ExpressibleByArgument, CaseIterable { case geojson, json, table }

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one article file.") }
    }

    func run() throws {
        let found: [ExtractedIncident]
        do {
            found = try ExtractArticles().run(.init(files: files, published: published, source: source,
                                                    language: lang == .auto ? nil : lang.rawValue, includingNotHappened: all))
        } catch {
            throw CommandFailure(error)
        }
        switch format {
        case .table: printOutput(Self.table(found, withStatus: all))
        case .json: printOutput(try JSONOutput.string(found.map(IncidentProperties.init), pretty: true))
        case .geojson:
            printOutput(try JSONOutput.string(FeatureCollection(features: found.map { IncidentFeature(IncidentProperties($0)) }), pretty: true))
        }
        if let undated = found.first(where: { $0.date == nil }) {
            printError("\(found.filter { $0.date == nil }.count) incident(s) have no date: \(undated.dateProblem ?? "")")
        }
    }

    /// The table `--format table` prints.
    static func table(_ incidents: [ExtractedIncident], withStatus: Bool) -> String {
        guard !incidents.isEmpty else { return "no incidents found" }
        let header = (withStatus ? ["status"] : [])
            + ["event_date", "tp", "event_type", "sub_event_type", "location", "gp", "actor1", "deaths", "evidence"]
        return TextTable(header: header, rows: incidents.map { incident in
            (withStatus ? [incident.status.rawValue] : [])
                + [incident.date?.date.description ?? "unknown", incident.date.map { String($0.precision.rawValue) } ?? "-",
                   incident.eventType.rawValue, incident.subEventType, incident.place.nameEnglish,
                   String(incident.geoPrecision.rawValue), String((incident.actor1 ?? "").prefix(40)),
                   String(incident.fatalities), "\(incident.evidence.count) sentence(s)"]
        }).description
    }
}
