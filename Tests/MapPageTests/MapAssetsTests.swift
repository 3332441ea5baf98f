import Foundation
import Testing
import TestSupport
@testable import MapPage

/// The Leaflet version the page names is the one inlined, minified or not.
@Suite struct MapAssetsTests {
    static func folder(leaflet name: String, _ script: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try folder.write(name, script)
        for other in ["leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css"] {
            _ = try folder.write(other, "/* \(other) */")
        }
        return folder
    }

    @Test(arguments: [
        ("leaflet.js", "/* @preserve\n * Leaflet 1.9.4, a JS library for interactive maps. */\n(function(){})()", "1.9.4"),
        // Debian's leaflet.min.js has no header comment: the version is the one it sets.
        ("leaflet.min.js", "!function(t){t.transformation=at,t.version=\"1.6.0\",t.videoOverlay=1}(L)", "1.6.0"),
        ("leaflet.js", "(function(){})()", "(unknown version)"),
    ])
    func theVersionIsReadFromTheHeaderOrTheCode(name: String, script: String, version: String) throws {
        let folder = try Self.folder(leaflet: name, script)
        #expect(try MapAssets.load(from: [folder.path]).leafletVersion == version)
    }
}
