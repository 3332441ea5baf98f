import Foundation

/// Runs a command under `/usr/bin/time -f "%M"` for its peak resident memory, timing it with the
/// monotonic clock (this machine's wall clock has been seen to jump, which `time`'s %e follows).
enum Timing {
    struct Measurement {
        var seconds: Double
        var peakKilobytes: Int
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Measurement {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "TIMING %M", executable] + arguments
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        process.environment = variables
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
              let line = text.split(separator: "\n").last(where: { $0.hasPrefix("TIMING ") }) else {
            throw BenchError("\(executable) \(arguments.joined(separator: " ")) failed:\n\(text.suffix(2000))")
        }
        let fields = line.split(separator: " ")
        return Measurement(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                           peakKilobytes: Int(fields[1]) ?? 0)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Writes a line to standard output at once (not buffered), so that a long run shows, and
/// keeps, each row as it is measured.
func emit(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
