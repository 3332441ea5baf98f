import Foundation
import Testing
import TestSupport

/// `ingest` of a file whose first row holds both an article's text and incident columns: an
/// error naming the line, exit 1, nothing stored (issue 14: it was read as articles, 0 stored,
/// exit 0).
@Suite struct FileKindCommandTests {
    @Test func aMixedFileIsAnErrorNotZeroArticles() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let file = try folder.write("mixed.jsonl", """
            {"text":"Clashes.","event_date":"2019-04-08","event_type":"Battles","latitude":32.9,"longitude":13.2}

            """)
        let result = try cli.run(["ingest", file, "--db", "store.sqlite"])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(file):1: the row has an article's \"text\" and incident columns"), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/store.sqlite"))
    }
}
