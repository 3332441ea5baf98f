import ArgumentParser
import Foundation
import IncidentStore

/// The `--db` option every command that touches the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The SpatiaLite store file.",
        discussion: "Defaults to $INCIDENTMAP_DB, or incidents.sqlite in the working directory.",
        valueName: "path"))
    var db: String?

    var path: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["INCIDENTMAP_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "incidents.sqlite"
    }

    func open(_ mode: IncidentStore.OpenMode) throws -> IncidentStore {
        do {
            return try IncidentStore(path: path, mode: mode)
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// An error that ends a command with its message on one line and exit status 1.
struct CommandFailure: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ message: String) { description = message }
    init(_ error: any Error) { description = String(describing: error) }
    var errorDescription: String? { description }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
