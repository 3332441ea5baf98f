import Foundation

/// A buffered byte writer over a file, standard output, or memory.
///
/// Writing to `--out FILE` goes to a temporary file beside it that replaces `FILE` only when
/// ``finish()`` is called, so a failed export never leaves a truncated file behind. In memory
/// (``inMemory()``) the bytes wait until ``drain()`` takes them: the HTTP server sends a page
/// of incidents at a time that way.
public final class ByteSink {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 18
    private let finalPath: String?
    private let temporaryPath: String?
    private var finished = false

    /// Writes to standard output.
    public init() {
        handle = FileHandle.standardOutput
        finalPath = nil
        temporaryPath = nil
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    private init(memory: Void) {
        handle = nil
        finalPath = nil
        temporaryPath = nil
    }

    /// Keeps what is written in memory until ``drain()``.
    public static func inMemory() -> ByteSink { ByteSink(memory: ()) }

    /// The bytes written since the last drain (in memory only; empty otherwise).
    public func drain() -> [UInt8] {
        guard handle == nil else { return [] }
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }

    /// Writes to `path`, replacing it on ``finish()``.
    public init(path: String) throws(SinkError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .cannotCreate(path: path, reason: "the folder \(directory) does not exist")
        }
        // Only a new path or a regular file is replaced: a device (/dev/full), a pipe, a socket
        // or a folder at the path would be swapped for a regular file by the final rename. A
        // symbolic link is replaced itself, never written through.
        var status = stat()
        if lstat(path, &status) == 0 {
            let type = status.st_mode & S_IFMT
            guard type == S_IFREG || type == S_IFLNK else {
                let what = type == S_IFDIR ? "a folder" : type == S_IFCHR || type == S_IFBLK ? "a device"
                    : type == S_IFIFO ? "a named pipe" : type == S_IFSOCK ? "a socket" : "not a regular file"
                throw .cannotCreate(path: path, reason: "it is \(what), not a regular file: name a new file, or an existing regular file to replace")
            }
        }
        let temporary = directory + "/." + url.lastPathComponent + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw .cannotCreate(path: path, reason: "cannot write in \(directory)")
        }
        self.handle = handle
        finalPath = path
        temporaryPath = temporary
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    deinit {
        if !finished, let temporaryPath {
            try? handle?.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    @inline(__always)
    public func write(_ text: StaticString) throws(SinkError) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        if buffer.count >= flushThreshold { try flush() }
    }

    public func write(_ text: String) throws(SinkError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends directly to the buffer; the writers use it to encode without a copy.
    @inline(__always)
    func append(_ body: (inout [UInt8]) -> Void) throws(SinkError) {
        body(&buffer)
        if buffer.count >= flushThreshold { try flush() }
    }

    public func flush() throws(SinkError) {
        guard !buffer.isEmpty, let handle else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .writeFailed(path: finalPath ?? "standard output", reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, when writing to a file, moves it into place.
    public func finish() throws(SinkError) {
        try flush()
        finished = true
        guard let finalPath, let temporaryPath else { return }
        try? handle?.close()
        if rename(temporaryPath, finalPath) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw .writeFailed(path: finalPath, reason: reason)
        }
    }
}

/// Why output could not be written.
public enum SinkError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "cannot create \(path): \(reason)"
        case .writeFailed(let path, let reason): return "writing \(path) failed: \(reason)"
        }
    }
}
