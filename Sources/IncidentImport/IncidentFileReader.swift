import Foundation
import IncidentMapCore

/// Reads incidents from a file of ACLED-style rows, streaming, so a file of any size is read in
/// constant memory: JSON Lines (`.jsonl`, `.ndjson`), CSV with a header row (`.csv`; comma,
/// semicolon or tab separated, told from the header), or ACLED's API answer (`.json`: one
/// `{"status", "success", "count", "data": [...]}` answer or several pages of them), or a GDELT
/// 2.0 event export (`YYYYMMDDHHMMSS.export.CSV`, told by its shape; see ``GDELTOptions``),
/// or the first sheet of an Excel workbook (`.xlsx`, read streaming by the internal `XLSXSheetReader`).
///
/// ```swift
/// let reader = try IncidentFileReader(path: "acled-libya.csv")
/// while let incident = try reader.next() { … }
/// ```
public final class IncidentFileReader {
    /// The input formats understood.
    public enum Format: String, Sendable, CaseIterable {
        case jsonLines = "jsonl"
        case csv
        /// ACLED's API answer: `{"status": …, "success": …, "count": …, "data": [rows]}`, one
        /// or several (one after another, or in an array), every value a string.
        case acledAPI = "acled-api"
        /// A GDELT 2.0 event export: 61 tab-separated columns, no header.
        case gdeltEvents = "gdelt"
        /// An Excel workbook's first sheet, with a header row as a CSV file has.
        case xlsx
    }

    /// A row that was refused, with what was wrong and the row as the file has it.
    public struct RejectedRow: Sendable, Hashable {
        /// The line the row starts on.
        public var line: Int
        public var reason: String
        /// The row's text: a JSON Lines line or an API row as written; a CSV row as its fields
        /// read, quoted again where they need it (with the rest of the line where its quoting
        /// is broken).
        public var raw: String

        public init(line: Int, reason: String, raw: String) {
            self.line = line
            self.reason = reason
            self.raw = raw
        }
    }

    /// One row of the file: an incident, or a row refused for a fault of its own (the rows
    /// after it can still be read).
    public enum Row: Sendable {
        case incident(Incident)
        case rejected(RejectedRow)
    }

    public let path: String
    public let format: Format
    /// The size of the file in bytes (for progress); of a zip, its data file's size unpacked.
    public let fileSize: Int64
    /// The CSV delimiter, told from the header row (`nil` for JSON).
    public private(set) var delimiter: UInt8?
    private let source: ByteSource
    private let jsonLines: JSONLinesReader?
    private let csv: TableRecords?
    private let api: ACLEDAPIReader?
    private let gdelt: GDELTEventReader?
    private var header: [String] = []
    /// For each CSV column, its slot in ``IncidentRecord/slots``, or `nil` for a column not stored.
    private var headerSlots: [Int?] = []
    /// The CSV columns that no one names (kept in `other_columns`): their positions and names.
    private var unknownColumns: [(position: Int, name: String)] = []
    private var fold = MonadicFold()
    private var readToEnd = false
    /// A refused row waiting for the rows held before it to be handed out.
    private var refusedRow: Row?

    /// Opens `path`, taking the format from its extension, or from its first characters where
    /// the extension says nothing or `.json` could be JSON Lines or an API answer; a file
    /// whose first row has a GDELT 2.0 event row's shape is read as one, whatever its name.
    /// `gdelt` chooses which GDELT rows are kept (it says nothing to other formats).
    public init(path: String, format: Format? = nil, gdelt gdeltOptions: GDELTOptions = GDELTOptions()) throws(ImportError) {
        self.path = path
        let source: ByteSource
        // A zip's format is its one data file's, told by that file's name and contents.
        var formatPath = path
        if ZippedInput.isZip(path) {
            (source, formatPath, fileSize) = try ZippedInput.open(path)
        } else {
            source = try ByteSource(path: path)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            fileSize = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        self.source = source
        let chosen: Format
        if let format { chosen = format } else { chosen = try IncidentFileReader.guessFormat(path: path, named: formatPath, source: source) }
        self.format = chosen
        jsonLines = chosen == .jsonLines ? JSONLinesReader(source: source, path: path) : nil
        api = chosen == .acledAPI ? ACLEDAPIReader(source: source, path: path) : nil
        gdelt = chosen == .gdeltEvents ? GDELTEventReader(source: source, path: path, options: gdeltOptions) : nil
        if chosen == .csv {
            source.skipByteOrderMark()
            let delimiter = IncidentFileReader.detectDelimiter(source.peekLine())
            self.delimiter = delimiter
            let reader = TableRecords.csv(CSVRecordReader(source: source, path: path, delimiter: delimiter))
            csv = reader
            try readHeader(reader)
        } else if chosen == .xlsx {
            let sheet = TableRecords.sheet(try XLSXSheetReader(path: path))
            csv = sheet
            try readHeader(sheet)
        } else {
            csv = nil
        }
    }

    /// What a GDELT file's rows became so far (kept, and skipped by reason); `nil` for other formats.
    public var gdeltSummary: GDELTSummary? { gdelt?.summary }

    /// Bytes read so far.
    public var bytesRead: Int64 { source.offset }

    /// The next incident, or `nil` at the end of the file. A bad row throws
    /// ``ImportError/badRow(path:line:reason:)`` naming its line.
    public func next() throws(ImportError) -> Incident? {
        switch try nextRow() {
        case nil: return nil
        case .incident(let incident): return incident
        case .rejected(let row): throw .badRow(path: path, line: row.line, reason: row.reason)
        }
    }

    /// The next row, an incident or a refused row, or `nil` at the end of the file; for
    /// reading past bad rows. What breaks the file as a whole (a header without the required
    /// columns, an API answer whose structure is broken) still throws.
    ///
    /// The rows of ACLED's monadic layout (an event's two actors on two rows with the same
    /// `event_id_cnty`) come out folded into one incident (see ``foldedRows``).
    public func nextRow() throws(ImportError) -> Row? {
        // GDELT's ids are its own, one a row: nothing to fold.
        if gdelt != nil { return try readRow() }
        while true {
            if let incident = fold.next() { return .incident(incident) }
            // A refused row comes after the rows before it, as the file has them.
            if let rejected = refusedRow {
                refusedRow = nil
                return rejected
            }
            if readToEnd { return nil }
            switch try readRow() {
            case nil:
                fold.finish()
                readToEnd = true
            case .incident(let incident): fold.add(incident)
            case let rejected?:
                fold.finish()
                refusedRow = rejected
            }
        }
    }

    /// Rows of ACLED's monadic layout folded into the event an earlier row of the file began
    /// (one event, two rows, one actor each): counted, so the user knows where they went.
    public var foldedRows: Int { fold.foldedRows }
    /// Rows that repeated the `event_id_cnty` of a row just before them with other values and
    /// were left out (the first row of an id is stored).
    public var repeatedRows: Int { fold.repeatedRows }

    /// The next row as the file has it, before monadic rows are folded.
    private func readRow() throws(ImportError) -> Row? {
        let line: Int
        let values: [String?]
        // What a refused row's text and reason are made from, only when one is refused: the
        // fast path builds neither a closure nor a string per row.
        var csvFields: [String] = []
        var apiRowIndex = 0
        if let jsonLines {
            do {
                guard let record = try jsonLines.nextValues(slots: IncidentRecord.jsonSlots, count: IncidentRecord.slotCount,
                                                                    otherSlot: IncidentRecord.unknownSlot) else { return nil }
                (line, values) = record
            } catch {
                guard case .badRow(_, let badLine, let reason) = error, !jsonLines.stoppedAtLongLine else { throw error }
                return .rejected(RejectedRow(line: badLine, reason: reason, raw: jsonLines.currentLine))
            }
        } else if let csv {
            let record: (line: Int, fields: [String])
            do {
                guard let next = try csv.next() else { return nil }
                record = next
            } catch {
                if let fileError = error.fileError { throw fileError }
                if error.endsFile { throw .badRow(path: path, line: error.line, reason: error.reason) }
                return .rejected(RejectedRow(line: error.line, reason: error.reason, raw: error.raw))
            }
            guard record.fields.count == header.count else {
                return .rejected(RejectedRow(
                    line: record.line, reason: "\(record.fields.count) fields where the header has \(header.count): "
                        + "check the \(IncidentFileReader.delimiterName(csv.delimiter))s and quotes in this row",
                    raw: CSVRecordReader.line(record.fields, delimiter: csv.delimiter)))
            }
            line = record.line
            csvFields = record.fields
            var row = [String?](repeating: nil, count: IncidentRecord.slotCount)
            // The first of two columns with the same name wins. By index, backwards: `reversed()`
            // of the zipped columns made an array a row.
            for position in record.fields.indices.reversed() {
                if let slot = headerSlots[position] { row[slot] = record.fields[position] }
            }
            if !unknownColumns.isEmpty {
                row[IncidentRecord.unknownSlot] = OtherColumns.json(unknownColumns.compactMap { column in
                    let value = record.fields[column.position]
                    return value.isEmpty ? nil : (column.name, value)
                })
            }
            values = row
        } else if let api {
            guard let record = try api.nextRow(slots: IncidentRecord.jsonSlots, count: IncidentRecord.slotCount,
                                                    otherSlot: IncidentRecord.unknownSlot) else { return nil }
            line = record.line
            apiRowIndex = record.index
            switch record.values {
            case .success(let rowValues): values = rowValues
            case .failure(let problem):
                return .rejected(RejectedRow(line: line, reason: "row \(apiRowIndex) of the answer's data: broken JSON: \(problem.reason)",
                                             raw: api.currentRow))
            }
        } else if let gdelt {
            guard let record = try gdelt.nextRow() else { return nil }
            switch record.result {
            case .success(let incident): return .incident(incident)
            case .failure(let problem): return .rejected(RejectedRow(line: record.line, reason: problem.reason, raw: gdelt.currentLine))
            }
        } else {
            return nil
        }
        do {
            return .incident(try IncidentRecord.incident(from: values))
        } catch {
            if let jsonLines { return .rejected(RejectedRow(line: line, reason: error.reason, raw: jsonLines.currentLine)) }
            if let api {
                return .rejected(RejectedRow(line: line, reason: "row \(apiRowIndex) of the answer's data: \(error.reason)", raw: api.currentRow))
            }
            return .rejected(RejectedRow(line: line, reason: error.reason, raw: CSVRecordReader.line(csvFields, delimiter: csv?.delimiter ?? 0x2C)))
        }
    }

    private func readHeader(_ reader: TableRecords) throws(ImportError) {
        let first: (line: Int, fields: [String])?
        do {
            first = try reader.next()
        } catch {
            if let fileError = error.fileError { throw fileError }
            throw .badRow(path: path, line: error.line, reason: "the header row: \(error.reason)")
        }
        guard let record = first else {
            throw .badRow(path: path, line: 1, reason: "the file is empty: a CSV file needs a header row of ACLED column names")
        }
        header = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        headerSlots = header.map { IncidentRecord.slots[$0] }
        // Columns no one names go into `other_columns` under their name as the file writes it;
        // not an unnamed one (the leading index column pandas and R write: "" or "Unnamed: 0").
        var seen = Set<String>()
        unknownColumns = record.fields.enumerated().compactMap { position, field in
            let name = field.trimmingCharacters(in: .whitespaces)
            guard headerSlots[position] == nil, !name.isEmpty, !name.lowercased().hasPrefix("unnamed:"),
                  seen.insert(name).inserted else { return nil }
            return (position, name)
        }
        for column in [Incident.Column.latitude, .longitude, .eventDate, .eventType] where !header.contains(column.rawValue) {
            let delimiter = reader.delimiter
            let shown = header.prefix(6).map { "'\($0)'" }.joined(separator: ", ") + (header.count > 6 ? " …" : "")
            if case .sheet = reader {
                throw .badRow(path: path, line: record.line, reason: "the first sheet's first row has no \(column.rawValue) column; "
                              + "it has \(header.count) column(s): \(shown). incidentmap reads a sheet whose first row names "
                              + "ACLED's columns (event_date, event_type, latitude, longitude …)")
            }
            throw .badRow(path: path, line: record.line, reason: """
                the header has no \(column.rawValue) column. Read as \(IncidentFileReader.delimiterName(delimiter))-separated \
                (the delimiter its header suggests), it has \(header.count) column(s): \(shown). incidentmap reads comma-, \
                semicolon- and tab-separated files whose header names ACLED's columns (event_date, event_type, latitude, longitude …)
                """)
        }
    }

    /// Of comma, semicolon and tab, the delimiter that splits `headerLine` into the most of
    /// the column names incidentmap reads; where it names none, the one that splits it into
    /// the most fields; a comma where nothing tells.
    static func detectDelimiter(_ headerLine: ArraySlice<UInt8>) -> UInt8 {
        var best = (delimiter: UInt8(ascii: ","), known: 0, fields: 1)
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")] {
            let names = headerLine.split(separator: delimiter, omittingEmptySubsequences: false).map { bytes in
                String(decoding: bytes, as: UTF8.self)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\" \r\u{FEFF}")).lowercased()
            }
            let known = names.filter { IncidentRecord.slots[$0] != nil }.count
            if (known, names.count) > (best.known, best.fields) { best = (delimiter, known, names.count) }
        }
        return best.delimiter
    }

    static func delimiterName(_ delimiter: UInt8) -> String {
        switch delimiter {
        case UInt8(ascii: ";"): return "semicolon"
        case UInt8(ascii: "\t"): return "tab"
        default: return "comma"
        }
    }

    /// `name` (`path`, or the name of the file inside a zip) gives the extension.
    private static func guessFormat(path: String, named name: String, source: ByteSource) throws(ImportError) -> Format {
        let pathExtension = (name as NSString).pathExtension.lowercased()
        switch pathExtension {
        case "jsonl", "ndjson", "geojsonl": return .jsonLines
        // GDELT names its exports .CSV, though they hold tabs and no header.
        case "csv", "tsv": return GDELTEventReader.looksLikeEventRow(source.peekLine()) ? .gdeltEvents : .csv
        case "xlsx": return .xlsx
        default:
            if GDELTEventReader.looksLikeEventRow(source.peekLine()) { return .gdeltEvents }
            source.skipByteOrderMark()
            while let byte = source.peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                _ = source.next()
            }
            switch source.peek() {
            case UInt8(ascii: "["): return .acledAPI
            case UInt8(ascii: "{"):
                // One JSON Lines row on the first line, or the start of an API answer (which
                // has "data", or "status" and "success" where ACLED refused the request, or,
                // pretty-printed, is no whole object on its first line).
                guard let members = try? FlatJSON.object(Array(source.peekLine())),
                      members["data"] == nil, members["status"] == nil, members["success"] == nil else { return .acledAPI }
                return .jsonLines
            default:
                if pathExtension == "json" { return .jsonLines }
                throw .unknownFormat(path: path)
            }
        }
    }
}
