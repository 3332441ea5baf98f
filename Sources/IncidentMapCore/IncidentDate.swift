import Foundation

/// A calendar day in the proleptic Gregorian calendar, as ACLED's `event_date` gives it.
///
/// Stored and printed as `YYYY-MM-DD`, so that text order is date order.
///
/// ```swift
/// let date = try IncidentDate(parsing: "8 April 2019")   // 2019-04-08
/// date.adding(days: -1).description                     // "2019-04-07"
/// ```
public struct IncidentDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Makes a date, refusing days that do not exist (2019-02-30, month 13 …).
    public init(year: Int, month: Int, day: Int) throws(IncidentDateError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...IncidentDate.daysIn(month: month, year: year)).contains(day) else {
            throw .impossible(String(format: "%04d-%02d-%02d", year, month, day))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (ISO 8601, as recent ACLED exports write it) or
    /// `D Month YYYY` (as older ACLED exports write it: "08 April 2019").
    public init(parsing text: String) throws(IncidentDateError) {
        // The usual YYYY-MM-DD first, read from its bytes without building strings.
        if let date = IncidentDate.isoFastPath(text) {
            self = date
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // Digits only, each part as long as its layout allows: Int(String) would also read
        // `+4` and `026`, so that `2019-+4-05` and `2019-04-026` passed as dates.
        let isoParts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        if isoParts.count == 3, let year = IncidentDate.digits(isoParts[0], count: 4...4),
           let month = IncidentDate.digits(isoParts[1], count: 1...2), let day = IncidentDate.digits(isoParts[2], count: 1...2) {
            try self.init(year: year, month: month, day: day)
            return
        }
        let words = trimmed.split(separator: " ")
        if words.count == 3, let day = IncidentDate.digits(words[0], count: 1...2), let year = IncidentDate.digits(words[2], count: 4...4),
           let month = IncidentDate.englishMonth(String(words[1])) {
            try self.init(year: year, month: month, day: day)
            return
        }
        throw .unreadable(text)
    }

    /// The number `text` writes in ASCII digits alone, `count` of them; `nil` otherwise.
    static func digits(_ text: Substring, count: ClosedRange<Int>) -> Int? {
        let bytes = Array(text.utf8)
        guard count.contains(bytes.count) else { return nil }
        return decimalNumber(bytes, 0..<bytes.count)
    }

    /// Reads a date that may carry a time of day after it, as feeds and exports write
    /// publication times: `2019-04-09`, `2019-04-09T10:15:00Z` or `2019-04-09 10:15`; the time
    /// is dropped. What follows the date must start with `T` or a space, so `2019-04-026` is
    /// not read as the 2nd.
    ///
    /// ```swift
    /// try IncidentDate(parsingDateTime: "2019-04-09T10:15:00+02:00")   // 2019-04-09
    /// ```
    public init(parsingDateTime text: String) throws(IncidentDateError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let utf8 = Array(trimmed.utf8)
        if utf8.count > 10, utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " ") {
            do {
                try self.init(parsing: String(decoding: utf8[0..<10], as: UTF8.self))
                return
            } catch {
                if case .impossible = error { throw error }
            }
        }
        try self.init(parsing: trimmed)
    }

    static func isoFastPath(_ text: String) -> IncidentDate? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> IncidentDate? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            guard let year = decimalNumber(bytes, 0..<4), let month = decimalNumber(bytes, 5..<7),
                  let day = decimalNumber(bytes, 8..<10) else { return nil }
            return try? IncidentDate(year: year, month: month, day: day)
        } ?? nil
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // By hand: String(format:) goes through Foundation's formatter, slow on the export path.
        var bytes: [UInt8] = [48, 48, 48, 48, 45, 48, 48, 45, 48, 48]
        var value = year
        for index in stride(from: 3, through: 0, by: -1) { bytes[index] = UInt8(48 + value % 10); value /= 10 }
        bytes[5] = UInt8(48 + month / 10); bytes[6] = UInt8(48 + month % 10)
        bytes[8] = UInt8(48 + day / 10); bytes[9] = UInt8(48 + day % 10)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: IncidentDate, rhs: IncidentDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The day `days` days later (earlier where negative).
    public func adding(days: Int) -> IncidentDate {
        let julian = julianDayNumber + days
        return IncidentDate(julianDayNumber: julian)
    }

    /// Days from 1 = Monday to 7 = Sunday (ISO 8601).
    public var isoWeekday: Int { (julianDayNumber % 7) + 1 }

    // Julian day arithmetic (Fliegel & Van Flandern) keeps date math free of time zones,
    // which Foundation's Calendar would otherwise bring in.
    var julianDayNumber: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    init(julianDayNumber jdn: Int) {
        let a = jdn + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        day = e - (153 * m + 2) / 5 + 1
        month = m + 3 - 12 * (m / 10)
        year = 100 * b + d - 4800 + m / 10
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func englishMonth(_ name: String) -> Int? {
        let months = ["january", "february", "march", "april", "may", "june", "july",
                      "august", "september", "october", "november", "december"]
        let folded = name.lowercased()
        if let index = months.firstIndex(of: folded) { return index + 1 }
        if folded.count >= 3, let index = months.firstIndex(where: { $0.hasPrefix(folded) }) {
            return index + 1
        }
        return nil
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try IncidentDate(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a date was refused.
public enum IncidentDateError: Error, Equatable, Sendable, CustomStringConvertible {
    case impossible(String)
    case unreadable(String)
    /// An ACLED `event_date` in none of ACLED's layouts (see ``IncidentDate/init(acledEventDate:)``).
    case unreadableEventDate(String)

    public var description: String {
        switch self {
        case .impossible(let text):
            return "date \(text) does not exist"
        case .unreadable(let text):
            return "'\(text)' is not a date: write YYYY-MM-DD (2019-04-08) or D Month YYYY (8 April 2019)"
        case .unreadableEventDate(let text):
            return "event_date '\(text)' is not a date: write it as ACLED does, day first "
                + "(2019-04-08, 8 April 2019, 8-Apr-19, 08-04-2019 or 08/04/2019)"
        }
    }
}

/// The number written in ASCII digits at `range` of `bytes`, or `nil` if a byte is not a digit.
func decimalNumber<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ range: Range<Int>) -> Int? where Bytes.Index == Int {
    var value = 0
    for index in range {
        let digit = Int(bytes[index]) - 48
        guard (0...9).contains(digit) else { return nil }
        value = value * 10 + digit
    }
    return value
}
