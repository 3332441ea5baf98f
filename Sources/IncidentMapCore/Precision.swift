/// How exactly an incident's date is known, coded as ACLED's `time_precision`.
public enum TimePrecision: Int, CaseIterable, Sendable, Codable {
    /// The day itself is reported.
    case day = 1
    /// Only the week (or a few days' span) is known.
    case week = 2
    /// Only the month, or a longer span, is known.
    case monthOrMore = 3
}

/// How exactly an incident's place is known, coded as ACLED's `geo_precision`.
public enum GeoPrecision: Int, CaseIterable, Sendable, Codable {
    /// The place itself (a town, a neighbourhood, an airport) is named.
    case place = 1
    /// Near a named place, or part of a region: the nearest named place is used.
    case nearPlace = 2
    /// Only a larger area (a district, a province) is known.
    case largerArea = 3
}
