import Foundation

/// Leaflet, and Leaflet.markercluster's stylesheets, read from Debian's `libjs-leaflet` and
/// `libjs-leaflet.markercluster` (both install into `/usr/share/javascript/leaflet/`), to be
/// inlined in the page. The page clusters its markers with its own script (`Data/map/map.js`
/// says why), drawn as Leaflet.markercluster draws them: of that package only the styles are
/// read.
///
/// They are read when a page is made rather than compiled in, so that a Debian security update
/// of Leaflet reaches every new page without rebuilding incidentmap.
public struct MapAssets: Sendable {
    /// Leaflet's script.
    public var leafletScript: String
    /// Leaflet's stylesheet.
    public var leafletStyle: String
    /// Leaflet.markercluster's two stylesheets, which the page's own clusters are drawn with.
    public var clusterStyle: String
    /// Leaflet's version, from its header comment or, in a minified copy (which has none, as
    /// Debian's leaflet.min.js), from the `L.version` it sets.
    public var leafletVersion: String

    /// Where the files are looked for, in order: `$INCIDENTMAP_LEAFLET_DIR`, then Debian's folder.
    public static var searchedFolders: [String] {
        var folders: [String] = []
        if let folder = ProcessInfo.processInfo.environment["INCIDENTMAP_LEAFLET_DIR"], !folder.isEmpty {
            folders.append(folder)
        }
        folders.append("/usr/share/javascript/leaflet")
        return folders
    }

    /// Reads the files from the first folder that has them all.
    public static func load(from folders: [String] = MapAssets.searchedFolders) throws(MapPageError) -> MapAssets {
        // Minified where Debian ships a minified copy: a third of the size.
        let wanted: [(names: [String], package: String)] = [
            (["leaflet.min.js", "leaflet.js"], "libjs-leaflet"),
            (["leaflet.css"], "libjs-leaflet"),
            (["MarkerCluster.css"], "libjs-leaflet.markercluster"),
            (["MarkerCluster.Default.css"], "libjs-leaflet.markercluster"),
        ]
        var missingPackages: [String] = []
        for folder in folders {
            var texts: [String] = []
            missingPackages = []
            for file in wanted {
                let text = file.names.lazy.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.first
                if let text { texts.append(stripSourceMap(text)) } else { missingPackages.append(file.package) }
            }
            if missingPackages.isEmpty {
                let version = (texts[0].firstMatch(of: /Leaflet (\d+\.\d+\.\d+)/) ?? texts[0].firstMatch(of: /\.version="(\d+\.\d+\.\d+)"/))
                    .map { String($0.1) } ?? "(unknown version)"
                return MapAssets(leafletScript: texts[0], leafletStyle: texts[1],
                                 clusterStyle: texts[2] + "\n" + texts[3], leafletVersion: version)
            }
        }
        var seen = Set<String>()
        throw .leafletMissing(searched: folders, packages: missingPackages.filter { seen.insert($0).inserted })
    }

    /// Drops `//# sourceMappingURL=` lines: the maps are not inlined, and a browser's developer
    /// tools would try to fetch them from beside the page.
    static func stripSourceMap(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("//# sourceMappingURL=") && !$0.hasPrefix("/*# sourceMappingURL=") }
            .joined(separator: "\n")
    }
}

/// Why a map page could not be made.
public enum MapPageError: Error, Equatable, Sendable, CustomStringConvertible {
    case leafletMissing(searched: [String], packages: [String])
    case templateBroken(String)
    /// The previous report named for "new since the last report" cannot be read.
    case previousReportUnreadable(path: String)
    /// The file named as the previous report was not written by `incidentmap report`.
    case notAReport(path: String)

    public var description: String {
        switch self {
        case .leafletMissing(let searched, let packages):
            return "Leaflet was not found in \(searched.joined(separator: " or ")): install Debian's "
                + packages.joined(separator: " and ") + " (Scripts/setup does), or set INCIDENTMAP_LEAFLET_DIR "
                + "to a folder holding leaflet.js, leaflet.css, MarkerCluster.css "
                + "and MarkerCluster.Default.css"
        case .previousReportUnreadable(let path):
            return "cannot read the previous report \(path): check the path, or leave out --since-report to compare with the report being replaced"
        case .notAReport(let path):
            return "\(path) is not a report made by incidentmap report (it has no incidentmap-stored-through marker): name the previous report, or leave out --since-report"
        case .templateBroken(let reason):
            return "the built-in map template is broken (\(reason)): this is a bug in incidentmap, please report it"
        }
    }
}
