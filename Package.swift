// swift-tools-version:6.1
import PackageDescription

let textSpeed: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "incidentmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "incidentmap", targets: ["incidentmap"]),
        .library(name: "IncidentMapCore", targets: ["IncidentMapCore"]),
        .library(name: "IncidentStorage", targets: ["IncidentStorage"]),
        .library(name: "IncidentStore", targets: ["IncidentStore"]),
        .library(name: "PostGISStore", targets: ["PostGISStore"]),
        .library(name: "IncidentImport", targets: ["IncidentImport"]),
        .library(name: "GeoJSON", targets: ["GeoJSON"]),
        .library(name: "Gazetteer", targets: ["Gazetteer"]),
        .library(name: "Extraction", targets: ["Extraction"]),
        .library(name: "MapPage", targets: ["MapPage"]),
        .library(name: "IncidentMapKit", targets: ["IncidentMapKit"]),
        .library(name: "IncidentServer", targets: ["IncidentServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already in the graph through Hummingbird; named for NIOHTTPTypes, the request and
        // response parts that IncidentServer's connection guard sees.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // `swift package generate-documentation`, which Scripts/docs runs; a command plugin, so
        // nothing of it is built into incidentmap.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries from Debian, installed by Scripts/setup.
        // SQLite's C API; SpatiaLite is loaded into connections at run time as mod_spatialite.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev", "libsqlite3-mod-spatialite"])]),
        // PROJ's geodesic.h, declarations only: the library is opened when a distance is first
        // measured (IncidentMapCore/Geodesic.swift), not linked into every command.
        .systemLibrary(
            name: "CProj",
            providers: [.apt(["libproj-dev"])]),

        // libpq, PostgreSQL's client library, for the PostGIS store (PostGISStore/PostgresConnection.swift says why
        // not postgres-nio).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),

        // Build-time embedding of data files (Gazetteer/, Data/lexicons/) into the modules.
        .executableTarget(name: "embed-resources", path: "Sources/EmbedResources"),
        // The places of Gazetteer/ joined at build time, so that no command joins them at start-up.
        .executableTarget(name: "compile-gazetteer", dependencies: ["GazetteerCore"], path: "Sources/CompileGazetteer"),
        .plugin(name: "EmbedResourcesPlugin", capability: .buildTool(),
                dependencies: ["embed-resources", "compile-gazetteer"], path: "Sources/EmbedResourcesPlugin"),

        // Arabic and Latin normalisation, tokenising and phrase matching (keys fingerprinted
        // with IncidentMapCore's StableHash).
        .target(name: "TextMatching", dependencies: ["IncidentMapCore"], swiftSettings: textSpeed),
        // Domain types and geodesy: no I/O.
        .target(name: "IncidentMapCore", dependencies: ["CProj"], swiftSettings: textSpeed),
        // Place data and how it is joined and searched, without the built-in data: what the build
        // (compile-gazetteer) and the Gazetteer module share.
        .target(name: "GazetteerCore", dependencies: ["IncidentMapCore", "TextMatching"], swiftSettings: textSpeed),
        // Place names: curated and GeoNames places, resolution in context, search.
        .target(name: "Gazetteer", dependencies: ["GazetteerCore", "IncidentMapCore", "TextMatching", "ZIPFoundation"], swiftSettings: textSpeed,
                plugins: ["EmbedResourcesPlugin"]),
        // From article text to incidents: segmentation, triggers, dates, actors, linking.
        .target(name: "Extraction", dependencies: ["IncidentMapCore", "TextMatching", "Gazetteer"], swiftSettings: textSpeed,
                plugins: ["EmbedResourcesPlugin"]),
        // Reading incidents from ACLED-style JSON Lines and CSV.
        .target(name: "IncidentImport", dependencies: ["IncidentMapCore", "ZIPFoundation"], plugins: ["EmbedResourcesPlugin"]),
        // Streaming GeoJSON, GeoJSONSeq and CSV writers.
        .target(name: "GeoJSON", dependencies: [
            "IncidentMapCore",
        ]),
        // Fetching a GeoNames dump over HTTP(S) for `gazetteer refresh`.
        .target(name: "GazetteerDownload", dependencies: [
            "Gazetteer",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // The map page (Leaflet, the basemap and the incidents in one offline HTML file) and the report.
        .target(name: "MapPage", dependencies: ["IncidentMapCore", "Gazetteer", "GeoJSON", "IncidentStorage"],
                plugins: ["EmbedResourcesPlugin"]),
        // What every incident store offers (the StoreBackend protocol and its values), so that
        // SpatiaLite and PostGIS serve the same commands.
        .target(name: "IncidentStorage", dependencies: ["IncidentMapCore"]),
        // The SpatiaLite incident store (GRDB over SpatiaLite).
        .target(name: "IncidentStore", dependencies: [
            "IncidentMapCore", "IncidentStorage", "CSQLite",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        // The PostGIS incident store (libpq), for teams that share one store on a server.
        .target(name: "PostGISStore", dependencies: [
            "IncidentMapCore", "IncidentStorage", "CLibPQ",
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        // The use cases under the CLI and the server: ingest, export, near, stats, map,
        // extraction, gazetteer search and refresh, each a small type with input and output values.
        .target(name: "IncidentMapKit", dependencies: [
            "IncidentMapCore", "IncidentStorage", "IncidentStore", "PostGISStore", "IncidentImport", "Gazetteer",
            "GazetteerDownload", "Extraction", "GeoJSON", "MapPage",
        ]),
        // The HTTP API and live map (`incidentmap serve`), on Hummingbird.
        .target(name: "IncidentServer", dependencies: [
            "IncidentMapCore", "IncidentStorage", "IncidentMapKit", "GeoJSON", "Gazetteer", "Extraction", "MapPage",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        // The thin command-line interface.
        .executableTarget(name: "incidentmap", dependencies: [
            "IncidentMapCore", "IncidentStorage", "IncidentMapKit", "IncidentImport", "GeoJSON", "Gazetteer", "Extraction",
            "MapPage", "IncidentServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks, run by Scripts/bench.
        .executableTarget(name: "incidentmap-bench", dependencies: ["Gazetteer", "Extraction", "IncidentMapCore", "IncidentStore", "IncidentStorage", "PostGISStore", "TestSupport"], path: "Sources/Benchmarks"),
        // Scoring extraction against a golden set: kept out of the Extraction library, which the
        // CLI and the server link, and shared by incidentmap-eval and the golden-set test.
        .target(name: "ExtractionEvaluation", dependencies: ["Extraction", "IncidentMapCore"]),
        .executableTarget(name: "incidentmap-eval", dependencies: ["ExtractionEvaluation", "Extraction", "Gazetteer", "IncidentMapCore"],
                          path: "Sources/Evaluation"),

        // Helpers the tests and benchmarks share (temporary folders, a seeded generator).
        .target(name: "TestSupport", dependencies: ["IncidentMapCore"], path: "Tests/TestSupport"),

        .testTarget(name: "IncidentMapCoreTests", dependencies: ["IncidentMapCore", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "IncidentImportTests", dependencies: ["IncidentImport", "TestSupport", "ZIPFoundation"]),
        .testTarget(name: "TextMatchingTests", dependencies: ["TextMatching", "IncidentMapCore"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer", "GazetteerCore", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "ExtractionEvaluation"], resources: [.copy("Golden")]),
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON"]),
        .testTarget(name: "IncidentStoreTests", dependencies: ["IncidentStore", "IncidentStorage", "IncidentImport", "GeoJSON", "TestSupport"]),
        // The use cases against real SpatiaLite files in temporary folders.
        .testTarget(name: "IncidentMapKitTests", dependencies: [
            "IncidentMapKit", "IncidentStorage", "IncidentStore", "IncidentMapCore", "Gazetteer", "GeoJSON", "Extraction",
            "IncidentImport", "MapPage", "TestSupport",
        ]),
        .testTarget(name: "MapPageTests", dependencies: ["MapPage", "Gazetteer", "GeoJSON", "IncidentMapCore", "IncidentStorage", "IncidentStore", "TestSupport"]),
        // The HTTP API over loopback, on a real store.
        .testTarget(name: "IncidentServerTests", dependencies: [
            "IncidentServer", "IncidentStore", "IncidentStorage", "IncidentMapCore", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            // Raw loopback clients: slow, silent and concurrent ones the test client cannot be.
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // Downloads from a Hummingbird server on loopback, and zipped dumps made in the test.
        .testTarget(name: "GazetteerDownloadTests", dependencies: [
            "GazetteerDownload", "Gazetteer", "TestSupport", "ZIPFoundation",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        // The commands: parsed and run in-process, and the built `incidentmap` run as a user
        // would, for exit codes and messages.
        .testTarget(name: "incidentmapTests", dependencies: [
            "incidentmap", "TestSupport", "IncidentMapKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ]
)
