// swift-tools-version:6.1
// libFuzzer targets for incidentmap's parsers: a package of its own, because its targets link
// libFuzzer and build only with the sanitizer flags Scripts/fuzz gives. Run by `Scripts/fuzz`.
import PackageDescription

let package = Package(
    name: "incidentmap-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "incidentmap", path: "../..")],
    targets: [.target(name: "FuzzDriver")] + ["FuzzIncidentFile", "FuzzArticleFile", "FuzzGeoNamesDump", "FuzzOverpassAnswer", "FuzzExtraction"].map { name in
        .executableTarget(name: name, dependencies: [
            .product(name: "IncidentImport", package: "incidentmap"),
            .product(name: "Gazetteer", package: "incidentmap"),
            .product(name: "Extraction", package: "incidentmap"),
            .product(name: "IncidentMapCore", package: "incidentmap"),
            "FuzzDriver",
        ], path: "Sources/\(name)")
    }
)
