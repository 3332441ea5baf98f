import Testing
@testable import IncidentMapCore

/// `event_date` as ACLED's files have written it: always day first where the order could be
/// either.
@Suite struct ACLEDEventDateTests {
    @Test(arguments: [
        ("2020-03-21", "2020-03-21"), ("2020/03/21", "2020-03-21"),
        ("21 March 2020", "2020-03-21"), ("21  march 2020", "2020-03-21"), (" 21 March 2020 ", "2020-03-21"),
        ("9-May-20", "2020-05-09"), ("09-May-2020", "2020-05-09"), ("9 May 20", "2020-05-09"),
        ("01-January-2015", "2015-01-01"), ("1-Sept-2015", "2015-09-01"), ("28-FEB-1998", "1998-02-28"),
        ("31-12-19", "2019-12-31"), ("31-12-2019", "2019-12-31"), ("05-04-2019", "2019-04-05"),
        ("18/04/2001", "2001-04-18"), ("1/2/2020", "2020-02-01"), ("18/04/01", "2001-04-18"),
        ("31-12-97", "1997-12-31"), ("01-01-96", "2096-01-01"), ("29/02/2000", "2000-02-29"),
    ])
    func readsEveryLayoutDayFirst(text: String, expected: String) throws {
        #expect(try IncidentDate(acledEventDate: text).description == expected)
    }

    @Test(arguments: [("31-02-2019", "2019-02-31"), ("29-Feb-19", "2019-02-29"), ("31/04/2001", "2001-04-31"),
                      ("12-13-2019", "2019-13-12"), ("2019-04-31", "2019-04-31"), ("00 May 2020", "2020-05-00")])
    func refusesDaysThatDoNotExist(text: String, normalised: String) {
        #expect(throws: IncidentDateError.impossible(normalised)) { try IncidentDate(acledEventDate: text) }
    }

    @Test(arguments: ["", "yesterday", "21 Marsch 2020", "2020-03", "21-03-2020-1", "21--03-2020", "123-03-2020",
                      "21-03-020", "21 March", "March 21 2020", "2020-003-21", "21.03.2020"])
    func refusesTextThatIsNoDate(text: String) {
        #expect(throws: IncidentDateError.unreadableEventDate(text)) { try IncidentDate(acledEventDate: text) }
    }

    @Test func theMessageShowsTheLayoutsAccepted() {
        let message = IncidentDateError.unreadableEventDate("March 21 2020").description
        #expect(message.contains("'March 21 2020'") && message.contains("day first") && message.contains("8-Apr-19"))
    }
}
