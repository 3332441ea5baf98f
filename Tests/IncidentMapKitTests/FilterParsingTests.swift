import IncidentMapCore
import IncidentStorage
import Testing
@testable import IncidentMapKit

/// Filters read from text in one place, for the command line and the API alike.
@Suite struct FilterParsingTests {
    @Test func valuesBecomeAFilter() throws {
        let filter = try FilterParsing.filter(since: "2019-04-01", until: "2019-04-30", eventTypes: ["battles", "Explosions/Remote violence"],
                                              boundingBox: "12.9,32.6,13.5,33.0")
        #expect(filter == IncidentFilter(since: try IncidentDate(parsing: "2019-04-01"), until: try IncidentDate(parsing: "2019-04-30"),
                                         eventTypes: [.battles, .explosionsRemoteViolence],
                                         boundingBox: try BoundingBox(parsing: "12.9,32.6,13.5,33.0")))
        #expect(try FilterParsing.filter(since: nil, until: nil, eventTypes: [], boundingBox: nil) == IncidentFilter())
    }

    @Test(arguments: [
        (["since": "2019-02-30"], FilterError.Parameter.since, "does not exist"),
        (["until": "April"], .until, "April"),
        (["type": "Skirmish"], .eventType, "'Skirmish' is not an ACLED event type: use one of \"Battles\""),
        (["bbox": "1,2,3"], .boundingBox, "is not a bounding box"),
        (["since": "2019-04-09", "until": "2019-04-01"], .since, "2019-04-09 is after until 2019-04-01"),
    ])
    func aBadValueNamesItsParameter(values: [String: String], parameter: FilterError.Parameter, reason: String) {
        do {
            _ = try FilterParsing.filter(since: values["since"], until: values["until"], eventTypes: values["type"].map { [$0] } ?? [],
                                         boundingBox: values["bbox"])
            Issue.record("\(values) was accepted")
        } catch {
            #expect(error.parameter == parameter)
            #expect(error.reason().contains(reason), "\(error.reason())")
        }
    }

    @Test func theOtherParameterIsNamedAsTheFrontEndSpellsIt() {
        let error = FilterError.sinceAfterUntil(since: try! IncidentDate(parsing: "2019-04-09"), until: try! IncidentDate(parsing: "2019-04-01"))
        #expect(error.reason(naming: { "--" + $0.rawValue }) == "2019-04-09 is after --until 2019-04-01")
    }
}
