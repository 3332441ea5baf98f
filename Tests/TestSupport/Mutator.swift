/// Seeded byte-level mutations of a valid input, for the fuzz suites in the tests: each mutant
/// is one to four edits of kinds that real damage and hostile files make (a byte changed, a
/// quote or line break inserted, a span cut, doubled or stretched, the file cut off), so that a
/// failure names its seed and mutant number and repeats on every machine.
public struct Mutator {
    private var random: SeededGenerator

    /// Bytes that readers treat specially: quotes, separators, line ends, escapes, brackets,
    /// NUL, a lone UTF-8 lead or continuation byte, the start of a BOM.
    static let interesting: [UInt8] = [0x00, 0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D,
                                       0x3A, 0x75, 0x2D, 0x2E, 0x30, 0x39, 0x65, 0xC3, 0xD8, 0x80, 0xBF, 0xEF, 0xFF]

    public init(seed: UInt64) { random = SeededGenerator(state: seed) }

    /// A mutant of `input`.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) { edit(&bytes) }
        return bytes
    }

    private mutating func edit(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { bytes = [Self.interesting.randomElement(using: &random)!]; return }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 1: bytes[at] = Self.interesting.randomElement(using: &random)!
        case 2: bytes.insert(Self.interesting.randomElement(using: &random)!, at: at)
        case 3: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
        case 4:
            let span = Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...200, using: &random))])
            bytes.insert(contentsOf: span, at: Int.random(in: 0...bytes.count, using: &random))
        case 5: bytes.removeSubrange(at...)
        case 6:
            // A long run of one byte: a field, a number or a line far longer than any real one.
            let byte = Self.interesting.randomElement(using: &random)!
            bytes.insert(contentsOf: [UInt8](repeating: byte == 0x0A ? 0x41 : byte, count: Int.random(in: 100...20_000, using: &random)), at: at)
        case 7: bytes.insert(contentsOf: Array("\\uD800".utf8), at: at)
        default: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
        }
    }
}
