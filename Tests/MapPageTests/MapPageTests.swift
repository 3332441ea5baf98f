import Foundation
import Gazetteer
import GeoJSON
import IncidentMapCore
@testable import MapPage
import Testing
import TestSupport

@Suite struct MapPageTests {
    static func page() throws -> MapPage {
        MapPage(title: "Tripoli <April>", labels: MapPage.mainLabels(in: try Gazetteer.bundled()), assets: try MapAssets.load())
    }

    static func incident(notes: String) throws -> Incident {
        Incident(eventID: "X1", eventDate: try IncidentDate(parsing: "2019-04-08"), eventType: .battles, location: "Mitiga",
                 coordinate: try Coordinate(latitude: 32.8942, longitude: 13.2761), notes: notes,
                 evidence: [EvidenceSpan(text: "قصف مطار معيتيقة", start: 10, end: 26, source: "test",
                                         highlights: [.init(kind: .trigger, start: 10, end: 13), .init(kind: .place, start: 14, end: 26)])])
    }

    @Test func writesOneSelfContainedPageWithTheIncidentsInlined() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/map.html"
        let count = try Self.page().write(to: try ByteSink(path: path)) { writer in
            try writer.write(try Self.incident(notes: "a note </script><script>alert(1)</script>"), extra: [])
            return 1
        }
        #expect(count == 1)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!html.contains("@@"), "every slot filled")
        // Text from the data cannot close the data's <script> element.
        #expect(!html.contains("alert(1)</script>"))
        #expect(html.contains(#"\u003c/script>\u003cscript>alert(1)\u003c/script>"#))
        #expect(html.components(separatedBy: "<script").count == html.components(separatedBy: "</script>").count)
        // Nothing is fetched: no src= or href= to another file or host.
        #expect(html.firstMatch(of: /<(script|link|img)[^>]+(src|href)=/) == nil)
        #expect(!html.contains("unpkg.com") && !html.contains("//cdn"))
        #expect(html.contains("<title>Tripoli &lt;April&gt;</title>"))
        #expect(html.contains(#""mode":"file""#))
        #expect(html.contains(#""highlights":[{"kind":"trigger","start":10,"end":13}"#))
        #expect(html.contains("\"iso_a3\":\"LBY\",\"detail\":\"high\""), "the detailed basemap is inlined")
        #expect(html.contains("\"name\":\"Al Jabal al Gharbi\""), "the districts are inlined")
        #expect(html.contains("\"name_ar\":\"طرابلس\""), "the gazetteer's places are labels")
    }

    @Test func labelsCitiesTownsAndQuartersByZoom() throws {
        let labels = MapPage.mainLabels(in: try Gazetteer.bundled())
        #expect(labels.contains { $0.name == "Tripoli" && $0.isMajor })
        #expect(labels.contains { $0.nameArabic == "مطار معيتيقة الدولي" && $0.minimumZoom == 9 }, "airports are labelled")
        #expect(labels.contains { $0.nameArabic == "عين زارة" && $0.minimumZoom == 12 }, "a quarter of Tripoli, once zoomed in")
        #expect(labels.filter { $0.nameArabic == "الزاوية" }.count == 1)
        #expect(labels.map(\.minimumZoom) == labels.map(\.minimumZoom).sorted(), "the most important first")
        #expect(!labels.contains { $0.minimumZoom > 12 })
    }

    @Test func saysWhichPackageToInstallWhenLeafletIsMissing() throws {
        let folder = try TemporaryFolder()
        #expect(throws: MapPageError.leafletMissing(searched: [folder.path],
                                                    packages: ["libjs-leaflet", "libjs-leaflet.markercluster"])) {
            try MapAssets.load(from: [folder.path])
        }
        let error = MapPageError.leafletMissing(searched: [folder.path], packages: ["libjs-leaflet"])
        #expect(error.description.contains("install Debian's libjs-leaflet"))
    }
}
