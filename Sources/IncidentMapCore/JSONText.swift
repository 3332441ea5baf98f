/// JSON text encoding for the streaming writers and the store's evidence column.
///
/// Written by hand because Foundation's `JSONEncoder` builds a whole document in memory
/// and cannot append one feature at a time to a stream; escaping follows RFC 8259 §7.
public enum JSONText {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal, quotes included.
    @inline(__always)
    public static func appendString(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(bytes: $0, to: &buffer) }
    }

    /// Appends UTF-8 `bytes` as a JSON string literal, quotes included.
    @inline(__always)
    public static func appendString(bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        // Most text needs no escaping: copy it whole.
        var plain = true
        for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            buffer.append(contentsOf: bytes)
            buffer.append(UInt8(ascii: "\""))
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case 0x0A: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            case 0x09: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                           hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default:
                buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// A number as JSON text: its shortest round-trip form, `null` when not finite.
    @inline(__always)
    public static func number(_ number: Double) -> String {
        number.isFinite ? number.description : "null"
    }

    /// Appends a finite number in its shortest round-trip form (`32.8942`, `13.0`).
    @inline(__always)
    public static func appendNumber(_ number: Double, to buffer: inout [UInt8]) {
        guard number.isFinite else {
            appendLiteral("null", to: &buffer)
            return
        }
        buffer.append(contentsOf: number.description.utf8)
    }

    @inline(__always)
    public static func appendInteger(_ number: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(number).utf8)
    }

    @inline(__always)
    public static func appendLiteral(_ text: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
