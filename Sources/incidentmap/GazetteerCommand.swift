import ArgumentParser
import Foundation
import IncidentMapKit

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
        let matches: [PlaceMatch]
        do {
            matches = try (db.map { try SearchGazetteer.inForce(at: StoreLocation($0)) } ?? SearchGazetteer.builtIn()).run(name, limit: limit)
        } catch {
            throw CommandFailure(error)
        }
        switch format {
        case .table: printOutput(Self.table(matches, query: name))
        case .json: printOutput(try JSONOutput.string(matches, pretty: true))
        }
    }

    /// The table `--format table` prints.
    static func table(_ matches: [PlaceMatch], query: String) -> String {
        guard !matches.isEmpty else { return "no place matches '\(query)'" }
        return TextTable(header: ["score", "id", "name_en", "name_ar", "kind", "admin1", "latitude", "longitude"],
                         rows: matches.map { match in
                             [String(format: "%.3f", match.score), match.id, match.nameEnglish, match.nameArabic ?? "",
                              match.kind, match.admin1 ?? match.country, String(match.latitude), String(match.longitude)]
                         }).description
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
        let count: Int
        do {
            count = try ConvertPlaces().run(geonames.map { .geoNames($0) } ?? .openStreetMap(osm ?? ""), to: out, note: printError)
        } catch {
            throw CommandFailure(error)
        }
        printError("wrote \(count) places to \(out)")
    }
}
