import Foundation

/// Reads JSON Lines: one JSON object per line; blank lines are skipped.
final class JSONLinesReader {
    private let source: ByteSource
    private let path: String
    private var line = 0
    private var bytes: [UInt8] = []

    init(source: ByteSource, path: String) {
        self.source = source
        self.path = path
        source.skipByteOrderMark()
    }

    /// The next object's fields (numbers as their text, nested arrays and objects as JSON
    /// text) and its line; `nil` at the end of the file.
    func next() throws(ImportError) -> (line: Int, fields: [String: String])? {
        guard try nextLine() else { return nil }
        do {
            return (line, try FlatJSON.object(bytes))
        } catch {
            throw problem(error)
        }
    }

    /// The next object's members that `slots` names, each at its slot, the others at
    /// `otherSlot` (see ``FlatJSON/values(_:slots:count:otherSlot:)``), and its line; `nil` at the end of the file.
    func nextValues(slots: [String: Int], count: Int, otherSlot: Int? = nil) throws(ImportError) -> (line: Int, values: [String?])? {
        guard try nextLine() else { return nil }
        do {
            return (line, try FlatJSON.values(bytes, slots: slots, count: count, otherSlot: otherSlot))
        } catch {
            throw problem(error)
        }
    }

    /// The line last read, as text (for a refused row).
    var currentLine: String { String(decoding: bytes, as: UTF8.self) }
    /// Whether reading stopped at a line past ``ByteSource/maximumRecordLength``: no row to
    /// step over, as the rest of that line is still unread.
    private(set) var stoppedAtLongLine = false

    /// Reads the next line that is not blank into `bytes`; `false` at the end of the file.
    private func nextLine() throws(ImportError) -> Bool {
        while true {
            bytes.removeAll(keepingCapacity: true)
            do {
                guard try source.readLine(into: &bytes) else { return false }
            } catch {
                stoppedAtLongLine = true
                throw .badRow(path: path, line: line + 1,
                              reason: "the line is longer than \(ByteSource.maximumRecordLength >> 20) MiB: JSON Lines needs one object per line (is this the right file?)")
            }
            line += 1
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return true
        }
    }

    private func problem(_ error: FlatJSON.Failure) -> ImportError {
        let reason = error.reason.hasPrefix("expected a JSON object") ? error.reason : "broken JSON: \(error.reason)"
        return .badRow(path: path, line: line, reason: reason)
    }
}
