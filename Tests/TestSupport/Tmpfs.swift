import Foundation

/// A small tmpfs mounted for one test, and unmounted after it.
public struct Tmpfs: Sendable {
    /// Where it is mounted.
    public let path: String

    /// Whether this process may mount one (root, and a kernel that lets it).
    public static let isAvailable: Bool = {
        guard geteuid() == 0, let probe = try? Tmpfs(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    /// Mounts a tmpfs of `megabytes` in a new folder of the temporary folder.
    public init(megabytes: Int) throws {
        path = NSTemporaryDirectory() + "/incidentmap-tmpfs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
    }

    /// Makes it read-only: what a read-only mount is to every process, root included.
    public func remountReadOnly() throws {
        try Self.run("/bin/mount", ["-o", "remount,ro", path])
    }

    /// Writes zeros until the file system has no space left.
    public func fill() throws {
        let descriptor = open(path + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ Glibc.write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Unmounts it and removes its folder.
    public func unmount() {
        // Lazily when a process still holds a file in it: detached now, freed when it lets go.
        if (try? Self.run("/bin/umount", [path])) == nil { try? Self.run("/bin/umount", ["-l", path]) }
        try? FileManager.default.removeItem(atPath: path)
    }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments) failed"])
        }
    }
}
