import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// ACLED's API answers saved to a file: every value a string, one answer or several pages.
@Suite struct ACLEDAPITests {
    static func row(_ id: String, date: String = "2019-04-08", type: String = "Battles", latitude: String = "32.8942") -> String {
        """
        {"event_id_cnty":"\(id)","event_date":"\(date)","year":"2019","time_precision":"1","disorder_type":"Political violence",\
        "event_type":"\(type)","sub_event_type":"Armed clash","actor1":"Military Forces of Libya (2014-)","inter1":"1",\
        "latitude":"\(latitude)","longitude":"13.2761","geo_precision":"1","fatalities":"2","tags":"","timestamp":"1556012345"}
        """
    }

    static func answer(_ rows: [String], pretty: Bool = false) -> String {
        let separator = pretty ? ",\n    " : ","
        let data = rows.joined(separator: separator)
        return pretty
            ? "{\n  \"status\": 200,\n  \"success\": true,\n  \"last_update\": 12,\n  \"count\": \(rows.count),\n  \"messages\": [],\n  \"data\": [\n    \(data)\n  ],\n  \"filename\": \"2019-04-08\"\n}\n"
            : "{\"status\":200,\"success\":true,\"last_update\":12,\"count\":\(rows.count),\"messages\":[],\"data\":[\(data)],\"filename\":\"x\"}"
    }

    @Test func readsOneAnswerCompactOrPrettyPrinted() throws {
        for contents in [Self.answer([Self.row("LBY1"), Self.row("LBY2")]), Self.answer([Self.row("LBY1"), Self.row("LBY2")], pretty: true)] {
            let folder = try TemporaryFolder()
            let reader = try IncidentFileReader(path: try folder.write("acled.json", contents))
            #expect(reader.format == .acledAPI)
            var incidents: [Incident] = []
            while let incident = try reader.next() { incidents.append(incident) }
            #expect(incidents.map(\.eventID) == ["LBY1", "LBY2"])
            #expect(incidents[0].coordinate.latitude == 32.8942 && incidents[0].fatalities == 2)
            #expect(incidents[0].subEventType == "Armed clash" && incidents[0].actor1 == "Military Forces of Libya (2014-)")
        }
    }

    @Test func readsSeveralPagesOneAfterAnotherOrInAnArray() throws {
        let first = Self.answer([Self.row("LBY1"), Self.row("LBY2")]), second = Self.answer([Self.row("LBY3")], pretty: true)
        for contents in [first + "\n" + second, "[" + first + ",\n" + second + "]", first + second] {
            #expect(try readIncidents(contents, name: "pages.json").map(\.eventID) == ["LBY1", "LBY2", "LBY3"])
        }
    }

    @Test func anEmptyPageGivesNothingAndTheFileNameNeedNotSayJSON() throws {
        #expect(try readIncidents(Self.answer([]), name: "acled.json").isEmpty)
        #expect(try readIncidents(Self.answer([Self.row("LBY1")]), name: "acled-answer").count == 1)
    }

    @Test func aBadRowNamesItsLineAndItsPlaceInTheData() throws {
        let contents = Self.answer([Self.row("LBY1"), Self.row("LBY2", latitude: ""), Self.row("LBY3")], pretty: true)
        let failure = try importFailure(contents, name: "acled.json")
        #expect(failure == "FILE:9: row 2 of the answer's data: missing latitude")
    }

    @Test func aRefusedRequestQuotesWhatTheAPISaid() throws {
        let contents = "{\"status\":403,\"success\":false,\"error\":{\"status\":403,\"message\":\"Access denied\"}}"
        let failure = try #require(try importFailure(contents, name: "acled.json"))
        #expect(failure.hasPrefix("FILE:1: not a whole ACLED API answer: answer 1 has no \"data\""))
        #expect(failure.contains("status 403") && failure.contains("Access denied"))
    }

    @Test(arguments: [
        ("{\"status\":200,\"data\":[", "the data array is never closed"),
        ("{\"status\":200,\"data\":[{\"event_date\":\"2019-04-08\"", "an object or array is never closed"),
        ("{\"status\":200,\"data\":[],}", "a comma before a closing bracket"),
        ("{\"status\":200 \"data\":[]}", "expected ',' between values"),
        ("{\"status\":200,\"data\":[1,2]}", "each row of \"data\" must be an object"),
        ("{\"status\":200,\"data\":{}}", "\"data\" must be an array of rows"),
        ("[{\"status\":200,\"data\":[]}", "the array of answers is never closed"),
        ("[]", "the file holds no answer"),
    ])
    func aBrokenAnswerSaysWhatIsBroken(contents: String, message: String) throws {
        let failure = try #require(try importFailure(contents, name: "acled.json"))
        #expect(failure.contains("not a whole ACLED API answer: \(message)"), "\(failure)")
    }

    @Test func jsonLinesInAJSONFileAreStillJSONLines() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("rows.json", Self.row("LBY1") + "\n" + Self.row("LBY2") + "\n")
        #expect(try IncidentFileReader(path: path).format == .jsonLines)
        #expect(try readIncidents(Self.row("LBY1") + "\n", name: "rows.json").count == 1)
    }
}
