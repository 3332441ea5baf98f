import Foundation

/// A strict RFC 4180 reader: fields separated by commas (or another delimiter: semicolons and
/// tabs are what spreadsheet programs write in many locales), optionally quoted, `""` for a
/// quote inside quotes, delimiters and line breaks allowed inside quotes, LF or CRLF line ends.
///
/// Written here rather than taken from CSV.swift because CSV.swift accepts broken quoting
/// silently (an unclosed quote swallows the rest of the file; a stray quote is kept as text)
/// and does not tell which line a record started on, while a bad row must stop the ingest
/// with `FILE:LINE: what is wrong`.
final class CSVRecordReader {
    private let source: ByteSource
    private let path: String
    private var line = 1
    private var lastFieldCount = 0
    /// The byte between fields.
    let delimiter: UInt8
    private static let quote = UInt8(ascii: "\""),
                       newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    init(source: ByteSource, path: String, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.source = source
        self.path = path
        self.delimiter = delimiter
        source.skipByteOrderMark()
    }

    /// A row whose quoting or encoding is broken. Unless `endsFile` (a record past
    /// ``ByteSource/maximumRecordLength``), the reader has stepped to the next line, so reading
    /// can go on past it.
    struct Failure: Error {
        let line: Int
        let reason: String
        /// The row as far as it was read, and the rest of its line.
        let raw: String
        let endsFile: Bool
        /// What stops the whole file (a workbook's sheet that cannot be read on), to be thrown as it is.
        var fileError: ImportError?
    }

    /// The next record and the line it starts on; `nil` at the end of the file. Blank lines
    /// are skipped.
    func next() throws(Failure) -> (line: Int, fields: [String])? {
        while true {
            guard let first = source.peek() else { return nil }
            if first == CSVRecordReader.newline || first == CSVRecordReader.carriageReturn {
                consumeLineEnd()
                continue
            }
            break
        }
        let startLine = line
        var fields: [String] = []
        // As many as the last record had: grown from empty, the array was allocated six times a row.
        fields.reserveCapacity(lastFieldCount)
        var field: [UInt8] = []
        var recordLength = 0
        do throws(ImportError) {
            while true {
                let endedRecord: Bool
                if source.peek() == CSVRecordReader.quote {
                    _ = source.next()
                    try readQuoted(into: &field, startLine: startLine)
                    endedRecord = try afterClosingQuote(startLine: startLine)
                } else {
                    endedRecord = try readUnquoted(into: &field, startLine: startLine)
                }
                fields.append(try text(field, startLine: startLine))
                recordLength += field.count
                if recordLength > ByteSource.maximumRecordLength { throw tooLong(startLine) }
                field.removeAll(keepingCapacity: true)
                if endedRecord {
                    lastFieldCount = fields.count
                    return (startLine, fields)
                }
            }
        } catch {
            guard case .badRow(_, let errorLine, let reason) = error else { throw Failure(line: startLine, reason: error.description, raw: "", endsFile: true) }
            // A record past the size limit is no row to step over: where it ends is unknown.
            if recordLength + field.count > ByteSource.maximumRecordLength {
                throw Failure(line: errorLine, reason: reason, raw: "", endsFile: true)
            }
            var raw = Array(CSVRecordReader.line(fields, delimiter: delimiter).utf8)
            if !fields.isEmpty { raw.append(delimiter) }
            raw += field
            skipRestOfLine(into: &raw)
            throw Failure(line: errorLine, reason: reason, raw: String(decoding: raw, as: UTF8.self), endsFile: false)
        }
    }

    /// `fields` as one CSV row, quoted where they need it (for the rows a file reports refused).
    static func line(_ fields: [String], delimiter: UInt8) -> String {
        let separator = String(UnicodeScalar(delimiter))
        return fields.map { field in
            guard field.utf8.contains(where: { $0 == delimiter || $0 == quote || $0 == newline || $0 == carriageReturn }) else {
                return field
            }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: separator)
    }

    /// Moves past the end of the current line, appending what it skips.
    private func skipRestOfLine(into raw: inout [UInt8]) {
        while let byte = source.peek() {
            if byte == CSVRecordReader.newline || byte == CSVRecordReader.carriageReturn {
                consumeLineEnd()
                return
            }
            raw.append(byte)
            _ = source.next()
        }
    }

    private func readQuoted(into field: inout [UInt8], startLine: Int) throws(ImportError) {
        while true {
            // A run up to the next quote or line feed (counted: a later error names the line).
            let stop = source.appendRun(into: &field, upTo: CSVRecordReader.quote, CSVRecordReader.newline,
                                        CSVRecordReader.quote, CSVRecordReader.quote)
            if field.count > ByteSource.maximumRecordLength { throw tooLong(startLine) }
            guard let stop else { break }
            _ = source.next()
            if stop == CSVRecordReader.newline {
                line += 1
                field.append(stop)
            } else if source.peek() == CSVRecordReader.quote {
                _ = source.next()
                field.append(CSVRecordReader.quote)
            } else {
                return
            }
        }
        throw .badRow(path: path, line: startLine,
                      reason: "a quoted field opened here is never closed: check the quotes in this row")
    }

    /// After a closing quote only a delimiter or the end of the record may follow.
    private func afterClosingQuote(startLine: Int) throws(ImportError) -> Bool {
        guard let byte = source.peek() else { return true }
        switch byte {
        case delimiter:
            _ = source.next()
            return false
        case CSVRecordReader.newline, CSVRecordReader.carriageReturn:
            consumeLineEnd()
            return true
        default:
            throw .badRow(path: path, line: line,
                          reason: "text after a closing quote: a quote inside a quoted field must be doubled (\"\")")
        }
    }

    private func readUnquoted(into field: inout [UInt8], startLine: Int) throws(ImportError) -> Bool {
        let stop = source.appendRun(into: &field, upTo: delimiter, CSVRecordReader.newline, CSVRecordReader.carriageReturn,
                                    CSVRecordReader.quote)
        if field.count > ByteSource.maximumRecordLength { throw tooLong(startLine) }
        switch stop {
        case nil:
            return true
        case delimiter:
            _ = source.next()
            return false
        case CSVRecordReader.quote:
            throw .badRow(path: path, line: line,
                          reason: "a quote inside an unquoted field: quote the whole field and double the quote (\"\")")
        default:
            consumeLineEnd()
            return true
        }
    }

    private func tooLong(_ startLine: Int) -> ImportError {
        .badRow(path: path, line: startLine,
                reason: "the record is longer than \(ByteSource.maximumRecordLength >> 20) MiB: check for a quote that is never closed, or a file that is not CSV")
    }

    private func consumeLineEnd() {
        if source.next() == CSVRecordReader.carriageReturn, source.peek() == CSVRecordReader.newline {
            _ = source.next()
        }
        line += 1
    }

    private func text(_ bytes: [UInt8], startLine: Int) throws(ImportError) -> String {
        // One pass for the two checks, and ASCII (most fields) made into a String without
        // `String(validating:)`, which looks up generic metadata on every call (a fifth of a
        // CSV ingest's parsing).
        var isASCII = true
        for byte in bytes {
            // SQLite and the number parsers would read a NUL as the end of the value ("32.5\0x"
            // stored as 32.5), so the row is refused rather than cut short.
            if byte == 0 {
                throw .badRow(path: path, line: startLine,
                              reason: "a NUL byte in a field: the file may be binary or UTF-16; save it as UTF-8 text")
            }
            if byte >= 0x80 { isASCII = false }
        }
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badRow(path: path, line: startLine, reason: "the row is not valid UTF-8: save the file as UTF-8")
        }
        return text
    }
}
