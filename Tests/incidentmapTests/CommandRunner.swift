import Foundation
import Testing
import TestSupport

/// Runs the built `incidentmap` executable in a folder and captures what it prints.
struct CommandRunner {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    /// The folder SwiftPM builds products into: the test bundle sits beside `incidentmap`.
    static let executable = BuiltExecutable.url("incidentmap")

    /// The repository's root (for `Data/`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let folder: String

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var variables = ProcessInfo.processInfo.environment
        variables.removeValue(forKey: "INCIDENTMAP_DB")
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes before waiting, so a chatty command cannot fill a pipe and block.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
    }
}
