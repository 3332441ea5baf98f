import Foundation
import GeoJSON
import IncidentMapCore
import IncidentStorage
import IncidentStore
@testable import MapPage
import Testing
import TestSupport

/// `Report` on real SpatiaLite stores: what the page holds, and "new since the last report".
@Suite struct ReportTests {
    static func incident(_ id: String, _ date: String, _ type: EventType, _ location: String, admin1: String,
                         _ latitude: Double, _ longitude: Double, fatalities: Int = 0, evidence: String? = nil) -> Incident {
        Incident(eventID: id, eventDate: try! IncidentDate(parsing: date), eventType: type, admin1: admin1, location: location,
                 coordinate: try! Coordinate(latitude: latitude, longitude: longitude), fatalities: fatalities,
                 source: "Test Wire", sourceURL: "https://example.org/\(id)",
                 evidence: evidence.map { [EvidenceSpan(text: $0, start: 0, end: $0.unicodeScalars.count, source: "Test Wire")] } ?? [])
    }

    static let april: [Incident] = [
        incident("M1", "2019-04-08", .explosionsRemoteViolence, "Mitiga", admin1: "Tripoli", 32.8942, 13.2761, fatalities: 0,
                 evidence: "شنت طائرة حربية غارة جوية على مطار معيتيقة"),
        incident("A1", "2019-04-05", .battles, "Ain Zara", admin1: "Tripoli", 32.7952, 13.2869, fatalities: 4),
        incident("A2", "2019-04-13", .battles, "Ain Zara", admin1: "Tripoli", 32.7952, 13.2869, fatalities: 2),
        incident("G1", "2019-04-25", .battles, "Gharyan", admin1: "Al Jabal al Gharbi", 32.1722, 13.0203, fatalities: 9),
    ]

    func make(_ folder: TemporaryFolder, _ report: Report, store: IncidentStore, name: String = "report.html") throws -> String {
        let path = folder.path + "/" + name
        try report.write(from: store, to: try ByteSink(path: path))
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func holdsTheMapTheChartTheTablesAndTheEvidence() throws {
        let folder = try TemporaryFolder()
        let store = try IncidentStore(path: folder.path + "/incidents.sqlite")
        _ = try store.ingest { batch in for incident in Self.april { try batch.add(incident) } }
        let html = try make(folder, Report(title: "Tripoli <April>", filter: IncidentFilter(), previousStoredThrough: nil), store: store)
        #expect(html.contains("<title>Tripoli &lt;April&gt;</title>"))
        #expect(html.contains("<b>4</b> incidents, <b>15</b> reported fatalities, 2019-04-05 to 2019-04-25"))
        // Self-contained: nothing to fetch, no script.
        #expect(html.firstMatch(of: /<(script|link|img|iframe)\b/) == nil)
        #expect(html.contains("class=\"report-map\"") && html.contains("fill=\"#f6f1e3\""), "the map with Libya's land")
        // Weeks of 1, 8, 15 and 22 April, the empty week of the 15th included.
        for (week, count) in [("2019-04-01", 1), ("2019-04-08", 2), ("2019-04-15", 0), ("2019-04-22", 1)] {
            #expect(html.contains("data-week=\"\(week)\" data-count=\"\(count)\""), "\(week)")
        }
        // Fatalities by district, most first; top places by incidents.
        let districts = try #require(html.firstMatch(of: /id="fatalities-by-district".*?<\/table>/.dotMatchesNewlines()))
        #expect(districts.output.contains("<td>Al Jabal al Gharbi</td><td class=\"number\">9</td>"))
        #expect(districts.output.range(of: "Al Jabal al Gharbi")!.lowerBound < districts.output.range(of: "Tripoli")!.lowerBound)
        let places = try #require(html.firstMatch(of: /id="top-places".*?<\/table>/.dotMatchesNewlines()))
        #expect(places.output.contains("<td>Ain Zara</td><td>Tripoli</td><td class=\"number\">2</td><td class=\"number\">6</td>"))
        // The evidence, right to left, with its source and link.
        #expect(html.contains("<blockquote dir=\"rtl\" lang=\"ar\">شنت طائرة حربية غارة جوية على مطار معيتيقة</blockquote>"))
        #expect(html.contains("<a href=\"https://example.org/M1\">"))
        #expect(html.contains("No earlier report"))
    }

    @Test func listsWhatWasStoredAfterThePreviousReport() throws {
        let folder = try TemporaryFolder()
        let store = try IncidentStore(path: folder.path + "/incidents.sqlite")
        _ = try store.ingest { batch in for incident in Self.april.prefix(2) { try batch.add(incident) } }
        _ = try make(folder, Report(title: "First", filter: IncidentFilter(), previousStoredThrough: nil), store: store, name: "first.html")
        let storedThrough = try #require(try Report.storedThrough(ofReportAt: folder.path + "/first.html"))
        #expect(storedThrough == (try store.lastStoredAt()))
        // Timestamps are to the second: the next ingest is a second later.
        Thread.sleep(forTimeInterval: 1.1)
        _ = try store.ingest { batch in for incident in Self.april.suffix(2) { try batch.add(incident) } }
        let html = try make(folder, Report(title: "Second", filter: IncidentFilter(), previousStoredThrough: storedThrough), store: store)
        let new = try #require(html.firstMatch(of: /<section id="new">.*?<\/section>/.dotMatchesNewlines()))
        #expect(new.output.contains(": 2</h2>"))
        #expect(new.output.contains("Gharyan") && new.output.contains("2019-04-13"))
        #expect(!new.output.contains("Mitiga"))
    }

    @Test func refusesAFileThatIsNoReport() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/notes.html"
        try "<html><body>notes</body></html>".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: MapPageError.notAReport(path: path)) { try Report.storedThrough(ofReportAt: path) }
        #expect(throws: MapPageError.previousReportUnreadable(path: folder.path + "/missing.html")) {
            try Report.storedThrough(ofReportAt: folder.path + "/missing.html")
        }
    }
}
