import Foundation

/// The executables SwiftPM built beside the test bundle (`incidentmap`), for tests that run
/// the command as a user would.
public enum BuiltExecutable {
    /// The built executable `name`, looked for in the folders above the test bundle.
    public static func url(_ name: String) -> URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    }
}
