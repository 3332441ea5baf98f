import Foundation

/// A length as a user writes it on a command line: `10km`, `500 m`, `3mi`, `2nmi`.
///
/// ```swift
/// let radius = try Length(parsing: "10km")   // radius.metres == 10_000
/// ```
public struct Length: Hashable, Sendable, CustomStringConvertible {
    public let metres: Double

    public init(metres: Double) { self.metres = metres }

    /// The units a length may be given in, with their size in metres.
    public static let units: [(suffix: String, metres: Double)] = [
        ("nmi", 1852), ("km", 1000), ("mi", 1609.344), ("m", 1),
    ]

    public init(parsing text: String) throws(LengthError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        for unit in Length.units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite else { break }
            guard value >= 0 else { throw .negative(text) }
            self.metres = value * unit.metres
            return
        }
        throw .unreadable(text)
    }

    public var description: String {
        metres >= 1000 ? "\(metres / 1000) km" : "\(metres) m"
    }
}

/// Why a length was refused.
public enum LengthError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case negative(String)

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "'\(text)' is not a length: give a number and a unit (m, km, mi, nmi), e.g. 10km"
        case .negative(let text):
            return "'\(text)' is negative: a radius must be zero or more"
        }
    }
}
