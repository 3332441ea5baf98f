import Foundation
import Testing
import ExtractionEvaluation

/// A golden set that cannot be read says which file and what to mend.
@Suite struct GoldenSetFileTests {
    static func folder(articles: String?, expected: String?) throws -> String {
        let folder = NSTemporaryDirectory() + "incidentmap-golden-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/articles", withIntermediateDirectories: true)
        try articles?.write(toFile: folder + "/articles.tsv", atomically: true, encoding: .utf8)
        try expected?.write(toFile: folder + "/expected.tsv", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aMissingFolderNamesTheFileItLookedFor() throws {
        let folder = try Self.folder(articles: nil, expected: nil)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: GoldenSetError.unreadable(path: folder + "/expected.tsv", reason: "cannot read the file: give the golden set's folder")) {
            try GoldenSet(folder: folder)
        }
    }

    @Test func anArticleRowWithoutItsTextOrDateSaysWhatToMend() throws {
        let header = "file\tpublished\tlanguage\n"
        let missingText = try Self.folder(articles: header + "gone.txt\t2019-04-09\tar\n", expected: "file\tplace_id\n")
        defer { try? FileManager.default.removeItem(atPath: missingText) }
        let error = #expect(throws: GoldenSetError.self) { try GoldenSet(folder: missingText) }
        #expect(error?.description == missingText + "/articles/gone.txt: cannot read the article: articles.tsv names it, so add it or remove its row")

        let badDate = try Self.folder(articles: header + "a.txt\tnot-a-date\tar\n", expected: "file\tplace_id\n")
        defer { try? FileManager.default.removeItem(atPath: badDate) }
        let dateError = #expect(throws: GoldenSetError.self) { try GoldenSet(folder: badDate) }
        #expect(dateError?.description.hasSuffix("a.txt: give its publication date as YYYY-MM-DD in the second column") == true)
    }
}
