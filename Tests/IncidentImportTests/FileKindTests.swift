import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// A file's kind, incidents or articles, told by its columns (issue 14): a row of the other
/// kind, or one with both, is an error naming its line, never a file silently read as the
/// wrong kind. And byte order marks, however many, never eat the first column's name.
@Suite struct FileKindTests {
    static let incident = "{\"event_id_cnty\":\"LBY1\",\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13}"
    static let article = "{\"text\":\"Clashes in Gharyan yesterday.\",\"published\":\"2019-04-09\"}"

    @Test func tellsArticlesFromIncidentsByTheirColumns() throws {
        let folder = try TemporaryFolder()
        #expect(try ArticleReader.holdsArticles(try folder.write("a.jsonl", Self.article + "\n")))
        #expect(try !ArticleReader.holdsArticles(try folder.write("i.jsonl", Self.incident + "\n")))
        // An article on a first line longer than any look-ahead is still an article.
        let long = "{\"text\":\"" + String(repeating: "Clashes in Gharyan. ", count: 10_000) + "\"}\n"
        #expect(try ArticleReader.holdsArticles(try folder.write("long.jsonl", "\n" + long)))
    }

    @Test func refusesAFirstRowWithTextAndIncidentColumns() throws {
        let folder = try TemporaryFolder()
        let mixed = "{\"text\":\"Clashes.\",\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13}\n"
        let path = try folder.write("mixed.jsonl", "\n" + mixed)
        #expect(throws: ImportError.badRow(path: path, line: 2, reason: ArticleReader.mixedRow(ArticleReader.incidentColumns))) {
            try ArticleReader.holdsArticles(path)
        }
        #expect(ArticleReader.mixedRow(["latitude"]).contains("not both"))
    }

    @Test func anArticleFileRefusesAnIncidentRowFurtherDown() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.jsonl", Self.article + "\n" + Self.incident + "\n")
        let reader = try ArticleReader(path: path, defaults: .init())
        #expect(try reader.next()?.line == 1)
        do {
            _ = try reader.next()
            Issue.record("an incident row was read as an article")
        } catch {
            #expect(error.description.hasPrefix("\(path):2: the row has an article's \"text\" and incident columns (event_date"), "\(error)")
        }
    }

    @Test func anIncidentFileRefusesAnArticleRowFurtherDown() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("i.jsonl", Self.incident + "\n" + Self.article + "\n")
        let reader = try IncidentFileReader(path: path)
        #expect(try reader.next()?.eventID == "LBY1")
        do {
            _ = try reader.next()
            Issue.record("an article row was read as an incident")
        } catch {
            #expect(error.description.hasPrefix("\(path):2: a \"text\" member, as an article has, in a file of incidents"), "\(error)")
        }
    }

    @Test(arguments: [1, 2, 3])
    func readsTheFirstColumnAfterAnyNumberOfByteOrderMarks(marks: Int) throws {
        let folder = try TemporaryFolder()
        let bom = String(repeating: "\u{FEFF}", count: marks)
        let csv = try folder.write("in.csv", bom + "event_id_cnty,event_date,event_type,latitude,longitude\nLBY7,2019-04-08,Battles,32,13\n")
        #expect(try IncidentFileReader(path: csv).next()?.eventID == "LBY7")
        let jsonl = try folder.write("in.jsonl", bom + Self.incident + "\n")
        #expect(try IncidentFileReader(path: jsonl).next()?.eventID == "LBY1")
    }

    @Test func aByteOrderMarkCutShortIsNotSkipped() throws {
        let folder = try TemporaryFolder()
        // EF BB then a header: not a byte order mark, so the bytes stay, and are not UTF-8.
        let path = folder.path + "/in.csv"
        let header = Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB]) + Data("event_date,event_type,latitude,longitude\n".utf8)
        FileManager.default.createFile(atPath: path, contents: header)
        do {
            _ = try IncidentFileReader(path: path)
            Issue.record("a header whose first name starts with stray bytes was read")
        } catch {
            #expect(error.description.contains(":1: the header row: the row is not valid UTF-8"), "\(error)")
        }
    }
}
