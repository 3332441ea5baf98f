import IncidentMapCore

/// An incident found by a radius query, with its geodesic distance from the centre.
public struct NearbyIncident: Hashable, Sendable {
    public var incident: Incident
    /// Geodesic distance on the WGS84 ellipsoid, in metres.
    public var distanceMetres: Double

    public init(incident: Incident, distanceMetres: Double) {
        self.incident = incident
        self.distanceMetres = distanceMetres
    }
}
