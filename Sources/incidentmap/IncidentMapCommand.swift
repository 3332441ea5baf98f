import ArgumentParser

@main
struct IncidentMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidentmap",
        abstract: "Turn conflict incidents into a map: store them in a SpatiaLite file, export GeoJSON, ask what happened near a place.",
        discussion: """
            The store is one SpatiaLite file (incidents.sqlite in the working directory unless --db \
            or INCIDENTMAP_DB says otherwise) that QGIS and GDAL open as a point layer, or a PostGIS \
            database that a team shares: --db postgresql://user@host:5432/incidents.

            Typical use:
              incidentmap ingest Data/incidents/tripoli-offensive-2019-04.csv
              incidentmap export --format geojson --out incidents.geojson
              incidentmap near 32.8942,13.2761 --radius 10km
            """,
        // Raised with each release; `incidentmap --version` prints it.
        version: "0.8.0",
        subcommands: [ExtractCommand.self, IngestCommand.self, ExportCommand.self, MapCommand.self, ReportCommand.self, ServeCommand.self, NearCommand.self, StatsCommand.self, GazetteerCommand.self, CopyCommand.self])
}
