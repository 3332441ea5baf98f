/// An incident as an RFC 7946 Feature: a Point at `[longitude, latitude]`, the event id as the
/// feature's `id` (absent while the incident has none), the incident's columns as its
/// properties: what the GeoJSON writers write for each row, as a value.
///
/// ```swift
/// let collection = FeatureCollection(features: incidents.map { IncidentFeature(IncidentProperties($0)) })
/// ```
public struct IncidentFeature: Codable, Hashable, Sendable {
    /// A GeoJSON Point.
    public struct Point: Codable, Hashable, Sendable {
        public var type = "Point"
        /// `[longitude, latitude]`.
        public var coordinates: [Double]
    }

    public var type = "Feature"
    public var id: String?
    public var geometry: Point
    public var properties: IncidentProperties

    public init(_ properties: IncidentProperties) {
        id = properties.text(.eventID)
        // Every incident has its coordinates: they come from a `Coordinate`, and decoding requires them.
        geometry = Point(coordinates: [properties.number(.longitude) ?? .nan, properties.number(.latitude) ?? .nan])
        self.properties = properties
    }
}

/// An RFC 7946 FeatureCollection of incidents.
public struct FeatureCollection: Codable, Hashable, Sendable {
    public var type = "FeatureCollection"
    public var features: [IncidentFeature]

    public init(features: [IncidentFeature]) { self.features = features }
}
