import Foundation
import Testing
import TestSupport
@testable import IncidentImport

/// FlatJSON against Foundation's `JSONSerialization` on generated lines: RFC 8259, no more and
/// no less. Every line is a JSON object or a near miss of one (a number with a leading `+` or
/// zero, a bracket that does not match, a missing comma, an unknown escape, a stray byte);
/// both parsers must accept it or both refuse it, and where both accept, agree on every value.
///
/// Two refusals are FlatJSON's by rule and are not compared: `\u0000` (it would cut a value
/// short in the store) and a lone surrogate escape (no text can hold it). Member names are
/// unique in a generated object, as RFC 8259 leaves duplicates to the parser.
///
/// One leniency is Foundation's, not RFC 8259's: on Linux `JSONSerialization` accepts a comma
/// after the last item of an array or object (`[1,]`, `{"a":1,}`), which RFC 8259's grammar
/// has no room for. FlatJSON refuses it; a line JSONSerialization accepts and FlatJSON refuses
/// must be accepted by FlatJSON once those commas alone are taken out, with the same values.
@Suite struct JSONDifferentialTests {
    @Test func acceptsAndRefusesWhatJSONSerializationDoes() throws {
        var random = SeededGenerator(state: 0x1405_2019)
        var accepted = 0, refused = 0, trailingCommas = 0
        for index in 0..<6000 {
            var line = Array(JSONLineGenerator.object(using: &random).utf8)
            if Int.random(in: 0..<4, using: &random) == 0 { JSONLineGenerator.mutate(&line, using: &random) }
            let text = String(decoding: line, as: UTF8.self)
            let foundation = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            var flat: [String: String]?
            do {
                flat = try FlatJSON.object(line)
            } catch where error.reason.contains("surrogate") || error.reason.contains("NUL") {
                // A mutation made a lone surrogate or \u0000, refused by rule (above).
                continue
            } catch where foundation != nil && error.reason.contains("a comma before") {
                // Foundation's trailing-comma leniency (above): that must be the only difference.
                trailingCommas += 1
                flat = try? FlatJSON.object(Self.withoutTrailingCommas(line))
                #expect(flat != nil, "line \(index): FlatJSON refuses more than a trailing comma: \(text.debugDescription)")
            } catch {}
            #expect((foundation != nil) == (flat != nil),
                    "line \(index): JSONSerialization \(foundation != nil ? "accepts" : "refuses"), FlatJSON \(flat != nil ? "accepts" : "refuses"): \(text.debugDescription)")
            guard let foundation, let flat else {
                refused += 1
                continue
            }
            accepted += 1
            let expected = foundation.filter { !($0.value is NSNull) }
            #expect(Set(flat.keys) == Set(expected.keys), "line \(index): \(text)")
            for (key, value) in expected {
                guard let flatValue = flat[key] else { continue }
                #expect(Self.agree(flatValue, value), "line \(index), \"\(key)\": FlatJSON \(flatValue), JSONSerialization \(value): \(text)")
            }
        }
        // The generator must exercise both sides, or the comparison says little.
        #expect(accepted > 1000 && refused > 1000, "accepted \(accepted), refused \(refused)")
        #expect(trailingCommas < accepted / 5, "\(trailingCommas) lines differ by trailing commas")
    }

    /// `line` without the commas that stand, outside strings, before a `]` or `}` with only
    /// white space between.
    static func withoutTrailingCommas(_ line: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var inString = false, escaped = false
        for (index, byte) in line.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: ","),
                      let next = line[(index + 1)...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
                      next == UInt8(ascii: "]") || next == UInt8(ascii: "}") {
                continue
            }
            result.append(byte)
        }
        return result
    }

    @Test func theTrailingCommaStripperKeepsStringsAndOtherCommas() {
        let line = Array("{\"a\":[1, 2 ,\n],\"b\":\",]\",\"c\":{\"d\":\"\\\",}\",},}".utf8)
        #expect(String(decoding: Self.withoutTrailingCommas(line), as: UTF8.self) == "{\"a\":[1, 2 \n],\"b\":\",]\",\"c\":{\"d\":\"\\\",}\"}}")
    }

    @Test(arguments: [".5", "07", "+3", "1.", "-", "1e", "1e+", "-.5", "00", "0x1p4", "1.5.2", "--1", "1e400"])
    func refusesNumbersRFC8259DoesNotAllow(number: String) {
        #expect(throws: FlatJSON.Failure.self) { try FlatJSON.object(Array("{\"latitude\":\(number)}".utf8)) }
    }

    @Test(arguments: ["-0", "0", "0.5", "-12", "1e3", "1E+3", "2.5e-3", "120"])
    func keepsNumbersAsWritten(number: String) throws {
        #expect(try FlatJSON.object(Array("{\"n\":\(number)}".utf8))["n"] == number)
    }

    @Test(arguments: ["[1, 2}", "{\"a\": [1}]", "[1 2]", "[1,]", "[,1]", "{\"a\" 1}", "{1: 2}", "{\"a\":}", "[\"x\\q\"]",
                      "[tru]", "[01]", "{\"a\":1,}", "[[]", "[\"\\u+041\"]"])
    func refusesANestedValueThatIsNotJSON(nested: String) {
        #expect(throws: FlatJSON.Failure.self) { try FlatJSON.object(Array("{\"evidence\":\(nested)}".utf8)) }
    }

    @Test func keepsANestedValueAsItsTextAndStepsOverDeepNesting() throws {
        let nested = "[ {\"a\": [1, \"]\", {\"b\": null}]}, [] , {} ]"
        #expect(try FlatJSON.object(Array("{\"evidence\":\(nested),\"x\":1}".utf8))["evidence"] == nested)
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(try FlatJSON.object(Array("{\"deep\":\(deep)}".utf8))["deep"]?.count == 400_000)
        let unclosed = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 199_999)
        #expect(throws: FlatJSON.Failure.self) { try FlatJSON.object(Array("{\"deep\":\(unclosed)}".utf8)) }
    }

    /// Whether FlatJSON's text of a value says what JSONSerialization's value does.
    static func agree(_ flat: String, _ value: Any) -> Bool {
        switch value {
        case let text as String:
            return flat == text
        case is [Any], is [String: Any]:
            guard let reparsed = try? JSONSerialization.jsonObject(with: Data(flat.utf8)) else { return false }
            return canonical(reparsed) == canonical(value)
        case let number as NSNumber:
            if flat == "true" || flat == "false" { return number.boolValue == (flat == "true") }
            // Foundation keeps numbers of more than 17 digits as Decimal, whose doubleValue may
            // be an ulp or two off the correctly rounded one.
            guard let value = Double(flat) else { return false }
            return abs(value - number.doubleValue) <= abs(value) * 1e-15
        default:
            return false
        }
    }

    /// A value's JSON with object members sorted and numbers as doubles, to compare two trees.
    static func canonical(_ value: Any) -> String {
        switch value {
        case let text as String: return text.debugDescription
        case let array as [Any]: return "[" + array.map(canonical).joined(separator: ",") + "]"
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { $0.debugDescription + ":" + canonical(object[$0]!) }.joined(separator: ",") + "}"
        case let number as NSNumber: return String(number.doubleValue)
        case is NSNull: return "null"
        default: return "?\(type(of: value))"
        }
    }
}

/// Generates JSON objects and near misses of them, from pieces chosen to sit on either side
/// of RFC 8259's rules.
enum JSONLineGenerator {
    static func object(using random: inout SeededGenerator) -> String {
        let count = Int.random(in: 0...5, using: &random)
        let members = (0..<count).map { index in
            "\"k\(index)\"" + space(&random) + ":" + space(&random) + value(depth: 0, using: &random)
        }
        return "{" + space(&random) + members.joined(separator: space(&random) + "," + space(&random)) + space(&random) + "}"
            + (Int.random(in: 0..<10, using: &random) == 0 ? "\n" : "")
    }

    static func value(depth: Int, using random: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &random) {
        case 0, 1: return number(using: &random)
        case 2: return string(using: &random)
        case 3: return pick(["true", "false", "null", "true", "null", "tru", "nul", "True", "falsey"], &random)
        case 4: return pick(["[]", "{}", "\"\"", "0"], &random)
        case 5: return array(depth: depth + 1, using: &random)
        default: return nestedObject(depth: depth + 1, using: &random)
        }
    }

    static func number(using random: inout SeededGenerator) -> String {
        let sign = pick(["", "", "", "-", "-", "+"], &random)
        let digits = String((0..<Int.random(in: 1...12, using: &random)).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        let integer = pick(["0", "7", "07", "00", "", "10", digits, digits, digits], &random)
        let fraction = pick(["", "", "", ".", ".5", ".25", "." + digits], &random)
        let exponent = pick(["", "", "", "", "e", "E+", "e-3", "e10", "E+2", "e+", "e-0"], &random)
        return sign + integer + fraction + exponent
    }

    static func string(using random: inout SeededGenerator) -> String {
        let pieces = ["abc", "Tripoli", "طرابلس", " ", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\u0041", "\\uD83D\\uDE00",
                      "\\x41", "\\q", "\\u12", "\\u+041", "\\uzzzz", "\\'", "[", "}", ",", "\u{01}", "é"]
        let count = Int.random(in: 0...4, using: &random)
        // Mostly pieces that are valid, so that whole lines still pass often.
        let text = (0..<count).map { _ in
            Int.random(in: 0..<5, using: &random) == 0 ? pick(pieces, &random) : pick(Array(pieces.prefix(12)), &random)
        }.joined()
        return "\"" + text + "\""
    }

    static func array(depth: Int, using random: inout SeededGenerator) -> String {
        let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth: depth, using: &random) }
        return "[" + items.joined(separator: separator(&random)) + closer("]", &random)
    }

    static func nestedObject(depth: Int, using random: inout SeededGenerator) -> String {
        let members = (0..<Int.random(in: 0...3, using: &random)).map { index in
            let colon = Int.random(in: 0..<30, using: &random) == 0 ? " " : ":"
            return "\"n\(index)\"" + space(&random) + colon + value(depth: depth, using: &random)
        }
        return "{" + members.joined(separator: separator(&random)) + closer("}", &random)
    }

    /// Mostly a comma; now and then none, two or a trailing one.
    static func separator(_ random: inout SeededGenerator) -> String {
        Int.random(in: 0..<25, using: &random) == 0 ? pick([" ", ",,", ", ,"], &random) : "," + space(&random)
    }

    /// Mostly the right closing bracket; now and then the wrong one, none, or a trailing comma first.
    static func closer(_ right: String, _ random: inout SeededGenerator) -> String {
        guard Int.random(in: 0..<25, using: &random) == 0 else { return space(&random) + right }
        return pick([right == "]" ? "}" : "]", "", "," + right], &random)
    }

    static func space(_ random: inout SeededGenerator) -> String {
        pick(["", "", "", " ", "\t", "\n", "\r\n", "  "], &random)
    }

    /// Replaces, inserts or deletes one byte, the replacement drawn from bytes that matter to JSON.
    static func mutate(_ line: inout [UInt8], using random: inout SeededGenerator) {
        let bytes = Array("{}[],:\" \\0123456789.eE+-tfnul\t\u{01}x".utf8)
        let at = Int.random(in: 0...line.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0 where at < line.count: line[at] = bytes.randomElement(using: &random)!
        case 1 where at < line.count: line.remove(at: at)
        default: line.insert(bytes.randomElement(using: &random)!, at: at)
        }
    }

    static func pick(_ choices: [String], _ random: inout SeededGenerator) -> String {
        choices[Int.random(in: 0..<choices.count, using: &random)]
    }
}
