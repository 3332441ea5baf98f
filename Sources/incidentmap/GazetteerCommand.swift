import ArgumentParser
import Foundation
import Gazetteer
import IncidentMapCore
import IncidentStore

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Search the place names incidentmap knows, or refresh them from GeoNames.",
        discussion: """
            The gazetteer is built into incidentmap (the files of Gazetteer/ in the source): \
            Libyan places in Arabic and Latin script with their spelling variants, and the foreign \
            places Libyan news names. A refresh imports a GeoNames country dump into the store, \
            where it adds to the built-in places.
            """,
        subcommands: [GazetteerSearchCommand.self, GazetteerRefreshCommand.self, GazetteerConvertCommand.self])
}

struct GazetteerSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "List the places whose names match NAME, best first.",
        discussion: """
            Spellings are folded before comparing (طرابلس = بطرابلس's stem; Gasr Ben Gashir = \
            Qasr bin Ghashir), so a score of 1 means the same name. Works without a database; with \
            --db, places imported by `gazetteer refresh` are searched too.

            Example: incidentmap gazetteer search "قصر بن غشير"
            """)

    @Argument(help: "A place name in Arabic or Latin script.")
    var name: String

    @Option(help: "Output format: table or json.")
    var format: SearchFormat = .table

    @Option(help: "Show at most this many places.")
    var limit: Int = 10

    @Option(help: ArgumentHelp("Also search the places a refresh stored in this store.", valueName: "path"))
    var db: String?

    enum SearchFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Give a name to search for.") }
    }

    func run() throws {
        let gazetteer = try GazetteerLoader.load(storePath: db)
        let results = gazetteer.search(name, limit: limit)
        switch format {
        case .table: print(SearchTable.render(results, query: name))
        case .json: print(try SearchTable.json(results))
        }
    }
}

/// Renders search results.
enum SearchTable {
    static func render(_ results: [SearchResult], query: String) -> String {
        guard !results.isEmpty else { return "no place matches '\(query)'" }
        let header = ["score", "id", "name_en", "name_ar", "kind", "admin1", "latitude", "longitude"]
        let rows = results.map { result -> [String] in
            let place = result.place
            return [String(format: "%.3f", result.score), place.id, place.nameEnglish, place.nameArabic ?? "",
                    place.kind.rawValue, place.admin1 ?? place.countryCode,
                    String(place.coordinate.latitude), String(place.coordinate.longitude)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func json(_ results: [SearchResult]) throws -> String {
        let objects: [[String: Any]] = results.map { result in
            let place = result.place
            var object: [String: Any] = [
                "id": place.id, "name_en": place.nameEnglish, "names": place.names, "kind": place.kind.rawValue,
                "latitude": place.coordinate.latitude, "longitude": place.coordinate.longitude,
                "country": place.countryCode, "score": result.score, "matched_name": result.matchedName,
                "source": place.source,
            ]
            object["name_ar"] = place.nameArabic
            object["admin1"] = place.admin1
            object["population"] = place.population
            return object
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

struct GazetteerConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn a GeoNames country dump into a place file in the gazetteer's format.",
        discussion: """
            For curating: the output is a tab-separated place file like those of Gazetteer/, \
            one place per GeoNames row, with its Arabic and Latin names, kind, district and \
            coordinate source. It changes nothing else.
            """)

    @Option(help: ArgumentHelp("A GeoNames dump: LY.txt, LY.zip, or a URL to one.", valueName: "file|url"))
    var geonames: String

    @Option(help: ArgumentHelp("The place file to write.", valueName: "file"))
    var out: String

    func run() throws {
        let places: [Place]
        do {
            places = try GeoNamesDump.places(from: geonames, districts: Gazetteer.districts())
        } catch {
            throw CommandFailure(error)
        }
        var text = "# Generated by `incidentmap gazetteer convert --geonames \((geonames as NSString).lastPathComponent)`.\n"
        text += "# Data from GeoNames (https://www.geonames.org), CC BY 4.0.\n"
        text += PlaceFile.columns.joined(separator: "\t") + "\n"
        for place in places.sorted(by: { $0.id < $1.id }) { text += PlaceFile.line(for: place) + "\n" }
        do {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
        }
        printError("wrote \(places.count) places to \(out)")
    }
}

/// Loads the gazetteer in force: the built-in one, plus what a refresh stored in `storePath`.
enum GazetteerLoader {
    static func load(storePath: String?) throws -> Gazetteer {
        do {
            if let storePath {
                let store = try IncidentStore(path: storePath, mode: .mustExist)
                return try store.gazetteer()
            }
            return try Gazetteer.bundled()
        } catch let error as StoreError {
            throw CommandFailure(error)
        } catch {
            throw CommandFailure("the built-in gazetteer is broken (\(error)): rebuild incidentmap from a clean checkout")
        }
    }
}
