import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The first sheet of an Excel workbook (`.xlsx`, as HDX ships ACLED's country files), row by
/// row, as the CSV reader hands out records: the first row is the header.
///
/// An `.xlsx` is a zip of XML parts: `xl/workbook.xml` lists the sheets, its relationships
/// (`xl/_rels/workbook.xml.rels`) name each sheet's part, `xl/sharedStrings.xml` holds the text
/// that cells point to by index. Read with ZIPFoundation and Foundation's `XMLParser` (libxml2,
/// which SpatiaLite already needs at run time): no Swift library in the mirror reads
/// spreadsheets, and XMLCoder, which is, would decode the same XML into structures first.
///
/// The sheet is read whole into memory, its cells as text: an HDX country file is a few
/// megabytes; the part may unpack to at most ``maximumPartSize``.
final class XLSXSheetReader {
    /// The most one XML part may unpack to (256 MiB, about a million ACLED rows).
    static let maximumPartSize = 256 << 20

    private var rows: [(line: Int, fields: [String])]
    private var position = 0

    init(path: String) throws(ImportError) {
        func unreadable(_ reason: String) -> ImportError { .unreadableFile(path: path, reason: reason) }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw unreadable(FileManager.default.fileExists(atPath: path) ? "not an .xlsx workbook (not a zip archive)" : "no such file")
        }
        func part(_ name: String) throws(ImportError) -> Data? {
            guard let entry = archive[name] else { return nil }
            guard entry.uncompressedSize <= UInt64(Self.maximumPartSize) else {
                throw unreadable("\(name) unpacks to more than \(Self.maximumPartSize >> 20) MiB: save the sheet as CSV and ingest that")
            }
            var data = Data(capacity: Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry) { chunk in
                    guard data.count + chunk.count <= Self.maximumPartSize else { throw CocoaError(.fileReadTooLarge) }
                    data.append(chunk)
                }
            } catch {
                throw unreadable("\(name) in the workbook cannot be unpacked (\(error))")
            }
            // Foundation's XMLParser traps on a name that is not UTF-8, which libxml2 can pass on
            // from a damaged part: a workbook's parts are UTF-8 (Excel, LibreOffice and HDX all
            // write them so), and a part that is not is refused before it is parsed.
            guard data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }) else {
                throw unreadable("\(name) in the workbook is not UTF-8 text: the workbook is damaged; save the sheet as CSV and ingest that")
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml") else { throw unreadable("not an .xlsx workbook: it has no xl/workbook.xml") }
        let sheetPath = try Self.firstSheetPath(workbook: workbook, relationships: try part("xl/_rels/workbook.xml.rels"))
        let dates = DateSystem(workbook: workbook)
        guard let sheet = try part(sheetPath) else { throw unreadable("the workbook's first sheet, \(sheetPath), is missing") }
        var sharedStrings: [String] = []
        if let data = try part("xl/sharedStrings.xml") {
            let collector = SharedStrings()
            guard XMLParse(data, collector) else { throw unreadable("xl/sharedStrings.xml is not well-formed XML") }
            sharedStrings = collector.strings
        }
        let collector = SheetRows(sharedStrings: sharedStrings)
        guard XMLParse(sheet, collector) else { throw unreadable("\(sheetPath) is not well-formed XML") }
        if let problem = collector.problem { throw unreadable("\(sheetPath): \(problem)") }
        rows = collector.rows
        Self.convertDates(&rows, numericCells: collector.numericCells, dates: dates)
    }

    /// The next row (its row number in the sheet, its cells; short rows padded to the header's
    /// width), `nil` after the last.
    func next() -> (line: Int, fields: [String])? {
        guard position < rows.count else { return nil }
        defer { position += 1 }
        var row = rows[position]
        if position > 0, let width = rows.first?.fields.count, row.fields.count < width {
            row.fields += [String](repeating: "", count: width - row.fields.count)
        }
        return row
    }

    /// The part of the workbook's first sheet: its `r:id` looked up in the relationships.
    private static func firstSheetPath(workbook: Data, relationships: Data?) throws(ImportError) -> String {
        let sheets = ElementAttributes(element: "sheet")
        _ = XMLParse(workbook, sheets)
        let links = ElementAttributes(element: "Relationship")
        if let relationships { _ = XMLParse(relationships, links) }
        guard let id = sheets.found.first?["r:id"],
              let target = links.found.first(where: { $0["Id"] == id })?["Target"] else { return "xl/worksheets/sheet1.xml" }
        // Targets are relative to xl/, or absolute from the package root.
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// Excel keeps a date as a number of days (a serial) and shows it as a date by its cell's
    /// style; the header names the date column, so `event_date` cells that hold a number are
    /// written back as the ISO date the sheet shows, counted in the workbook's date system.
    private static func convertDates(_ rows: inout [(line: Int, fields: [String])], numericCells: Set<[Int]>, dates: DateSystem) {
        guard let header = rows.first?.fields,
              let column = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "event_date" }) else { return }
        for index in rows.indices.dropFirst() where numericCells.contains([index, column]) && column < rows[index].fields.count {
            guard let serial = Double(rows[index].fields[column]), let date = dates.isoDate(serial: serial) else { continue }
            rows[index].fields[column] = date
        }
    }
}

/// Which day a workbook's date serial 0 is. Excel has two systems: days since 1899-12-30 (the
/// default, Windows'; serial 1 is 1900-01-01 and 60 the 29 February 1900 that never was, so
/// 1899-12-30 is day 0 for every date from March 1900), and, where `xl/workbook.xml`'s
/// `<workbookPr date1904="1"/>` says so (workbooks made on the Mac before Excel 2011), days
/// since 1904-01-01. The same cell is four years and a day earlier in the first system.
struct DateSystem: Equatable {
    /// Day 0, as a Gregorian date.
    let epoch: DateComponents
    /// The smallest serial that is a date in this system (the 1900 system starts at 1).
    let firstSerial: Double

    static let windows1900 = DateSystem(epoch: DateComponents(year: 1899, month: 12, day: 30), firstSerial: 1)
    static let mac1904 = DateSystem(epoch: DateComponents(year: 1904, month: 1, day: 1), firstSerial: 0)

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The system `xl/workbook.xml` names (`date1904` is an XML Schema boolean: `1` or `true`).
    init(workbook: Data) {
        let properties = ElementAttributes(element: "workbookPr")
        _ = XMLParse(workbook, properties)
        let flag = properties.found.first?["date1904"]?.trimmingCharacters(in: .whitespaces).lowercased()
        self = flag == "1" || flag == "true" ? .mac1904 : .windows1900
    }

    init(epoch: DateComponents, firstSerial: Double) {
        self.epoch = epoch
        self.firstSerial = firstSerial
    }

    /// `serial` (its fraction, the time of day, dropped) as `YYYY-MM-DD`; `nil` outside 9999-12-31.
    func isoDate(serial: Double) -> String? {
        let calendar = Self.calendar
        guard serial >= firstSerial, serial < 3_000_000, let start = calendar.date(from: epoch),
              let date = calendar.date(byAdding: .day, value: Int(serial), to: start) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, year <= 9999 else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}

/// Runs `delegate` over `data`; `false` where the XML is not well-formed.
private func XMLParse(_ data: Data, _ delegate: XMLParserDelegate) -> Bool {
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    return parser.parse()
}

/// The attributes of every `element` in a part.
private final class ElementAttributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []
    init(element: String) { self.element = element }
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if elementName == element { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its `<t>` runs joined (rich text has several).
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = "", inText = false
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if elementName == "si" { current = "" }
        if elementName == "t" { inText = true }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "t" { inText = false }
        if elementName == "si" { strings.append(current) }
    }
}

/// A sheet's `<row>`s: each cell's text placed by its reference's column letters.
private final class SheetRows: NSObject, XMLParserDelegate {
    let sharedStrings: [String]
    var rows: [(line: Int, fields: [String])] = []
    /// [row index, column] of cells that hold a number (a date, where the column is one).
    var numericCells: Set<[Int]> = []
    var problem: String?
    private var fields: [String] = [], line = 0
    private var column = 0, cellType = "", value = "", inValue = false

    init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch elementName {
        case "row":
            line = attributes["r"].flatMap(Int.init) ?? line + 1
            fields = []
        case "c":
            column = attributes["r"].flatMap(Self.columnIndex) ?? fields.count
            cellType = attributes["t"] ?? "n"
            value = ""
        case "v", "t": inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "v", "t": inValue = false
        case "c":
            var text = value
            if cellType == "s" {
                guard let index = Int(value), sharedStrings.indices.contains(index) else {
                    problem = problem ?? "row \(line): a cell points to shared string '\(value)', which the workbook does not have"
                    return
                }
                text = sharedStrings[index]
            }
            if cellType == "n" && !value.isEmpty { numericCells.insert([rows.count, column]) }
            if column >= fields.count { fields += [String](repeating: "", count: column - fields.count + 1) }
            fields[column] = text
        case "row":
            if fields.contains(where: { !$0.isEmpty }) { rows.append((line, fields)) }
        default: break
        }
    }

    /// `C5` → 2: the column letters of a cell reference, from 0.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}
