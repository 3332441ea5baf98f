import Foundation

/// Where a command's answer and its messages go: standard output and standard error, or, for a
/// command run in-process by a test, lines kept in memory (a task-local, so that tests running
/// at once each see their own). Streamed exports write to standard output through their sink.
struct Console: Sendable {
    /// Takes one line of the command's answer.
    var output: @Sendable (String) -> Void
    /// Takes one line of message: progress, warnings, errors.
    var errors: @Sendable (String) -> Void

    static let standard = Console(
        output: { line in print(line) },
        errors: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })

    @TaskLocal static var current = Console.standard
}

/// Writes a line of the command's answer to standard output.
func printOutput(_ line: String) {
    Console.current.output(line)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    Console.current.errors(message)
}
