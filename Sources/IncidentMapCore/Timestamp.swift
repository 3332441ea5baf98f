import Foundation

/// ISO 8601 timestamps in UTC to the second (`2019-04-09T10:15:00Z`), as the store keeps
/// `ingested_at`.
///
/// Written by hand because Foundation's `ISO8601DateFormatter` goes through ICU on every call
/// and was most of the time of exporting a million incidents; the format is fixed, so a few
/// lines of arithmetic read and write it.
public enum Timestamp {
    public static func string(from date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let day = IncidentDate(julianDayNumber: days + unixEpochJulianDay)
        return day.description + "T" + twoDigits(inDay / 3600) + ":" + twoDigits(inDay / 60 % 60) + ":" + twoDigits(inDay % 60) + "Z"
    }

    /// Reads `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second and offsets are not accepted).
    public static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
              let day = try? IncidentDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        guard let hours = decimalNumber(bytes, 11..<13), let minutes = decimalNumber(bytes, 14..<16),
              let seconds = decimalNumber(bytes, 17..<19),
              hours < 24, minutes < 60, seconds < 61 else { return nil }
        let days = day.julianDayNumber - unixEpochJulianDay
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hours * 3600 + minutes * 60 + seconds))
    }

    /// The Julian day number of 1970-01-01.
    static let unixEpochJulianDay = 2_440_588

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
