import Foundation

/// GDAL's `ogrinfo`, where Scripts/setup installed it (gdal-bin): what the tests ask whether GDAL
/// (and so QGIS) reads a store or an export as the layer it should be.
public enum OGRInfo {
    /// The program's path, or `nil` where GDAL is not installed.
    public static let path = ["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }

    public struct NotInstalled: Error, CustomStringConvertible {
        public var description: String { "ogrinfo (gdal-bin) is not installed: run Scripts/setup" }
    }

    /// Runs `ogrinfo` with `arguments` and returns what it printed (output and errors).
    public static func run(_ arguments: [String]) throws -> String {
        guard let path else { throw NotInstalled() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
