import ArgumentParser
import IncidentMapKit
import IncidentStorage

/// What a page command names as its defaults: the file it writes and its title.
protocol PageDefaults {
    /// What the page is called in the help (`page`, `report`).
    static var noun: String { get }
    /// The file written when `--out` is not given.
    static var file: String { get }
    /// The title when `--title` is not given.
    static var title: String { get }
}

/// The options `map` and `report` share: the store, the export filters, the HTML file written
/// and its title, each command with its own defaults.
struct PageOptions<Defaults: PageDefaults>: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var out: String = Defaults.file

    @Option(help: ArgumentHelp("The \(Defaults.noun)'s title."))
    var title: String = Defaults.title

    /// Opens the store (which must exist), runs `write` with it and the filter, and prints the
    /// line `write` returns; any error ends the command with its message.
    func write(_ write: (any StoreBackend, IncidentFilter) throws -> String) throws {
        let filter = try filters.filter()
        let incidentStore = try store.open(.mustExist)
        do {
            printError(try write(incidentStore, filter))
        } catch {
            throw CommandFailure(error)
        }
    }
}
