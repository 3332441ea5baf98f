import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

@Suite struct CSVImportTests {
    static let header = "event_id_cnty,event_date,event_type,sub_event_type,latitude,longitude,location,notes\n"

    @Test func readsQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let csv = Self.header
            + "A1,2019-04-08,Explosions/Remote violence,Air/drone strike,32.8942,13.2761,Mitiga,\"hit, \"\"again\"\"\nnext line\"\r\n"
            + "A2,8 April 2019,battles,armed clash,32.88743,13.18733,\"Tripoli\",\n"
        let incidents = try readIncidents(csv)
        #expect(incidents.count == 2)
        #expect(incidents[0].notes == "hit, \"again\"\nnext line")
        #expect(incidents[0].subEventType == "Air/drone strike")
        #expect(incidents[1].eventType == .battles)
        #expect(incidents[1].subEventType == "Armed clash")
        #expect(incidents[1].eventDate.description == "2019-04-08")
        #expect(incidents[1].notes == nil)
    }

    @Test func ignoresColumnsACLEDHasAndWeDoNotAndABOM() throws {
        let csv = "\u{FEFF}year,EVENT_DATE,event_type,latitude,longitude,iso,admin2\n2019,2019-04-08,Riots,32.1,13.0,434,Nowhere\n"
        let incidents = try readIncidents(csv)
        #expect(incidents.count == 1)
        #expect(incidents[0].eventID.hasPrefix("IM"))
    }

    /// Each broken row: the line it must be reported on and words the message must contain.
    static let brokenRows: [(name: String, rows: String, line: Int, message: String)] = [
        ("unclosed quote", "A1,2019-04-08,Battles,,32,13,\"Tripoli,\nA2,2019-04-08,Battles,,32,13,x,y\n", 2, "never closed"),
        ("stray quote", "A1,2019-04-08,Battles,,32,13,Tri\"poli,\n", 2, "quote inside an unquoted field"),
        ("text after quote", "A1,2019-04-08,Battles,,32,13,\"Tripoli\"x,\n", 2, "text after a closing quote"),
        ("too few fields", "A1,2019-04-08,Battles,,32,13\n", 2, "6 fields where the header has 8"),
        ("missing latitude", "A1,2019-04-08,Battles,,,13,x,\n", 2, "missing latitude"),
        ("non-numeric longitude", "A1,2019-04-08,Battles,,32,east,x,\n", 2, "longitude 'east' is not a number"),
        ("latitude out of range", "A1,2019-04-08,Battles,,132,13,x,\n", 2, "latitude 132.0 is outside"),
        ("longitude out of range", "A1,2019-04-08,Battles,,32,213,x,\n", 2, "longitude 213.0 is outside"),
        ("impossible date", "A1,2019-02-30,Battles,,32,13,x,\n", 2, "date 2019-02-30 does not exist"),
        ("unknown event type", "A1,2019-04-08,Skirmish,,32,13,x,\n", 2, "event_type 'Skirmish'"),
        ("sub-event of another type", "A1,2019-04-08,Battles,Air/drone strike,32,13,x,\n", 2, "sub_event_type 'Air/drone strike'"),
        ("bad row after a multi-line one", "A1,2019-04-08,Battles,,32,13,x,\"a\nb\nc\"\nA2,2019-04-08,Battles,,999,13,x,\n", 5, "latitude"),
        ("bad row after blank lines", "\n\nA1,2019-04-08,Battles,,32,13,x,\r\n\r\nA2,2019-04-08,Battles,,32,x,x,\n", 6, "longitude 'x'"),
    ]

    @Test(arguments: brokenRows.indices)
    func reportsTheLineOfABrokenRow(index: Int) throws {
        let broken = Self.brokenRows[index]
        let folder = try TemporaryFolder()
        let path = try folder.write("broken.csv", Self.header + broken.rows)
        let reader = try IncidentFileReader(path: path)
        do {
            while try reader.next() != nil {}
            Issue.record("\(broken.name): no error")
        } catch {
            let text = String(describing: error)
            #expect(text.hasPrefix("\(path):\(broken.line): "), "\(broken.name): \(text)")
            #expect(text.contains(broken.message), "\(broken.name): \(text)")
        }
    }

    @Test func refusesAHeaderWithoutCoordinates() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("noheader.csv", "event_date,event_type\n2019-04-08,Battles\n")
        #expect(throws: ImportError.self) { try IncidentFileReader(path: path) }
    }

    @Test func namesAMissingFile() {
        #expect(throws: ImportError.unreadableFile(path: "/nonexistent/x.csv", reason: "no such file")) {
            try IncidentFileReader(path: "/nonexistent/x.csv")
        }
    }
}

@Suite struct JSONLinesImportTests {
    @Test func readsObjectsWithNumbersOrTextAndSkipsBlankLines() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("in.jsonl", """
            {"event_date":"2019-04-08","event_type":"Explosions/Remote violence","latitude":32.8942,"longitude":"13.2761","fatalities":2,"evidence":[{"text":"غارة جوية","start":10,"end":19}]}

            {"event_id_cnty":"X2","event_date":"2019-04-09","event_type":"Battles","latitude":32,"longitude":13,"time_precision":"2","actor2":null}
            """)
        let reader = try IncidentFileReader(path: path)
        let first = try #require(try reader.next())
        #expect(first.coordinate.longitude == 13.2761)
        #expect(first.fatalities == 2)
        #expect(first.evidence == [EvidenceSpan(text: "غارة جوية", start: 10, end: 19)])
        let second = try #require(try reader.next())
        #expect(second.eventID == "X2")
        #expect(second.timePrecision == .week)
        #expect(second.actor2 == nil)
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [
        ("{\"event_date\":\"2019-04-08\",", "broken JSON"),
        ("[1,2]", "expected a JSON object"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32}", "missing longitude"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13,\"fatalities\":-1}", "fatalities '-1'"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13,\"geo_precision\":7}", "geo_precision '7' must be 1, 2 or 3"),
    ])
    func reportsTheLineOfABrokenObject(line: String, message: String) throws {
        let folder = try TemporaryFolder()
        let good = "{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13}"
        let path = try folder.write("in.jsonl", good + "\n\n" + line + "\n" + good + "\n")
        let reader = try IncidentFileReader(path: path)
        #expect(try reader.next() != nil)
        do {
            _ = try reader.next()
            Issue.record("no error for \(line)")
        } catch {
            let text = String(describing: error)
            #expect(text.hasPrefix("\(path):3: "), "\(text)")
            #expect(text.contains(message), "\(text)")
        }
    }

    @Test func guessesJSONLinesFromTheFirstCharacter() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("export.txt", "{\"event_date\":\"2019-04-08\",\"event_type\":\"Riots\",\"latitude\":1,\"longitude\":2}\n")
        #expect(try IncidentFileReader(path: path).format == .jsonLines)
        let other = try folder.write("notes.txt", "hello")
        #expect(throws: ImportError.unknownFormat(path: other)) { try IncidentFileReader(path: other) }
    }
}
