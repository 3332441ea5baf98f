import IncidentMapCore
import Testing

@Suite struct IncidentColumnsTests {
    @Test func eachColumnsIndexIsItsPositionInAllCases() {
        for (position, column) in Incident.Column.allCases.enumerated() {
            #expect(column.index == position, "\(column.rawValue)")
        }
    }

    @Test func anIncidentsColumnValuesAreItsFields() throws {
        let incident = Incident(eventID: "X1", eventDate: try IncidentDate(parsing: "2019-04-08"), eventType: .battles,
                                location: "Mitiga", coordinate: try Coordinate(latitude: 32.8942, longitude: 13.2761),
                                fatalities: 4, evidence: [EvidenceSpan(text: "قصف \"مطار\"", start: 3, end: 13)])
        let values = IncidentColumnValues(incident)
        func text(_ column: Incident.Column) -> String? {
            values.text(column.index).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(text(.eventID) == "X1")
        #expect(text(.eventDate) == "2019-04-08")
        #expect(text(.location) == "Mitiga")
        #expect(text(.actor1) == nil)
        #expect(text(.evidence) == #"[{"text":"قصف \"مطار\"","start":3,"end":13}]"#)
        #expect(values.integer(Incident.Column.fatalities.index) == 4)
        #expect(values.number(Incident.Column.latitude.index) == 32.8942)
    }
}
