import Foundation
import Testing
@testable import IncidentMapCore

/// Numbers and dates read by rule (issue 14): `Double(String)` and `Int(String)` accept forms
/// no incident file means (`0x1p4`, `inf`, `+4`, `026`), so the readers check the notation first.
@Suite struct StrictNumberAndDateTests {
    @Test(arguments: [("32.8942", 32.8942), ("-13", -13), ("+13.5", 13.5), (".5", 0.5), ("5.", 5), ("1.5E-3", 0.0015), ("0", 0)])
    func readsDecimalNotation(text: String, value: Double) {
        #expect(Double(decimal: text) == value)
    }

    @Test(arguments: ["0x1p4", "0X10", "inf", "-infinity", "nan", "NaN", "1_000", "", ".", "-", "1e", "1e+", "3 2", " 32", "32,5", "١٢"])
    func refusesWhatIsNotDecimalNotation(text: String) {
        #expect(Double(decimal: text) == nil)
    }

    @Test func aCoordinatePairIsDecimalToo() throws {
        #expect(try Coordinate(parsing: "32.8942, 13.2761").latitude == 32.8942)
        #expect(throws: CoordinateError.notACoordinatePair("0x1p4,13")) { try Coordinate(parsing: "0x1p4,13") }
    }

    @Test(arguments: ["2019-+4-05", "2019-04-026", "2019-4-+5", "+2019-04-05", "2019-004-05", "20190-04-05", "+8 April 2019",
                      "008 April 2019", "8 April +2019", "8 April 02019"])
    func refusesSignsAndExtraDigitsInDates(text: String) {
        #expect(throws: IncidentDateError.unreadable(text)) { try IncidentDate(parsing: text) }
    }

    @Test(arguments: ["2019-+4-05", "2019-04-026", "+1-04-2019", "2019/+4/05"])
    func refusesThemInACLEDLayoutsToo(text: String) {
        #expect(throws: IncidentDateError.unreadableEventDate(text)) { try IncidentDate(acledEventDate: text) }
    }

    @Test(arguments: [("2019-04-09", "2019-04-09"), ("2019-04-09T10:15:00Z", "2019-04-09"), ("2019-04-09 10:15", "2019-04-09"),
                      ("2019-4-9", "2019-04-09")])
    func readsADateWithATimeAfterIt(text: String, expected: String) throws {
        #expect(try IncidentDate(parsingDateTime: text).description == expected)
    }

    @Test(arguments: ["2019-04-026", "2019-04-09X", "2019-04-0910:00"])
    func refusesADateRunOnIntoMoreDigits(text: String) {
        #expect(throws: IncidentDateError.self) { try IncidentDate(parsingDateTime: text) }
    }

    @Test func anImpossibleDayWithATimeSaysSo() {
        #expect(throws: IncidentDateError.impossible("2019-02-30")) { try IncidentDate(parsingDateTime: "2019-02-30T10:00:00Z") }
    }
}
