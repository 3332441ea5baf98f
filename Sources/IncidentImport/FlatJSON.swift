/// Parses one JSON Lines record, a JSON object, into its members as text: strings unescaped,
/// numbers and booleans as written, nested arrays and objects as their JSON text, nulls left
/// out.
///
/// Written by hand because Foundation's `JSONSerialization` builds a bridged object per value
/// and was most of the cost of ingesting a million rows; this reads the bytes once. It is
/// strict: anything that is not valid JSON is refused with what and where.
struct FlatJSON {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    struct Failure: Error {
        let reason: String
    }

    static func object(_ bytes: [UInt8]) throws(Failure) -> [String: String] {
        var parser = FlatJSON(bytes)
        var fields: [String: String] = [:]
        try parser.parseObject { key, parser throws(Failure) in
            if let value = try parser.parseValue() { fields[key] = value }
        }
        return fields
    }

    /// The object's members in their order, as text (nulls left out).
    static func members(_ bytes: [UInt8]) throws(Failure) -> [(name: String, value: String)] {
        var parser = FlatJSON(bytes)
        var members: [(name: String, value: String)] = []
        try parser.parseObject { key, parser throws(Failure) in
            if let value = try parser.parseValue() { members.append((key, value)) }
        }
        return members
    }

    /// The object's members whose names `slots` knows, each at its slot: no dictionary is
    /// built per row. The others are kept, as ``OtherColumns`` writes them, at `otherSlot`
    /// (where given; else they are checked but not kept).
    static func values(_ bytes: [UInt8], slots: [String: Int], count: Int, otherSlot: Int? = nil) throws(Failure) -> [String?] {
        var parser = FlatJSON(bytes)
        var values = [String?](repeating: nil, count: count)
        var others: [(name: String, value: String)] = []
        try parser.parseObject { key, parser throws(Failure) in
            if let slot = slots[key] {
                values[slot] = try parser.parseValue()
            } else if otherSlot != nil {
                if let value = try parser.parseValue() { others.append((key, value)) }
            } else {
                try parser.skipValue()
            }
        }
        if let otherSlot, !others.isEmpty { values[otherSlot] = OtherColumns.json(others) }
        return values
    }

    private mutating func parseObject(_ member: (String, inout FlatJSON) throws(Failure) -> Void) throws(Failure) {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { throw Failure(reason: "expected a JSON object ({…}) on the line") }
        position += 1
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return try end()
        }
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") { throw fail("a comma before '}': JSON allows none after the last member") }
            guard peek() == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
            let key = try parseString()
            skipSpace()
            guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after \"\(key)\"") }
            position += 1
            skipSpace()
            try member(key, &self)
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return try end()
            default: throw fail("expected ',' or '}' after the value of \"\(key)\"")
            }
        }
    }

    /// Checks a value without keeping it.
    private mutating func skipValue() throws(Failure) {
        switch peek() {
        case UInt8(ascii: "\""): try skipString()
        default: _ = try parseValue()
        }
    }

    /// Steps over a string, checking it as ``parseString()`` does, without building it.
    private mutating func skipString() throws(Failure) {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                guard bytes[start..<position].allSatisfy({ $0 < 0x80 }) || String(validating: bytes[start..<position], as: UTF8.self) != nil else {
                    throw fail("text that is not UTF-8")
                }
                position += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                position = start - 1
                _ = try parseString()
                return
            }
            if byte < 0x20 { throw fail("a control character inside a string (write it as \\n, \\t …)") }
            position += 1
        }
        throw fail("a string is never closed")
    }

    private mutating func end() throws(Failure) {
        skipSpace()
        guard position == bytes.count else { throw fail("text after the end of the object") }
    }

    mutating func parseValue() throws(Failure) -> String? {
        switch peek() {
        case UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "{"), UInt8(ascii: "["): return try rawNested()
        case UInt8(ascii: "n"): try literal("null"); return nil
        case UInt8(ascii: "t"): try literal("true"); return "true"
        case UInt8(ascii: "f"): try literal("false"); return "false"
        default: return try parseNumber()
        }
    }

    /// A number as written, checked against RFC 8259's grammar
    /// (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`): `Double(String)` alone would let
    /// `.5`, `07`, `+3`, `1.`, `0x1p4` and `inf` through. A number too large for a `Double`
    /// (`1e400`) is refused too, as no column could hold it.
    private mutating func parseNumber() throws(Failure) -> String {
        let start = position
        while position < bytes.count, Self.isNumberByte(bytes[position]) { position += 1 }
        guard position > start else { throw fail("a value must be a string, number, true, false, null, array or object") }
        let number = bytes[start..<position]
        let text = String(decoding: number, as: UTF8.self)
        guard Self.isJSONNumber(number) else {
            position = start
            throw fail("'\(text)' is not a JSON number: write it as -12, 0.5 or 1.5e-3 (no leading + or zeros, a digit on both sides of the point)")
        }
        guard let value = Double(text), value.isFinite else {
            position = start
            throw fail("the number \(text) is too large")
        }
        return text
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Whether `number` is exactly one number in RFC 8259's grammar (section 6).
    static func isJSONNumber(_ number: ArraySlice<UInt8>) -> Bool {
        var index = number.startIndex
        func isDigit(_ at: Int) -> Bool { at < number.endIndex && (0x30...0x39).contains(number[at]) }
        /// Steps over one or more digits; `false` where there is none.
        func digits() -> Bool {
            guard isDigit(index) else { return false }
            while isDigit(index) { index += 1 }
            return true
        }
        if index < number.endIndex, number[index] == UInt8(ascii: "-") { index += 1 }
        if index < number.endIndex, number[index] == UInt8(ascii: "0") {
            index += 1
        } else if !digits() {
            return false
        }
        if index < number.endIndex, number[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return false }
        }
        if index < number.endIndex, number[index] == UInt8(ascii: "e") || number[index] == UInt8(ascii: "E") {
            index += 1
            if index < number.endIndex, number[index] == UInt8(ascii: "+") || number[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() else { return false }
        }
        return index == number.endIndex
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              bytes[position..<(position + count)].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count)) else {
            throw fail("unknown word in the JSON")
        }
        position += count
    }

    /// A nested array or object, kept as its JSON text, checked as JSON: brackets that match,
    /// members named, commas and colons where they belong, every value valid.
    private mutating func rawNested() throws(Failure) -> String {
        let start = position
        try skipNested()
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Steps over the array or object at `position`, checking it. A loop over a stack of the
    /// brackets still open rather than recursion, so that nesting a million deep (which a
    /// 64 MiB line can hold) cannot overflow the thread's stack.
    private mutating func skipNested() throws(Failure) {
        var closers: [UInt8] = []
        var atValue = true
        var afterComma = false
        while true {
            if atValue {
                skipSpace()
                switch peek() {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let closer = peek() == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    position += 1
                    closers.append(closer)
                    afterComma = false
                    skipSpace()
                    if peek() == closer {
                        position += 1
                        closers.removeLast()
                        atValue = false
                    } else if closer == UInt8(ascii: "}") {
                        try memberName()
                    }
                    continue
                case UInt8(ascii: "\""): try skipString()
                case UInt8(ascii: "]") where afterComma:
                    throw fail("a comma before ']': JSON allows none after the last item")
                default: _ = try parseValue()
                }
                atValue = false
                afterComma = false
            }
            guard let closer = closers.last else { return }
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                if closer == UInt8(ascii: "}") { try memberName() }
                atValue = true
                afterComma = true
            case closer:
                position += 1
                closers.removeLast()
            case nil:
                throw fail("an array or object is never closed")
            default:
                throw fail("expected ',' or '\(Character(Unicode.Scalar(closer)))' in a nested \(closer == UInt8(ascii: "}") ? "object" : "array")")
            }
        }
    }

    /// Steps over `"name":` inside a nested object.
    private mutating func memberName() throws(Failure) {
        skipSpace()
        if peek() == UInt8(ascii: "}") { throw fail("a comma before '}': JSON allows none after the last member") }
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes in a nested object") }
        try skipString()
        skipSpace()
        guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after a member name in a nested object") }
        position += 1
    }

    private mutating func parseString() throws(Failure) -> String {
        position += 1  // the opening quote
        let start = position
        // The common case, no escapes: one copy.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                guard let text = Self.text(bytes[start..<position]) else { throw fail("text that is not UTF-8") }
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("a control character inside a string (write it as \\n, \\t …)") }
            position += 1
        }
        var scalars: [UInt8] = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scalars, as: UTF8.self) else { throw fail("text that is not UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "u"):
                    let scalar = try unicodeEscape()
                    scalars.append(contentsOf: Array(String(scalar).utf8))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                default:
                    position -= 1
                    throw fail("an unknown escape \\\(Character(Unicode.Scalar(escape))) (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                }
            default:
                if byte < 0x20 { throw fail("a control character inside a string (write it as \\n, \\t …)") }
                scalars.append(byte)
            }
        }
        throw fail("a string is never closed")
    }

    /// The bytes as text when they are valid UTF-8. ASCII (most values) is checked with a
    /// plain loop: `String(validating:as:)` looks up generic metadata on every call, which
    /// was a twentieth of an ingest.
    @inline(__always)
    static func text(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The character of a `\uXXXX` escape, the `\u` already read: a surrogate pair makes one
    /// character; a lone surrogate (which no text can hold) and NUL (which would cut the value
    /// short in the store) are refused.
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        let value = try hex4()
        switch value {
        case 0:
            throw fail("a NUL character (\\u0000) in a string: remove it")
        case 0xD800..<0xDC00:
            guard position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw fail("a \\u escape of a high surrogate that no low surrogate (\\uDC00-\\uDFFF) follows")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else {
                throw fail("a \\u escape of a high surrogate that no low surrogate (\\uDC00-\\uDFFF) follows")
            }
            // Both halves are in range, so the sum is a valid scalar above U+FFFF.
            return Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))!
        case 0xDC00..<0xE000:
            throw fail("a \\u escape of a low surrogate with no high surrogate before it")
        default:
            // Every other value below 0x10000 is a scalar.
            return Unicode.Scalar(value)!
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        // Digit by digit: UInt32(_:radix:) would also take a sign (\\u+041).
        guard position + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for byte in bytes[position..<(position + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw fail("a \\u escape needs four hex digits") }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func fail(_ reason: String) -> Failure {
        Failure(reason: "\(reason) (at character \(position + 1))")
    }
}
