import ArgumentParser
import Foundation
import Gazetteer
import GeoJSON
import IncidentMapCore
import IncidentStore

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Search the place names incidentmap knows, or refresh them from GeoNames or OpenStreetMap.",
        discussion: """
            The gazetteer is built into incidentmap (the files of Gazetteer/ in the source): \
            Libyan places in Arabic and Latin script with their spelling variants, and the foreign \
            places Libyan news names. A refresh imports a GeoNames country dump or an \
            OpenStreetMap Overpass answer into the store, where it adds to the built-in places.
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
        case .json: print(try SearchResult.json(results))
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
}

struct GazetteerConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn a GeoNames dump or an OpenStreetMap Overpass answer into a place file in the gazetteer's format.",
        discussion: """
            For curating: the output is a tab-separated place file like those of Gazetteer/, \
            one place per GeoNames row or OSM element, with its Arabic and Latin names, kind, \
            district and coordinate source. It changes nothing else. Both take a local file \
            (LY.txt or LY.zip; an Overpass [out:json] answer), not a URL: download it first \
            (curl -o FILE URL), so that the file the place file names as its source can be \
            converted again. `gazetteer refresh` takes a URL.

            Example: incidentmap gazetteer convert --osm LY-places-overpass.json --out Gazetteer/osm-LY-places.tsv
            """)

    @Option(help: ArgumentHelp("A GeoNames dump, a local file: LY.txt or LY.zip.", valueName: "file"))
    var geonames: String?

    @Option(help: ArgumentHelp("An OpenStreetMap Overpass answer in [out:json], a local file.", valueName: "file"))
    var osm: String?

    @Option(help: ArgumentHelp("The place file to write.", valueName: "file"))
    var out: String

    func validate() throws {
        if (geonames == nil) == (osm == nil) { throw ValidationError("Give one of --geonames FILE or --osm FILE.") }
    }

    func run() throws {
        let places: [Place]
        do {
            places = try GazetteerSourceFile.places(geonames: geonames, osm: osm)
        } catch {
            throw CommandFailure(error)
        }
        let input = ((geonames ?? osm ?? "") as NSString).lastPathComponent
        var text = "# Generated by `incidentmap gazetteer convert \(geonames != nil ? "--geonames" : "--osm") \(input)`.\n"
        text += geonames != nil ? "# Data from GeoNames (https://www.geonames.org), CC BY 4.0.\n"
            : "# Data © OpenStreetMap contributors, Open Database License (ODbL 1.0): see Gazetteer/LICENSE-ODbL.md.\n"
        text += PlaceFile.columns.joined(separator: "\t") + "\n"
        for place in places.sorted(by: { $0.id < $1.id }) { text += PlaceFile.line(for: place) + "\n" }
        do {
            // Through the same sink as export: replaced whole at the end, never a device.
            let sink = try ByteSink(path: out)
            try sink.write(text)
            try sink.finish()
        } catch {
            throw CommandFailure("cannot write \(out): \(error)")
        }
        printError("wrote \(places.count) places to \(out)")
    }
}

/// Reads the places of a GeoNames dump or an Overpass answer, whichever is given.
enum GazetteerSourceFile {
    static func places(geonames: String?, osm: String?) throws(GazetteerError) -> [Place] {
        if let geonames { return try GeoNamesDump.places(from: geonames, districts: Gazetteer.districts()) }
        let answer = try OverpassPlaces.read(contentsOf: osm ?? "")
        let skipped = answer.unnamed + answer.otherKinds
        if skipped > 0 {
            printError("\(osm ?? ""): \(answer.places.count) places read; skipped \(answer.unnamed) element(s) with no Arabic or Latin name and \(answer.otherKinds) of kinds incidentmap does not keep")
        }
        guard !answer.places.isEmpty else {
            throw .unreadable(file: osm ?? "", reason: "no places in the answer: is it an Overpass answer in [out:json]?")
        }
        return answer.places
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
