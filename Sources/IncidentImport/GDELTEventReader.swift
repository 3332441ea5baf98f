import Foundation
import IncidentMapCore

/// Which of a GDELT 2.0 event export's rows an ingest keeps, beyond those CAMEO maps to ACLED's
/// types.
///
/// ```swift
/// let options = GDELTOptions(keepCountryLevel: false, country: "LY")
/// let reader = try IncidentFileReader(path: "20190408120000.export.CSV", gdelt: options)
/// ```
public struct GDELTOptions: Sendable, Hashable {
    /// Keep rows geocoded only to a country's centroid (ActionGeo_Type 1), which put every such
    /// event on one point in the middle of the country.
    public var keepCountryLevel: Bool
    /// Keep only rows whose ActionGeo_CountryCode is this FIPS 10-4 code (Libya is `LY`);
    /// `nil` keeps every country.
    public var country: String?

    public init(keepCountryLevel: Bool = false, country: String? = nil) {
        self.keepCountryLevel = keepCountryLevel
        self.country = country?.uppercased()
    }

    /// Whether `code` has the shape of a FIPS 10-4 country code: two letters.
    public static func isCountryCode(_ code: String) -> Bool {
        code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLetter }
    }
}

/// What a GDELT file's rows became: how many were kept, and how many were skipped for each
/// reason (a skipped row is not an error: most of a GDELT export is not conflict).
public struct GDELTSummary: Sendable, Hashable, CustomStringConvertible {
    /// Why a well-formed row was not kept.
    public enum SkipReason: String, Sendable, CaseIterable, Comparable {
        /// Its CAMEO code is not protest, assault, fight or mass violence.
        case notConflict
        /// Geocoded only to a country's centroid, without `--keep-country-level`.
        case countryLevel
        /// Its ActionGeo_CountryCode is not the `--country` asked for.
        case otherCountry
        /// No ActionGeo location at all (ActionGeo_Type 0, no coordinates).
        case noLocation

        public static func < (lhs: SkipReason, rhs: SkipReason) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var kept = 0
    public var skipped: [SkipReason: Int] = [:]
    /// The `--country` asked for, to name it in ``description``.
    public var country: String?

    /// "12 kept; skipped: 80 not protest or political violence (CAMEO roots other than 14, 18,
    /// 19, 20), 3 placed only at a country's centroid (--keep-country-level keeps them)"
    public var description: String {
        let reasons = skipped.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { reason, count in
            switch reason {
            case .notConflict: return "\(count) not protest or political violence (CAMEO roots other than 14, 18, 19, 20)"
            case .countryLevel: return "\(count) placed only at a country's centroid (--keep-country-level keeps them)"
            case .otherCountry: return "\(count) outside \(country ?? "the country asked for") (ActionGeo_CountryCode)"
            case .noLocation: return "\(count) without a location (no ActionGeo coordinates)"
            }
        }
        return "GDELT rows: \(kept) kept" + (reasons.isEmpty ? "" : "; skipped: " + reasons.joined(separator: ", "))
    }
}

/// Reads a GDELT 2.0 event export (`YYYYMMDDHHMMSS.export.CSV`: 61 tab-separated columns, no
/// header, no quoting) into incidents: the rows whose CAMEO code ``CAMEOEventTypes`` maps to one
/// of ACLED's types, placed at their ActionGeo location.
///
/// Hand-written rather than read through ``CSVRecordReader``: GDELT quotes nothing (a `"` is part
/// of a name), so a line split at its tabs is the whole parse, and CSV's quote rules would
/// misread it.
final class GDELTEventReader {
    /// The columns of the GDELT 2.0 Event Codebook (V2.0, 2015) read here, by position.
    enum Column: Int {
        case globalEventID = 0, sqlDate = 1, actor1Name = 6, actor2Name = 16
        case eventCode = 26, eventBaseCode = 27, eventRootCode = 28
        case actionGeoType = 51, actionGeoFullName = 52, actionGeoCountryCode = 53
        case actionGeoLatitude = 56, actionGeoLongitude = 57, sourceURL = 60
    }

    /// Columns in a GDELT 2.0 event row.
    static let columnCount = 61
    /// Prefixed to GLOBALEVENTID so a GDELT event's id can never be an ACLED event_id_cnty
    /// (those start with a country's ISO code and end in digits, such as LBY1234).
    static let eventIDPrefix = "GDELT-"

    private let source: ByteSource
    private let path: String
    private let options: GDELTOptions
    private let types: CAMEOEventTypes
    private var line = 0
    private var bytes: [UInt8] = []
    private(set) var summary: GDELTSummary
    /// The current line's text, for a refused row.
    var currentLine: String { String(decoding: bytes, as: UTF8.self) }

    init(source: ByteSource, path: String, options: GDELTOptions, types: CAMEOEventTypes = .shared) {
        self.source = source
        self.path = path
        self.options = options
        self.types = types
        summary = GDELTSummary(country: options.country)
    }

    /// Whether `line` (a file's first line) has the shape of a GDELT 2.0 event row: 61
    /// tab-separated fields, a numeric GLOBALEVENTID and an eight-digit SQLDATE.
    static func looksLikeEventRow(_ line: ArraySlice<UInt8>) -> Bool {
        let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard fields.count == columnCount else { return false }
        let isDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) }
        return !fields[0].isEmpty && fields[0].allSatisfy(isDigit) && fields[1].count == 8 && fields[1].allSatisfy(isDigit)
    }

    /// The next kept row (an incident) or refused row, or `nil` at the end of the file. Rows
    /// skipped by rule are counted in ``summary``.
    func nextRow() throws(ImportError) -> (line: Int, result: Result<Incident, RowProblem>)? {
        while true {
            bytes.removeAll(keepingCapacity: true)
            do {
                guard try source.readLine(into: &bytes) else { return nil }
            } catch {
                throw .badRow(path: path, line: line + 1, reason: "a line longer than \(ByteSource.maximumRecordLength >> 20) MB: not a GDELT event export")
            }
            line += 1
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.isEmpty { continue }
            do throws(RowProblem) {
                if let incident = try incident(fromFields: bytes.split(separator: 0x09, omittingEmptySubsequences: false)) {
                    summary.kept += 1
                    return (line, .success(incident))
                }
            } catch {
                return (line, .failure(error))
            }
        }
    }

    /// The row's incident, or `nil` for a row skipped by rule (counted in ``summary``).
    private func incident(fromFields fields: [ArraySlice<UInt8>]) throws(RowProblem) -> Incident? {
        guard fields.count == Self.columnCount else {
            throw RowProblem("\(fields.count) tab-separated fields where a GDELT 2.0 event row has \(Self.columnCount): "
                             + "the row is cut off or not from a GDELT 2.0 event export (*.export.CSV)")
        }
        func text(_ column: Column) -> String { trimmed(String(decoding: fields[column.rawValue], as: UTF8.self)) }
        func optional(_ column: Column) -> String? {
            let value = text(column)
            return value.isEmpty ? nil : value
        }
        let id = text(.globalEventID)
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw RowProblem("GLOBALEVENTID '\(id)' is not a whole number")
        }
        let eventCode = text(.eventCode)
        guard let mapped = types.map(eventCode: eventCode, baseCode: text(.eventBaseCode), rootCode: text(.eventRootCode)) else {
            return skip(.notConflict)
        }
        if let country = options.country, text(.actionGeoCountryCode).uppercased() != country { return skip(.otherCountry) }
        let geoType = text(.actionGeoType)
        let latitudeText = text(.actionGeoLatitude), longitudeText = text(.actionGeoLongitude)
        if geoType == "0" || geoType.isEmpty || (latitudeText.isEmpty && longitudeText.isEmpty) { return skip(.noLocation) }
        let geoPrecision: GeoPrecision
        switch geoType {
        // A country's centroid, a US state's or another country's first-order division: only an area is known.
        case "1", "2", "5": geoPrecision = .largerArea
        // A city or landmark (US or world).
        case "3", "4": geoPrecision = .place
        default: throw RowProblem("ActionGeo_Type '\(geoType)' is not one of GDELT's 0 to 5")
        }
        if geoType == "1" && !options.keepCountryLevel { return skip(.countryLevel) }
        let coordinate: Coordinate
        do {
            guard let latitude = Double(decimal: latitudeText) else { throw RowProblem("ActionGeo_Lat '\(latitudeText)' is not a number") }
            guard let longitude = Double(decimal: longitudeText) else { throw RowProblem("ActionGeo_Long '\(longitudeText)' is not a number") }
            coordinate = try Coordinate(latitude: latitude, longitude: longitude)
        } catch let problem as RowProblem {
            throw problem
        } catch {
            throw RowProblem(String(describing: error))
        }
        return Incident(
            eventID: Self.eventIDPrefix + id, eventDate: try date(text(.sqlDate)), timePrecision: .day,
            eventType: mapped.eventType, subEventType: mapped.subEventType,
            actor1: optional(.actor1Name), actor2: optional(.actor2Name),
            location: optional(.actionGeoFullName), coordinate: coordinate, geoPrecision: geoPrecision,
            source: "GDELT", sourceURL: optional(.sourceURL), originalEventType: "CAMEO \(eventCode)")
    }

    private func skip(_ reason: GDELTSummary.SkipReason) -> Incident? {
        summary.skipped[reason, default: 0] += 1
        return nil
    }

    /// SQLDATE, the day the event took place, as YYYYMMDD.
    private func date(_ text: String) throws(RowProblem) -> IncidentDate {
        let digits = text.utf8.map { Int($0) - 0x30 }
        guard digits.count == 8, digits.allSatisfy({ (0...9).contains($0) }) else {
            throw RowProblem("SQLDATE '\(text)' is not a date as YYYYMMDD")
        }
        let number = digits.reduce(0) { $0 * 10 + $1 }
        do {
            return try IncidentDate(year: number / 10_000, month: number / 100 % 100, day: number % 100)
        } catch {
            throw RowProblem("SQLDATE '\(text)': \(error)")
        }
    }
}
