import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// A seeded mutation fuzzer over the Excel reader: a small workbook written here has its sheet's
/// XML, its shared strings, or the bytes of the whole zip damaged, and every mutant is read to
/// its end or refused as an `ImportError` that names the file (a row by its row number): no
/// trap, no hang. A failure names the seed and the mutant's number, and repeats on every machine.
@Suite(.timeLimit(.minutes(3))) struct MutatedWorkbookTests {
    static let rows: [[String?]] = [XLSXImportTests.header] + (1...6).map { number in
        ["XL\(number)", number.isMultiple(of: 2) ? "4356\(number)" : "2019-04-0\(number)", "Battles",
         "32.8\(number)", "13.1\(number)", "Tripoli", "written for the fuzz test: <b> & \"quoted\" \(number)"]
    }

    /// Reads `path` to its end; a refusal must be an `ImportError` that names the file.
    static func readOrRefuse(_ path: String, _ label: String) -> Bool {
        do {
            let reader = try IncidentFileReader(path: path)
            while try reader.next() != nil {}
            return true
        } catch {
            // The reader's errors are typed: every refusal is an ImportError.
            #expect(error.description.hasPrefix(path + ":"), "\(label): \(error)")
            if case .badRow(_, let line, let reason) = error {
                #expect(line >= 1 && !reason.isEmpty, "\(label): \(error)")
            }
            return false
        }
    }

    @Test(arguments: ["xl/worksheets/data.xml", "xl/sharedStrings.xml", "xl/workbook.xml"])
    func aDamagedPartIsReadOrRefusedNamingTheFile(part: String) throws {
        let folder = try TemporaryFolder()
        let parts = XLSXImportTests.parts(Self.rows)
        let original = try #require(parts[part])
        let seed = UInt64(0x0E_CE11 + part.utf8.count)
        var mutator = Mutator(seed: seed)
        var read = 0, refused = 0
        for number in 0..<120 {
            var damaged = parts
            damaged[part] = mutator.mutate(original)
            let path = folder.path + "/\(number).xlsx"
            try XLSXImportTests.zip(damaged, to: path)
            if Self.readOrRefuse(path, "\(part), seed \(seed), mutant \(number)") { read += 1 } else { refused += 1 }
            try FileManager.default.removeItem(atPath: path)
        }
        // A fuzzer whose every mutant is refused at once, or none is, would test nothing.
        #expect(refused >= 5, "\(part): \(read) read, \(refused) refused")
    }

    @Test func aDamagedZipIsReadOrRefusedNamingTheFile() throws {
        let folder = try TemporaryFolder()
        let whole = try XLSXImportTests.workbook(Self.rows, in: folder, name: "whole.xlsx")
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
        #expect(Self.readOrRefuse(whole, "the undamaged workbook"))
        let seed: UInt64 = 0x21_9B17E5
        var mutator = Mutator(seed: seed)
        var read = 0, refused = 0
        for number in 0..<200 {
            let path = folder.path + "/\(number).xlsx"
            try Data(mutator.mutate(original)).write(to: URL(fileURLWithPath: path))
            if Self.readOrRefuse(path, "zip bytes, seed \(seed), mutant \(number)") { read += 1 } else { refused += 1 }
            try FileManager.default.removeItem(atPath: path)
        }
        #expect(refused >= 20, "\(read) read, \(refused) refused")
    }
}

extension MutatedWorkbookTests {
    /// What the fuzzer found: a byte that is not UTF-8 in an attribute's name (here 0xF4, a lead
    /// byte with nothing after it) reached Foundation's XMLParser, which trapped (SIGILL). Any
    /// part that is not UTF-8 is refused now, before it is parsed.
    @Test(arguments: ["xl/workbook.xml", "xl/worksheets/data.xml", "xl/sharedStrings.xml"])
    func aPartThatIsNotUTF8IsRefusedNotATrap(part: String) throws {
        let folder = try TemporaryFolder()
        var parts = XLSXImportTests.parts(Self.rows)
        var bytes = try #require(parts[part])
        let space = try #require(bytes.firstIndex(of: 0x20))
        bytes.insert(0xF4, at: space + 1)
        parts[part] = bytes
        let path = folder.path + "/damaged.xlsx"
        try XLSXImportTests.zip(parts, to: path)
        #expect(throws: ImportError.unreadableFile(path: path, reason: "\(part) in the workbook is not UTF-8 text: the workbook is damaged; save the sheet as CSV and ingest that")) {
            let reader = try IncidentFileReader(path: path)
            while try reader.next() != nil {}
        }
    }
}
