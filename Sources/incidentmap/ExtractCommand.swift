import ArgumentParser
import Extraction
import Foundation
import GeoJSON
import IncidentImport
import IncidentMapCore

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

    @Option(help: ArgumentHelp("The articles' publication date.", valueName: "YYYY-MM-DD"))
    var published: String?

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
        if let published {
            do { _ = try IncidentDate(parsing: published) } catch { throw ValidationError("--published: \(error)") }
        }
    }

    func run() throws {
        let extractor: IncidentExtractor
        do {
            extractor = try IncidentExtractor()
        } catch {
            throw CommandFailure("the built-in lexicons are broken (\(error)): rebuild incidentmap from a clean checkout")
        }
        let publishedDate = try published.map { try IncidentDate(parsing: $0) }
        var found: [ExtractedIncident] = []
        for file in files {
            do {
                let reader = try ArticleReader(path: file, defaults: .init(published: publishedDate, source: source))
                while var (_, article) = try reader.next() {
                    if lang != .auto { article.declaredLanguage = lang.rawValue }
                    found += extractor.extract(article, includingNotHappened: all)
                }
            } catch {
                throw CommandFailure(error)
            }
        }
        switch format {
        case .table: print(ExtractionOutput.table(found, withStatus: all))
        case .json: print(try ExtractionOutput.json(found, asGeoJSON: false))
        case .geojson: print(try ExtractionOutput.json(found, asGeoJSON: true))
        }
        let undated = found.filter { $0.date == nil }.count
        if undated > 0 {
            printError("\(undated) incident(s) have no date: \(found.first { $0.date == nil }?.dateProblem ?? "")")
        }
    }
}

/// Renders extracted incidents.
enum ExtractionOutput {
    static func properties(_ incident: ExtractedIncident) -> [String: Any] {
        var properties: [String: Any] = [
            "event_type": incident.eventType.rawValue, "sub_event_type": incident.subEventType,
            "location": incident.place.nameEnglish, "place_id": incident.place.id,
            "latitude": incident.place.coordinate.latitude, "longitude": incident.place.coordinate.longitude,
            "geo_precision": incident.geoPrecision.rawValue, "fatalities": incident.fatalities,
            "trigger": incident.triggerText, "language": incident.language, "status": incident.status.rawValue,
            "evidence": incident.evidence.map { span -> [String: Any] in
                var object: [String: Any] = ["text": span.text, "start": span.start, "end": span.end]
                object["source"] = span.source
                return object
            },
        ]
        properties["event_id_cnty"] = incident.eventID ?? NSNull()
        properties["event_date"] = incident.date?.date.description ?? NSNull()
        properties["time_precision"] = incident.date?.precision.rawValue ?? NSNull()
        properties["actor1"] = incident.actor1 ?? NSNull()
        properties["actor2"] = incident.actor2 ?? NSNull()
        properties["admin1"] = incident.place.admin1 ?? NSNull()
        properties["location_ar"] = incident.place.nameArabic ?? NSNull()
        properties["source"] = incident.source ?? NSNull()
        properties["notes"] = incident.incident()?.notes ?? (incident.dateProblem.map { "date unknown: \($0)" } ?? NSNull())
        return properties
    }

    static func json(_ incidents: [ExtractedIncident], asGeoJSON: Bool) throws -> String {
        let object: Any
        if asGeoJSON {
            object = ["type": "FeatureCollection", "features": incidents.map { incident -> [String: Any] in
                var feature: [String: Any] = [
                    "type": "Feature",
                    "geometry": ["type": "Point", "coordinates": [incident.place.coordinate.longitude, incident.place.coordinate.latitude]],
                    "properties": properties(incident),
                ]
                if let id = incident.eventID { feature["id"] = id }
                return feature
            }]
        } else {
            object = incidents.map(properties)
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func table(_ incidents: [ExtractedIncident], withStatus: Bool = false) -> String {
        guard !incidents.isEmpty else { return "no incidents found" }
        let header = (withStatus ? ["status"] : [])
            + ["event_date", "tp", "event_type", "sub_event_type", "location", "gp", "actor1", "deaths", "evidence"]
        let rows = incidents.map { incident -> [String] in
            (withStatus ? [incident.status.rawValue] : [])
                + [incident.date?.date.description ?? "unknown", incident.date.map { String($0.precision.rawValue) } ?? "-",
                   incident.eventType.rawValue, incident.subEventType, incident.place.nameEnglish,
                   String(incident.geoPrecision.rawValue), String((incident.actor1 ?? "").prefix(40)),
                   String(incident.fatalities), "\(incident.evidence.count) sentence(s)"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
