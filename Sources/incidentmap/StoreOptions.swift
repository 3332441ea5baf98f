import ArgumentParser
import IncidentMapKit
import IncidentStorage

/// The `--db` option every command that touches the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a SpatiaLite file, or a PostGIS database as postgresql://user@host:port/database.",
        discussion: """
            Defaults to $INCIDENTMAP_DB, or incidents.sqlite in the working directory. A URL's missing \
            parts come from libpq's PGHOST, PGPORT, PGUSER, PGDATABASE and PGSSLMODE; the password from \
            ~/.pgpass (or PGPASSFILE) or PGPASSWORD, rather than the command line.
            """,
        valueName: "path-or-url"))
    var db: String?

    /// Where the store is: `--db` (a path or a `postgresql://` URL), else `$INCIDENTMAP_DB`, else `incidents.sqlite`.
    var location: StoreLocation { StoreLocation(option: db) }

    func open(_ mode: StoreLocation.OpenMode) throws -> any StoreBackend {
        do {
            return try location.open(mode)
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// An error that ends a command with its message on one line and exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
    init(_ error: any Error) { description = String(describing: error) }
}
