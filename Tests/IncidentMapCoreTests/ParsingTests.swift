import Foundation
import Testing
@testable import IncidentMapCore

@Suite struct IncidentDateTests {
    @Test(arguments: [
        ("2019-04-08", "2019-04-08"), ("8 April 2019", "2019-04-08"), ("08 April 2019", "2019-04-08"),
        ("8 Apr 2019", "2019-04-08"), (" 2020-02-29 ", "2020-02-29"), ("2000-02-29", "2000-02-29"),
    ])
    func readsACLEDDateForms(text: String, expected: String) throws {
        #expect(try IncidentDate(parsing: text).description == expected)
    }

    @Test(arguments: ["2019-02-29", "2019-04-31", "2019-13-01", "2019-00-10", "1900-02-29", "2019-04-00"])
    func refusesDaysThatDoNotExist(text: String) {
        #expect(throws: IncidentDateError.self) { try IncidentDate(parsing: text) }
    }

    @Test(arguments: ["", "yesterday", "2019/04/08", "April 8", "08-04-2019"])
    func refusesUnreadableText(text: String) {
        #expect(throws: IncidentDateError.unreadable(text)) { try IncidentDate(parsing: text) }
    }

    @Test func dayArithmeticCrossesMonthsAndYears() throws {
        let date = try IncidentDate(parsing: "2019-03-01")
        #expect(date.adding(days: -1).description == "2019-02-28")
        #expect(try IncidentDate(parsing: "2020-12-31").adding(days: 1).description == "2021-01-01")
        // 2019-04-09 was a Tuesday; the Thursday before it, 2019-04-04.
        #expect(try IncidentDate(parsing: "2019-04-09").isoWeekday == 2)
        #expect(try IncidentDate(parsing: "2019-04-04").isoWeekday == 4)
    }
}

@Suite struct LengthTests {
    @Test(arguments: [("10km", 10_000.0), ("500 m", 500), ("3mi", 4828.032), ("2nmi", 3704), ("0.5KM", 500), ("0m", 0)])
    func readsUnits(text: String, metres: Double) throws {
        #expect(abs(try Length(parsing: text).metres - metres) < 1e-9)
    }

    @Test(arguments: ["10", "km", "ten km", "10 furlongs", ""])
    func refusesLengthsWithoutAUnit(text: String) {
        #expect(throws: LengthError.unreadable(text)) { try Length(parsing: text) }
    }

    @Test func refusesNegativeRadii() {
        #expect(throws: LengthError.negative("-5km")) { try Length(parsing: "-5km") }
    }
}

@Suite struct CoordinateAndBoxTests {
    @Test func readsLatLon() throws {
        let point = try Coordinate(parsing: "32.8942, 13.2761")
        #expect(point.latitude == 32.8942 && point.longitude == 13.2761)
    }

    @Test func refusesOutOfRange() {
        #expect(throws: CoordinateError.latitudeOutOfRange(91)) { try Coordinate(latitude: 91, longitude: 0) }
        #expect(throws: CoordinateError.longitudeOutOfRange(-180.5)) { try Coordinate(latitude: 0, longitude: -180.5) }
        #expect(throws: CoordinateError.self) { try Coordinate(latitude: .nan, longitude: 0) }
        #expect(throws: CoordinateError.notACoordinatePair("Mitiga")) { try Coordinate(parsing: "Mitiga") }
    }

    @Test func boxesAcrossTheAntimeridianContainBothSides() throws {
        let box = try BoundingBox(parsing: "170,-20,-170,-10")
        #expect(box.crossesAntimeridian)
        #expect(box.contains(try Coordinate(latitude: -15, longitude: 175)))
        #expect(box.contains(try Coordinate(latitude: -15, longitude: -175)))
        #expect(!box.contains(try Coordinate(latitude: -15, longitude: 0)))
        #expect(box.unwrapped.count == 2)
    }

    @Test func refusesBadBoxes() {
        #expect(throws: BoundingBoxError.self) { try BoundingBox(parsing: "1,2,3") }
        #expect(throws: BoundingBoxError.self) { try BoundingBox(parsing: "0,10,1,5") }
        #expect(throws: BoundingBoxError.self) { try BoundingBox(parsing: "0,0,200,1") }
    }
}

@Suite struct EventTypeTests {
    @Test func readsNamesInAnyCase() {
        #expect(EventType(acledName: "explosions/remote violence") == .explosionsRemoteViolence)
        #expect(EventType(acledName: "Battle") == nil)
        #expect(EventType.battles.canonicalSubEventType("armed clash") == "Armed clash")
        #expect(EventType.battles.canonicalSubEventType("Air/drone strike") == nil)
    }

    @Test func derivedIDsAreStableAndContentBased() throws {
        let point = try Coordinate(latitude: 32.8942, longitude: 13.2761)
        let date = try IncidentDate(parsing: "2019-04-08")
        let first = Incident(eventDate: date, eventType: .explosionsRemoteViolence, coordinate: point, source: "a")
        let same = Incident(eventDate: date, eventType: .explosionsRemoteViolence, coordinate: point, source: "a")
        let other = Incident(eventDate: date, eventType: .explosionsRemoteViolence, coordinate: point, source: "b")
        #expect(first.eventID == same.eventID)
        #expect(first.eventID != other.eventID)
        #expect(first.eventID.hasPrefix("IM"))
        // Pinned: a change to the derivation would re-add every stored incident.
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }
}

@Suite struct TimestampTests {
    @Test func writesAndReadsISO8601UTC() throws {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 1_554_804_900)) == "2019-04-09T10:15:00Z")
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.date(from: "2019-04-09T10:15:00Z") == Date(timeIntervalSince1970: 1_554_804_900))
        for seconds in stride(from: -100_000_000.0, through: 2_000_000_000, by: 86_399 * 37) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.date(from: Timestamp.string(from: date)) == date)
        }
        #expect(Timestamp.date(from: "2019-04-09 10:15:00") == nil)
        #expect(Timestamp.date(from: "2019-02-30T10:15:00Z") == nil)
        #expect(Timestamp.date(from: "2019-04-09T25:15:00Z") == nil)
    }
}
