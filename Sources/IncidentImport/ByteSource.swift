import Foundation

/// Reads a file in large chunks, a byte at a time for the parsers, so that files of any size
/// are read in constant memory.
final class ByteSource {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    private static let chunkSize = 1 << 20
    private var bytesBeforeBuffer: Int64 = 0

    init(path: String) throws(ImportError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: FileManager.default.fileExists(atPath: path)
                                  ? "permission denied or not a regular file" : "no such file")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next byte, or `nil` at the end of the file.
    @inline(__always)
    func next() -> UInt8? {
        if position == buffer.count {
            guard refill() else { return nil }
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    /// The next byte without consuming it.
    @inline(__always)
    func peek() -> UInt8? {
        if position == buffer.count {
            guard refill() else { return nil }
        }
        return buffer[position]
    }

    var offset: Int64 { bytesBeforeBuffer + Int64(position) }

    /// The longest line or record the readers hold in memory. A file with no line breaks (a
    /// binary file, or JSON written without them) would otherwise be read whole into memory
    /// before anything could be said about it; an incident or an article is far smaller.
    static let maximumRecordLength = 64 << 20

    /// A line or record longer than ``maximumRecordLength``.
    struct RecordTooLong: Error {}

    /// Appends the bytes up to the next line feed (which is consumed, not appended) to `line`;
    /// `false` at the end of the file with nothing read. Copies whole runs of the buffer: a
    /// byte at a time through ``next()`` was a fifth of a large ingest's time. Throws once the
    /// line passes ``maximumRecordLength``, before it has grown further.
    func readLine(into line: inout [UInt8]) throws(RecordTooLong) -> Bool {
        var sawAny = false
        while true {
            if position == buffer.count {
                guard refill() else { return sawAny }
            }
            sawAny = true
            let start = position
            let end = buffer.withUnsafeBufferPointer { bytes -> Int in
                guard let base = bytes.baseAddress,
                      let found = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            line.append(contentsOf: buffer[start..<end])
            if line.count > ByteSource.maximumRecordLength { throw RecordTooLong() }
            if end < buffer.count {
                position = end + 1
                return true
            }
            position = end
        }
    }

    /// Appends the bytes up to the first `stop1`, `stop2`, `stop3` or `stop4` to `run` and
    /// returns that byte, not consumed; `nil` at the end of the file, or once `run` is longer
    /// than ``maximumRecordLength`` (which the caller tells by its length). A run at a time through
    /// the buffer: the CSV reader took its fields a byte at a time through ``next()`` and
    /// ``peek()``, a class's method calls and bounds checks per byte, a quarter of a CSV
    /// ingest's parsing.
    @inline(__always)
    func appendRun(into run: inout [UInt8], upTo stop1: UInt8, _ stop2: UInt8, _ stop3: UInt8, _ stop4: UInt8) -> UInt8? {
        while true {
            if position == buffer.count {
                guard refill() else { return nil }
            }
            let start = position
            // Copied from the buffer's memory: appending an `ArraySlice` of it retained and
            // released the buffer per field.
            let (end, stop) = buffer.withUnsafeBufferPointer { bytes -> (Int, UInt8?) in
                var index = start
                var stop: UInt8?
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == stop1 || byte == stop2 || byte == stop3 || byte == stop4 {
                        stop = byte
                        break
                    }
                    index += 1
                }
                run.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                return (index, stop)
            }
            position = end
            if let stop { return stop }
            if run.count > ByteSource.maximumRecordLength { return nil }
        }
    }

    private func refill() -> Bool {
        guard !isAtEnd else { return false }
        bytesBeforeBuffer += Int64(buffer.count)
        let data = (try? handle.read(upToCount: ByteSource.chunkSize)) ?? nil
        guard let data, !data.isEmpty else {
            isAtEnd = true
            buffer = []
            position = 0
            return false
        }
        buffer = [UInt8](data)
        position = 0
        return true
    }

    /// The bytes from here to the next line feed (or to the end of what is buffered, a
    /// megabyte or more), without consuming them: enough to look at a header row.
    func peekLine() -> ArraySlice<UInt8> {
        if position == buffer.count {
            guard refill() else { return [] }
        }
        let end = buffer[position...].firstIndex(of: 0x0A) ?? buffer.count
        return buffer[position..<end]
    }

    /// Skips the UTF-8 byte order marks at the start of the file, which spreadsheet programs
    /// write. Every one of them: a file converted twice starts with two, and the second, kept,
    /// would become part of the first column's name (`\u{FEFF}event_id_cnty`), which then
    /// matches no column and is silently dropped. A byte order mark says nothing else, so
    /// skipping them loses nothing.
    func skipByteOrderMark() {
        while peek() == 0xEF {
            let saved = position
            _ = next()
            if next() == 0xBB, next() == 0xBF { continue }
            position = saved
            return
        }
    }
}
