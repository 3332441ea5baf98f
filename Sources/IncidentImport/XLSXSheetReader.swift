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
/// The sheet is read streaming, so memory stays flat whatever its size: one thread unpacks the
/// sheet's part (ZIPFoundation hands it out in chunks by callback), another parses the chunks
/// as they come (`XMLParser` pulling from an `InputStream` over them) and hands each row on as
/// it closes; ``next()`` takes them, a few hundred rows at most waiting. Two threads because
/// both libraries push: neither can be asked for the next piece. The shared strings and the
/// small parts stay in memory, each at most ``maximumPartSize``.
final class XLSXSheetReader {
    /// The most a part read whole (the workbook, its relationships, the shared strings) may
    /// unpack to: 256 MiB.
    static let maximumPartSize = 256 << 20
    /// Rows handed over at a time, and how many such batches may wait.
    private static let batchSize = 256, batchesAhead = 4

    private let rows: HandOver<[(line: Int, fields: [String])]>
    private let chunks: HandOver<Data>
    private var batch: [(line: Int, fields: [String])] = []
    private var position = 0
    private var width: Int?

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
                throw unreadable(Self.notUTF8(name))
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml") else { throw unreadable("not an .xlsx workbook: it has no xl/workbook.xml") }
        let sheetPath = try Self.firstSheetPath(workbook: workbook, relationships: try part("xl/_rels/workbook.xml.rels"))
        let dates = DateSystem(workbook: workbook)
        guard let sheet = archive[sheetPath] else { throw unreadable("the workbook's first sheet, \(sheetPath), is missing") }
        var sharedStrings: [String] = []
        if let data = try part("xl/sharedStrings.xml") {
            let collector = SharedStrings()
            // Fed in chunks, as the sheet is: given its whole part at once, libxml2's push parser
            // refuses more than 10 MB ("huge input lookup", reported as not well-formed), which
            // the shared strings of a hundred thousand ACLED rows pass.
            let parser = XMLParser(stream: InputStream(data: data))
            parser.delegate = collector
            guard parser.parse() else { throw unreadable("xl/sharedStrings.xml is not well-formed XML") }
            sharedStrings = collector.strings
        }
        let chunks = HandOver<Data>(capacity: 8)
        let rows = HandOver<[(line: Int, fields: [String])]>(capacity: Self.batchesAhead)
        self.chunks = chunks
        self.rows = rows
        // The archive is the unpacking thread's from here on: ZIPFoundation reads through one
        // FILE, which two threads must not share.
        nonisolated(unsafe) let sheetArchive = archive, sheetEntry = sheet
        let strings = sharedStrings
        let unpacking = Thread {
            var check = UTF8Check()
            do {
                _ = try sheetArchive.extract(sheetEntry) { chunk in
                    // The sheet is checked a chunk at a time, before the parser sees it, as the
                    // other parts are whole.
                    guard check.accept(chunk) else { throw ImportError.unreadableFile(path: path, reason: Self.notUTF8(sheetPath)) }
                    guard chunks.put(chunk) else { throw CancellationError() }
                }
                guard check.finish() else { throw ImportError.unreadableFile(path: path, reason: Self.notUTF8(sheetPath)) }
                chunks.finish(failure: nil)
            } catch let error as ImportError {
                chunks.finish(failure: error)
            } catch is CancellationError {
            } catch {
                chunks.finish(failure: .unreadableFile(path: path, reason: "\(sheetPath) in the workbook cannot be unpacked (\(error))"))
            }
        }
        unpacking.name = "incidentmap xlsx unzip"
        let parsing = Thread {
            let stream = ChunkStream(chunks)
            let collector = SheetRows(sharedStrings: strings, dates: dates, rows: rows, batchSize: Self.batchSize)
            let parser = XMLParser(stream: stream)
            parser.delegate = collector
            collector.parser = parser
            let parsed = parser.parse()
            // The unpacking stops too, when the parsing stops early.
            chunks.cancel()
            // The rows before a failure come out before it, as a CSV file's do.
            collector.handOver()
            if let failure = stream.failure {
                rows.finish(failure: failure)
            } else if let problem = collector.problem {
                rows.finish(failure: .unreadableFile(path: path, reason: "\(sheetPath): \(problem)"))
            } else if !parsed && !collector.cancelled {
                rows.finish(failure: .unreadableFile(path: path, reason: "\(sheetPath) is not well-formed XML"))
            } else {
                rows.finish(failure: nil)
            }
        }
        parsing.name = "incidentmap xlsx parse"
        unpacking.start()
        parsing.start()
    }

    deinit {
        rows.cancel()
        chunks.cancel()
    }

    private static func notUTF8(_ part: String) -> String {
        "\(part) in the workbook is not UTF-8 text: the workbook is damaged; save the sheet as CSV and ingest that"
    }

    /// The next row (its row number in the sheet, its cells; short rows padded to the header's
    /// width), `nil` after the last. Throws where the sheet's part cannot be read on (it is
    /// damaged: not XML, not UTF-8), after the rows before the damage.
    func next() throws(ImportError) -> (line: Int, fields: [String])? {
        if position == batch.count {
            guard let next = try rows.take() else { return nil }
            batch = next
            position = 0
        }
        defer { position += 1 }
        var row = batch[position]
        if let width, row.fields.count < width {
            row.fields += [String](repeating: "", count: width - row.fields.count)
        }
        if width == nil { width = row.fields.count }
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

/// A sheet's `<row>`s: each cell's text placed by its reference's column letters, handed on in
/// batches as the rows close.
///
/// Excel keeps a date as a number of days (a serial) and shows it as a date by its cell's
/// style; the header names the date column, so `event_date` cells that hold a number are
/// written as the ISO date the sheet shows, counted in the workbook's date system.
private final class SheetRows: NSObject, XMLParserDelegate {
    let sharedStrings: [String]
    let dates: DateSystem
    let rows: HandOver<[(line: Int, fields: [String])]>
    let batchSize: Int
    weak var parser: XMLParser?
    var problem: String?
    /// Whether the reader stopped wanting rows.
    private(set) var cancelled = false
    private var batch: [(line: Int, fields: [String])] = []
    private var fields: [String] = [], line = 0
    /// The columns of this row whose cells hold a number.
    private var numericColumns: [Int] = []
    /// Once the header row is read, the column of `event_date` (`-1` where it has none).
    private var dateColumn: Int?
    private var column = 0, cellType = "", value = "", inValue = false

    init(sharedStrings: [String], dates: DateSystem, rows: HandOver<[(line: Int, fields: [String])]>, batchSize: Int) {
        self.sharedStrings = sharedStrings
        self.dates = dates
        self.rows = rows
        self.batchSize = batchSize
    }

    /// Hands on the rows read since the last batch.
    func handOver() {
        guard !batch.isEmpty, !cancelled else { return }
        if !rows.put(batch) {
            cancelled = true
            parser?.abortParsing()
        }
        batch = []
        batch.reserveCapacity(batchSize)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch elementName {
        case "row":
            line = attributes["r"].flatMap(Int.init) ?? line + 1
            fields = []
            numericColumns = []
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
                    if problem == nil {
                        problem = "row \(line): a cell points to shared string '\(value)', which the workbook does not have"
                        parser.abortParsing()
                    }
                    return
                }
                text = sharedStrings[index]
            }
            if cellType == "n" && !value.isEmpty { numericColumns.append(column) }
            if column >= fields.count { fields += [String](repeating: "", count: column - fields.count + 1) }
            fields[column] = text
        case "row":
            guard problem == nil, fields.contains(where: { !$0.isEmpty }) else { return }
            if let dateColumn {
                if dateColumn >= 0, dateColumn < fields.count, numericColumns.contains(dateColumn),
                   let serial = Double(fields[dateColumn]), let date = dates.isoDate(serial: serial) {
                    fields[dateColumn] = date
                }
            } else {
                dateColumn = fields.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == "event_date" } ?? -1
            }
            batch.append((line, fields))
            if batch.count >= batchSize { handOver() }
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

/// The unpacked chunks of a part as the `InputStream` `XMLParser` pulls from: it reads them as
/// the unpacking thread hands them over. A failure to unpack ends the stream with an error
/// (`read` returns -1, which stops the parser) and is kept in ``failure``.
private final class ChunkStream: InputStream {
    private let chunks: HandOver<Data>
    private var current = Data()
    private var offset = 0
    private(set) var failure: ImportError?

    init(_ chunks: HandOver<Data>) {
        self.chunks = chunks
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { failure == nil }
    // The parser asks for it when `read` fails; InputStream's own looks into a CFReadStream
    // this subclass does not have, and traps.
    override var streamError: Error? { failure }
    override var streamStatus: Stream.Status { failure == nil ? .open : .error }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        while offset == current.count {
            do {
                guard let chunk = try chunks.take() else { return 0 }
                current = chunk
                offset = 0
            } catch {
                failure = error
                return -1
            }
        }
        let count = min(maxLength, current.count - offset)
        current.withUnsafeBytes { bytes in
            buffer.update(from: bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self), count: count)
        }
        offset += count
        return count
    }
}

/// Checks that bytes coming in chunks are UTF-8, a character cut between two chunks carried
/// over to the next.
struct UTF8Check {
    private var carried: [UInt8] = []

    /// Whether `chunk`, after what came before, is UTF-8 so far.
    mutating func accept<Bytes: Collection<UInt8>>(_ chunk: Bytes) -> Bool {
        var bytes = carried
        bytes.append(contentsOf: chunk)
        // Where a character that the chunk does not finish starts: its lead byte says how many
        // bytes it has (two to four), and fewer follow it.
        var cut = bytes.count
        var index = bytes.count - 1
        while index >= 0 && index >= bytes.count - 4 {
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 {
                index -= 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if bytes.count - index < length { cut = index }
            break
        }
        carried = Array(bytes[cut...])
        let whole = bytes[..<cut]
        return whole.allSatisfy { $0 < 0x80 } || String(validating: whole, as: UTF8.self) != nil
    }

    /// Whether the bytes ended with no character cut short.
    func finish() -> Bool { carried.isEmpty }
}
