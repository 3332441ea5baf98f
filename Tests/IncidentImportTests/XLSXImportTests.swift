import Foundation
import IncidentMapCore
import Testing
import TestSupport
import ZIPFoundation
@testable import IncidentImport

/// Excel workbooks as HDX ships ACLED's files: the first sheet, its first row the header, text in
/// shared strings or inline, dates as Excel's day numbers, rows named by their row number.
@Suite struct XLSXImportTests {
    /// A workbook composed here (not a real export) whose first sheet, at `xl/worksheets/data.xml`
    /// as the relationships name it, holds `rows` of cells (`nil`: no cell written).
    /// A cell is written as a shared string, or a number where it reads as one.
    /// `workbookProperties`: the `<workbookPr …/>` element's attributes (`date1904="1"`).
    static func workbook(_ rows: [[String?]], in folder: TemporaryFolder, name: String = "acled.xlsx",
                         workbookProperties: String? = nil) throws -> String {
        let path = folder.path + "/" + name
        try zip(parts(rows, workbookProperties: workbookProperties), to: path)
        return path
    }

    /// The parts (path in the zip, XML) of ``workbook(_:in:name:workbookProperties:)``'s workbook.
    /// `inline`: text cells written in the sheet (`t="inlineStr"`), not as shared strings.
    static func parts(_ rows: [[String?]], workbookProperties: String? = nil, inline: Bool = false) -> [String: [UInt8]] {
        var shared: [String] = []
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        func column(_ index: Int) -> String { index < 26 ? String(UnicodeScalar(65 + index)!) : "A" + String(UnicodeScalar(65 + index - 26)!) }
        let sheetRows = rows.enumerated().map { rowIndex, cells in
            "<row r=\"\(rowIndex + 1)\">" + cells.enumerated().compactMap { columnIndex, cell -> String? in
                guard let cell else { return nil }
                let reference = "\(column(columnIndex))\(rowIndex + 1)"
                if Double(cell) != nil { return "<c r=\"\(reference)\"><v>\(cell)</v></c>" }
                if inline { return "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escaped(cell))</t></is></c>" }
                shared.append(cell)
                return "<c r=\"\(reference)\" t=\"s\"><v>\(shared.count - 1)</v></c>"
            }.joined() + "</row>"
        }.joined()
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts = [
            "xl/workbook.xml": "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
                + (workbookProperties.map { "<workbookPr \($0)/>" } ?? "") + "<sheets>"
                + "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId3\"/><sheet name=\"Notes\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/data.xml\"/></Relationships>",
            "xl/worksheets/sheet1.xml": "<worksheet xmlns=\"\(main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>",
            "xl/worksheets/data.xml": "<worksheet xmlns=\"\(main)\"><sheetData>\(sheetRows)</sheetData></worksheet>",
            "xl/sharedStrings.xml": "<sst xmlns=\"\(main)\">" + shared.map { "<si><t>\(escaped($0))</t></si>" }.joined() + "</sst>",
        ]
        return parts.mapValues { Array($0.utf8) }
    }

    /// Writes `parts` as a zip at `path`, deflated or (quicker, for large parts) stored.
    static func zip(_ parts: [String: [UInt8]], to path: String, deflated: Bool = true) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (partName, bytes) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(bytes)
            try archive.addEntry(with: partName, type: .file, uncompressedSize: Int64(data.count), compressionMethod: deflated ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static let header: [String?] = ["event_id_cnty", "event_date", "event_type", "latitude", "longitude", "location", "notes"]

    @Test func theFirstSheetIsReadWithDatesSharedStringsAndGaps() throws {
        let folder = try TemporaryFolder()
        let path = try Self.workbook([
            Self.header,
            ["LBY1", "43563", "Battles", "32.8942", "13.2761", "Mitiga", "clashes & shelling"],
            // No location cell: the notes stay in their column.
            ["LBY2", "9-May-20", "Protests", "32.1", "20.07", nil, "rally"],
            // Trailing cells left out, as Excel does for empty ones.
            ["LBY3", "2019-04-10", "Riots", "32.7", "13.1"],
        ], in: folder)
        let reader = try IncidentFileReader(path: path)
        #expect(reader.format == .xlsx)
        var incidents: [Incident] = []
        while let incident = try reader.next() { incidents.append(incident) }
        #expect(incidents.map(\.eventID) == ["LBY1", "LBY2", "LBY3"])
        #expect(incidents[0].eventDate == (try IncidentDate(year: 2019, month: 4, day: 8)))
        #expect(incidents[0].notes == "clashes & shelling" && incidents[0].location == "Mitiga")
        #expect(incidents[1].location == nil && incidents[1].notes == "rally")
        #expect(incidents[1].eventDate == (try IncidentDate(year: 2020, month: 5, day: 9)))
        #expect(incidents[2].notes == nil)
    }

    /// A workbook in Excel's 1904 date system (made on a Mac before Excel 2011) counts its day
    /// numbers from 1904-01-01: the same cell is four years and a day later than in the default.
    @Test(arguments: [("date1904=\"1\"", "2019-04-08"), ("date1904=\"true\" defaultThemeVersion=\"124226\"", "2019-04-08"),
                      ("date1904=\"0\"", "2015-04-07"), ("defaultThemeVersion=\"124226\"", "2015-04-07")])
    func datesFollowTheWorkbooksDateSystem(properties: String, date: String) throws {
        let folder = try TemporaryFolder()
        // 42101 days after 1904-01-01 is 2019-04-08; after 1899-12-30, 2015-04-07.
        let path = try Self.workbook([Self.header, ["LBY1", "42101", "Battles", "32.8942", "13.2761", "Mitiga", nil]], in: folder,
                                     workbookProperties: properties)
        let incident = try #require(try IncidentFileReader(path: path).next())
        #expect(incident.eventDate.description == date)
    }

    @Test func theFirstDayOfEachDateSystemIsItsEpoch() {
        #expect(DateSystem.mac1904.isoDate(serial: 0) == "1904-01-01")
        #expect(DateSystem.windows1900.isoDate(serial: 0) == nil)
        #expect(DateSystem.windows1900.isoDate(serial: 61) == "1900-03-01")
        #expect(DateSystem.mac1904.isoDate(serial: 1462.75) == "1908-01-02")
    }

    @Test func aBadRowIsNamedByItsRowNumber() throws {
        let folder = try TemporaryFolder()
        let path = try Self.workbook([Self.header, ["LBY1", "43563", "Battles", "32.1", "13.2"], ["LBY2", "43563", "Skirmish", "32.1", "13.2"]],
                                     in: folder)
        let strict = try IncidentFileReader(path: path)
        _ = try strict.next()
        #expect(throws: ImportError.badRow(path: path, line: 3, reason: "event_type 'Skirmish' is not one of ACLED's: "
            + EventType.allCases.map(\.rawValue).joined(separator: ", ") + " (or of its types before 2019, such as Riots/Protests or Remote violence)")) {
            try strict.next()
        }
        let skipping = try IncidentFileReader(path: path)
        _ = try skipping.nextRow()
        guard case .rejected(let refused) = try skipping.nextRow() else {
            Issue.record("row 3 was read")
            return
        }
        #expect(refused.line == 3)
        #expect(refused.raw == "LBY2,2019-04-08,Skirmish,32.1,13.2,,")
    }

    /// The sheet is read as it unpacks, its rows handed out as they close: a sheet of 5,000 rows
    /// (a megabyte of XML, many of the unpacker's chunks) whose part is damaged after its last
    /// row hands out every row before the damage is found. Read whole, as it was, the sheet was
    /// refused before its first row, and held in memory with all its rows at once.
    @Test func rowsComeOutAsTheSheetUnpacksBeforeItsDamagedEnd() throws {
        let folder = try TemporaryFolder()
        let rows = [Self.header] + (1...5_000).map { number -> [String?] in
            ["LBY\(number)", "43563", "Battles", "32.1", "13.2", "Town \(number % 50)", "notes of row \(number)"]
        }
        var parts = Self.parts(rows)
        // A lead byte of a four-byte character with nothing after it: not UTF-8, at the very end.
        parts["xl/worksheets/data.xml"]?.append(0xF4)
        let path = folder.path + "/damaged-end.xlsx"
        try Self.zip(parts, to: path)
        // The sheet reader itself: the incident reader holds a day's rows to fold monadic ones,
        // and these share one day.
        let sheet = try XLSXSheetReader(path: path)
        var read: [(line: Int, fields: [String])] = []
        #expect(throws: ImportError.unreadableFile(path: path, reason: "xl/worksheets/data.xml in the workbook is not UTF-8 text: "
                                                   + "the workbook is damaged; save the sheet as CSV and ingest that")) {
            while let row = try sheet.next() { read.append(row) }
        }
        #expect(read.count == 5_001)
        #expect(read.first?.fields.first == "event_id_cnty" && read.last?.line == 5_001 && read.last?.fields.first == "LBY5000")
        // Dates written as Excel's day numbers come out as the dates the sheet shows.
        #expect(read.last?.fields[1] == "2019-04-08")
    }

    /// A part of more than 10 MB of XML (1,500 rows with 8 kB of notes each: the shared
    /// strings, or the sheet where its text is inline) is read. Given to libxml2 whole, as the
    /// parts were, it was refused as "not well-formed XML" (libxml2's push parser takes at most
    /// 10 MB at once): a sheet of some ten thousand ACLED rows could not be read.
    @Test(arguments: [false, true]) func aPartOfMoreThanTenMegabytesIsRead(inline: Bool) throws {
        let folder = try TemporaryFolder()
        let filler = String(repeating: "synthetic notes ", count: 512)
        let rows = [Self.header] + (1...1_500).map { number -> [String?] in
            ["LBY\(number)", "2019-04-08", "Battles", "32.1", "13.2", "Town", "\(number): \(filler)"]
        }
        let parts = Self.parts(rows, inline: inline)
        let large = inline ? "xl/worksheets/data.xml" : "xl/sharedStrings.xml"
        #expect(try #require(parts[large]).count > 12_000_000)
        let path = folder.path + "/large.xlsx"
        try Self.zip(parts, to: path, deflated: false)
        let reader = try IncidentFileReader(path: path)
        var count = 0, last: Incident?
        while let incident = try reader.next() {
            count += 1
            last = incident
        }
        #expect(count == 1_500)
        #expect(last?.eventID == "LBY1500" && last?.notes == "1500: " + filler.trimmingCharacters(in: .whitespaces))
    }

    /// What stops a sheet's threads when its reader is given up on: a giver waiting for room
    /// is let go by the taker's cancel, and gives nothing more.
    @Test func aHandOverCancelledLetsItsWaitingGiverGo() throws {
        let handOver = HandOver<Int>(capacity: 1)
        let gaveUp = NSCondition()
        nonisolated(unsafe) var results: [Bool] = []
        let giver = Thread {
            let outcomes = [handOver.put(1), handOver.put(2), handOver.put(3)]
            gaveUp.lock()
            results = outcomes
            gaveUp.broadcast()
            gaveUp.unlock()
        }
        giver.start()
        #expect(try handOver.take() == 1)
        handOver.cancel()
        gaveUp.lock()
        while results.isEmpty {
            guard gaveUp.wait(until: Date(timeIntervalSinceNow: 30)) else {
                Issue.record("the giver still waits 30 s after the cancel")
                break
            }
        }
        gaveUp.unlock()
        // The second fitted after the first was taken, or was refused; the third was refused.
        #expect(results.count == 3 && results[0] && !results[2], "\(results)")
        // What was handed over before the cancel can still be taken; nothing after it.
        if results.count == 3 && results[1] { #expect(try handOver.take() == 2) }
        #expect(try handOver.take() == nil)
    }

    @Test func aSheetWithoutTheColumnsSaysWhatItHas() throws {
        let folder = try TemporaryFolder()
        let path = try Self.workbook([["id", "when"], ["1", "43563"]], in: folder)
        #expect(throws: ImportError.badRow(path: path, line: 1, reason: "the first sheet's first row has no latitude column; it has 2 column(s): "
            + "'id', 'when'. incidentmap reads a sheet whose first row names ACLED's columns (event_date, event_type, latitude, longitude …)")) {
            try IncidentFileReader(path: path)
        }
    }

    @Test func aFileThatIsNoWorkbookIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("acled.xlsx", "event_date,event_type\n")
        #expect(throws: ImportError.unreadableFile(path: path, reason: "not an .xlsx workbook (not a zip archive)")) {
            try IncidentFileReader(path: path)
        }
    }
}
