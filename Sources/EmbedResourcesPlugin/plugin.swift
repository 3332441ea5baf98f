import Foundation
import PackagePlugin

/// Embeds a target's data files (the top-level `Gazetteer/` for the Gazetteer module,
/// `Data/lexicons/` for Extraction, `Data/map/` for MapPage, `Data/acled/` for IncidentImport) into the module as `EmbeddedResources.files`;
/// for the Gazetteer module, also the places of `Gazetteer/` already joined, as `CompiledGazetteerData`
/// (`compile-gazetteer`).
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    /// Which folder of the package each target embeds, and which file endings.
    static let folders: [String: String] = [
        "Gazetteer": "Gazetteer",
        "Extraction": "Data/lexicons",
        "MapPage": "Data/map",
        "IncidentImport": "Data/acled",
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let folder = Self.folders[target.name] else { return [] }
        let directory = context.package.directoryURL.appending(path: folder)
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { ["tsv", "txt", "html", "js", "css", "geojson"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        var commands: [Command] = [
            .buildCommand(
                displayName: "Embedding \(folder)/ into \(target.name)",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]),
        ]
        if target.name == "Gazetteer" {
            let places = files.filter { $0.pathExtension == "tsv" }
            let compiled = context.pluginWorkDirectoryURL.appending(path: "CompiledGazetteerData.swift")
            commands.append(.buildCommand(
                displayName: "Joining the places of \(folder)/ for \(target.name)",
                executable: try context.tool(named: "compile-gazetteer").url,
                arguments: [compiled.path] + places.map(\.path),
                inputFiles: places,
                outputFiles: [compiled]))
        }
        return commands
    }
}
