import Foundation
import Testing
import TestSupport

/// What the help texts and the README say, checked against the repository and the commands.
@Suite struct DocumentationTruthTests {
    static let commands: [[String]] = [
        [], ["extract"], ["ingest"], ["export"], ["map"], ["report"], ["serve"], ["near"], ["stats"],
        ["gazetteer"], ["gazetteer", "search"], ["gazetteer", "refresh"], ["gazetteer", "convert"], ["copy"],
    ]

    /// Paths into the repository (Data/…, Scripts/…) in `text`, without trailing punctuation.
    static func repositoryPaths(in text: String) -> Set<String> {
        Set(text.matches(of: /(?:Data|Scripts|Gazetteer|Sources|Tests|docs)\/[A-Za-z0-9_.\/-]*[A-Za-z0-9_]/).map { String($0.0) })
    }

    static func missing(_ paths: Set<String>) -> [String] {
        paths.filter { !FileManager.default.fileExists(atPath: CommandRunner.repository.appendingPathComponent($0).path) }.sorted()
    }

    @Test(arguments: commands)
    func everyRepositoryFileAHelpNamesExists(command: [String]) throws {
        let folder = try TemporaryFolder()
        let help = try CommandRunner(folder: folder.path).run(command + ["--help"])
        #expect(help.status == 0)
        #expect(Self.missing(Self.repositoryPaths(in: help.output)).isEmpty, "\(command): \(help.output)")
    }

    @Test func everyRepositoryFileTheReadmeNamesExists() throws {
        let readme = try String(contentsOf: CommandRunner.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let paths = Self.repositoryPaths(in: readme)
        #expect(paths.count >= 10)
        #expect(Self.missing(paths).isEmpty)
    }

    /// The typical use `incidentmap --help` shows runs as shown, from the repository's root.
    @Test func theTypicalUseInTheHelpRuns() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/Data",
                                                   withDestinationPath: CommandRunner.repository.appendingPathComponent("Data").path)
        let help = try cli.run(["--help"]).output
        let section = try #require(help.components(separatedBy: "Typical use:").dropFirst().first)
        let lines = section.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .prefix { $0.hasPrefix("incidentmap ") }
        #expect(lines.count >= 3)
        for line in lines {
            let result = try cli.run(line.split(separator: " ").dropFirst().map(String.init))
            #expect(result.status == 0, "\(line): \(result.errors)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/incidents.geojson"))
    }

    /// `gazetteer convert` reads local files only, as its help says, and says what to do with a
    /// URL instead of looking for a file so named.
    @Test(arguments: ["--geonames", "--osm"])
    func convertRefusesAURLAndSaysWhatToDo(option: String) throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let help = try cli.run(["gazetteer", "convert", "--help"])
        // The help is wrapped to the terminal's width: compare its words.
        #expect(help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("not a URL"))
        let result = try cli.run(["gazetteer", "convert", option, "https://download.geonames.org/export/dump/LY.zip", "--out", "places.tsv"])
        #expect(result.status == 1)
        #expect(result.errors.contains("a URL, and only local files are read here"), "\(result.errors)")
        #expect(result.errors.contains("gazetteer refresh"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/places.tsv"))
    }
}
