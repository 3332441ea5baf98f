import IncidentMapCore

/// Incidents the tests of the store and of the use cases build: an id, a point, a day and a
/// type, with a note, an Arabic place name and one evidence span, so that every kind of column
/// is set.
public enum TestIncidents {
    public static func incident(_ id: String, _ latitude: Double, _ longitude: Double,
                                date: String = "2019-04-08", type: EventType = .battles) -> Incident {
        Incident(eventID: id, eventDate: try! IncidentDate(parsing: date), eventType: type,
                 location: "place \(id)", coordinate: try! Coordinate(latitude: latitude, longitude: longitude),
                 notes: "note for \(id)", locationArabic: "مكان", evidence: [EvidenceSpan(text: "اشتباكات", start: 0, end: 8)])
    }
}
