/// Reads ACLED's API answers as saved to a file: `{"status": 200, "success": true, "count": N,
/// "data": [{row}, …]}`, every value of a row a string. A file may hold one answer or several
/// pages: answers one after another, or an array of them. Compact or pretty-printed alike.
///
/// Streams: one row is held at a time, whatever the answer's size. Each row is checked by
/// ``FlatJSON`` as a JSON Lines row is; the answer's own members other than `data` are
/// stepped over, but an answer without `data` (ACLED's answer to a refused request) is an
/// error that quotes what the API said.
final class ACLEDAPIReader {
    private let source: ByteSource
    private let path: String
    private var line = 1

    /// Where the reader stands: between answers, among an answer's members, or among the
    /// rows of its `data`.
    private enum Place { case outside, inAnswer, inData }
    private var place = Place.outside
    private var inOuterArray = false
    /// After a value, a comma is due (or the closing bracket); after a comma, a value.
    private var afterItem = false, afterComma = false
    private var answers = 0
    private var rowIndex = 0
    private var sawData = false
    /// The answer's `status`, `success` and `error` members, to explain an answer without data.
    private var answerFacts: [String: String] = [:]
    private var row: [UInt8] = []

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ","),
                       newline = UInt8(ascii: "\n")

    init(source: ByteSource, path: String) {
        self.source = source
        self.path = path
        source.skipByteOrderMark()
    }

    /// The row last read, as the file writes it.
    var currentRow: String { String(decoding: row, as: UTF8.self) }

    /// The next row of data: the line its `{` is on, its number in its answer's data (from 1),
    /// and its members that `slots` names at their slots (the others at `otherSlot`), or why its JSON is broken. `nil`
    /// after the last answer. A broken answer (as opposed to a broken row) throws.
    func nextRow(slots: [String: Int], count: Int, otherSlot: Int? = nil) throws(ImportError)
        -> (line: Int, index: Int, values: Result<[String?], FlatJSON.Failure>)? {
        while true {
            skipSpace()
            let byte = source.peek()
            switch place {
            case .outside:
                guard let byte else {
                    if inOuterArray { throw broken("the array of answers is never closed") }
                    if answers == 0 { throw broken("the file holds no answer") }
                    return nil
                }
                switch byte {
                case UInt8(ascii: "[") where !inOuterArray && answers == 0:
                    _ = source.next()
                    inOuterArray = true
                    (afterItem, afterComma) = (false, false)
                case ACLEDAPIReader.comma where inOuterArray:
                    try comma()
                case UInt8(ascii: "]") where inOuterArray:
                    try close()
                    inOuterArray = false
                case UInt8(ascii: "{"):
                    try item()
                    _ = source.next()
                    answers += 1
                    place = .inAnswer
                    (sawData, answerFacts, rowIndex, afterItem, afterComma) = (false, [:], 0, false, false)
                default:
                    throw broken("expected an answer, {\"status\": …, \"data\": […]}")
                }
            case .inAnswer:
                guard let byte else { throw broken("an answer is never closed") }
                switch byte {
                case ACLEDAPIReader.comma:
                    try comma()
                case UInt8(ascii: "}"):
                    try close()
                    try endAnswer()
                    place = .outside
                    afterItem = inOuterArray
                case ACLEDAPIReader.quote:
                    try item()
                    try member()
                default:
                    throw broken("expected a member name in quotes")
                }
            case .inData:
                guard let byte else { throw broken("the data array is never closed") }
                switch byte {
                case ACLEDAPIReader.comma:
                    try comma()
                case UInt8(ascii: "]"):
                    try close()
                    place = .inAnswer
                    afterItem = true
                case UInt8(ascii: "{"):
                    try item()
                    let rowLine = line
                    row.removeAll(keepingCapacity: true)
                    try captureValue(into: &row)
                    rowIndex += 1
                    do {
                        return (rowLine, rowIndex, .success(try FlatJSON.values(row, slots: slots, count: count, otherSlot: otherSlot)))
                    } catch {
                        return (rowLine, rowIndex, .failure(error))
                    }
                default:
                    throw broken("each row of \"data\" must be an object ({…})")
                }
            }
        }
    }

    /// Reads one member of an answer: `data` opens its rows; the others are kept as text.
    private func member() throws(ImportError) {
        var keyBytes: [UInt8] = []
        try captureValue(into: &keyBytes)
        let key = String(decoding: keyBytes.dropFirst().dropLast(), as: UTF8.self)
        skipSpace()
        guard source.next() == UInt8(ascii: ":") else { throw broken("expected ':' after \"\(key)\"") }
        skipSpace()
        if key == "data" {
            guard source.peek() == UInt8(ascii: "[") else { throw broken("\"data\" must be an array of rows") }
            _ = source.next()
            place = .inData
            sawData = true
            (afterItem, afterComma) = (false, false)
        } else {
            var value: [UInt8] = []
            try captureValue(into: &value)
            if ["status", "success", "error", "message"].contains(key) {
                answerFacts[key] = String(decoding: value.prefix(300), as: UTF8.self)
            }
        }
    }

    /// An answer without data is ACLED refusing the request: say what it said.
    private func endAnswer() throws(ImportError) {
        guard !sawData else { return }
        let said = ["status", "success", "error", "message"].compactMap { key in answerFacts[key].map { "\(key) \($0)" } }
        throw broken("answer \(answers) has no \"data\""
                     + (said.isEmpty ? "" : " (the API said: \(said.joined(separator: ", ")))")
                     + ": save an answer that ACLED gave data in")
    }

    private func comma() throws(ImportError) {
        guard afterItem else { throw broken("a comma where a value belongs") }
        _ = source.next()
        afterItem = false
        afterComma = true
    }

    private func item() throws(ImportError) {
        guard !afterItem else { throw broken("expected ',' between values") }
        afterItem = true
        afterComma = false
    }

    /// A closing bracket may not follow a comma.
    private func close() throws(ImportError) {
        guard !afterComma else { throw broken("a comma before a closing bracket") }
        _ = source.next()
    }

    /// Copies one JSON value (string, object, array, number, true, false or null) into `bytes`.
    private func captureValue(into bytes: inout [UInt8]) throws(ImportError) {
        guard let first = source.peek() else { throw broken("a value is missing") }
        if first == ACLEDAPIReader.quote {
            _ = source.next()
            bytes.append(first)
            try captureStringRest(into: &bytes)
        } else if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            var depth = 0
            while let byte = source.next() {
                bytes.append(byte)
                if bytes.count > ByteSource.maximumRecordLength { throw tooLong() }
                switch byte {
                case ACLEDAPIReader.quote: try captureStringRest(into: &bytes)
                case ACLEDAPIReader.newline: line += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return }
                default: break
                }
            }
            throw broken("an object or array is never closed")
        } else {
            while let byte = source.peek(), FlatJSON.isNumberByte(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                bytes.append(byte)
                _ = source.next()
            }
            guard !bytes.isEmpty else { throw broken("expected a value") }
        }
    }

    /// After an opening quote: copies the string to its closing quote, escapes as written.
    private func captureStringRest(into bytes: inout [UInt8]) throws(ImportError) {
        while let byte = source.next() {
            bytes.append(byte)
            if bytes.count > ByteSource.maximumRecordLength { throw tooLong() }
            if byte == ACLEDAPIReader.backslash {
                guard let escaped = source.next() else { break }
                bytes.append(escaped)
            } else if byte == ACLEDAPIReader.quote {
                return
            } else if byte == ACLEDAPIReader.newline {
                line += 1
            }
        }
        throw broken("a string is never closed")
    }

    private func skipSpace() {
        while let byte = source.peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            if byte == 0x0A { line += 1 }
            _ = source.next()
        }
    }

    /// A value past ``ByteSource/maximumRecordLength``, where a row is a few hundred bytes.
    private func tooLong() -> ImportError {
        broken("a value longer than \(ByteSource.maximumRecordLength >> 20) MiB: is this an ACLED API answer?")
    }

    private func broken(_ reason: String) -> ImportError {
        .badRow(path: path, line: line, reason: "not a whole ACLED API answer: \(reason)")
    }
}
