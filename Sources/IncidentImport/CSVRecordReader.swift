/// A strict RFC 4180 reader: fields separated by commas, optionally quoted, `""` for a quote
/// inside quotes, commas and line breaks allowed inside quotes, LF or CRLF line ends.
///
/// Written here rather than taken from CSV.swift because CSV.swift accepts broken quoting
/// silently (an unclosed quote swallows the rest of the file; a stray quote is kept as text)
/// and does not tell which line a record started on, while a bad row must stop the ingest
/// with `FILE:LINE: what is wrong`.
final class CSVRecordReader {
    private let source: ByteSource
    private let path: String
    private var line = 1
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
                       newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    init(source: ByteSource, path: String) {
        self.source = source
        self.path = path
        source.skipByteOrderMark()
    }

    /// The next record and the line it starts on; `nil` at the end of the file. Blank lines
    /// are skipped.
    func next() throws(ImportError) -> (line: Int, fields: [String])? {
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
        var field: [UInt8] = []
        var recordLength = 0
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
            if endedRecord { return (startLine, fields) }
        }
    }

    private func readQuoted(into field: inout [UInt8], startLine: Int) throws(ImportError) {
        while let byte = source.next() {
            if byte == CSVRecordReader.quote {
                if source.peek() == CSVRecordReader.quote {
                    _ = source.next()
                    field.append(CSVRecordReader.quote)
                } else {
                    return
                }
            } else {
                if byte == CSVRecordReader.newline { line += 1 }
                field.append(byte)
                if field.count > ByteSource.maximumRecordLength { throw tooLong(startLine) }
            }
        }
        throw .badRow(path: path, line: startLine,
                      reason: "a quoted field opened here is never closed: check the quotes in this row")
    }

    /// After a closing quote only a comma or the end of the record may follow.
    private func afterClosingQuote(startLine: Int) throws(ImportError) -> Bool {
        guard let byte = source.peek() else { return true }
        switch byte {
        case CSVRecordReader.comma:
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
        while let byte = source.peek() {
            switch byte {
            case CSVRecordReader.comma:
                _ = source.next()
                return false
            case CSVRecordReader.newline, CSVRecordReader.carriageReturn:
                consumeLineEnd()
                return true
            case CSVRecordReader.quote:
                throw .badRow(path: path, line: line,
                              reason: "a quote inside an unquoted field: quote the whole field and double the quote (\"\")")
            default:
                _ = source.next()
                field.append(byte)
                if field.count > ByteSource.maximumRecordLength { throw tooLong(startLine) }
            }
        }
        return true
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
        // SQLite and the number parsers would read a NUL as the end of the value ("32.5\0x"
        // stored as 32.5), so the row is refused rather than cut short.
        if bytes.contains(0) {
            throw .badRow(path: path, line: startLine,
                          reason: "a NUL byte in a field: the file may be binary or UTF-16; save it as UTF-8 text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badRow(path: path, line: startLine, reason: "the row is not valid UTF-8: save the file as UTF-8")
        }
        return text
    }
}
