import Foundation
import Testing
@testable import Gazetteer

/// The readers of place data take local files; a URL is refused at once with what to do, not
/// looked for as a file.
@Suite struct LocalFileTests {
    @Test(arguments: ["https://download.geonames.org/export/dump/LY.zip", "HTTP://example.org/LY.txt"])
    func aURLIsRefusedWithWhatToDo(location: String) throws {
        let geoNames = #expect(throws: GazetteerError.self) { try GeoNamesDump.places(from: location, districts: [:]) }
        let overpass = #expect(throws: GazetteerError.self) { try OverpassPlaces.read(contentsOf: location) }
        for error in [geoNames, overpass] {
            let message = try #require(error).description
            #expect(message.hasPrefix(location + ": a URL"))
            #expect(message.contains("`incidentmap gazetteer refresh`"))
        }
    }

    @Test func aPathOrAFileURLIsNotRemote() {
        #expect(GazetteerError.remoteLocation("LY.zip") == nil)
        #expect(GazetteerError.remoteLocation("/tmp/LY.txt") == nil)
        #expect(GazetteerError.remoteLocation("file:///tmp/LY.txt") == nil)
    }
}
