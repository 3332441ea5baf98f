import Foundation

/// A one-line progress report on standard error, shown only when standard error is a terminal
/// (so logs and pipes stay clean) and redrawn at most five times a second.
final class ProgressLine {
    let label: String
    private let totalBytes: Int64
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(label: String, totalBytes: Int64) {
        self.label = label
        self.totalBytes = totalBytes
    }

    func update(bytes: Int64, items: Int) {
        guard enabled, Date().timeIntervalSince(lastDrawn) > 0.2 else { return }
        lastDrawn = Date()
        let done = totalBytes > 0 ? "\(Int(100 * bytes / totalBytes))% (\(items) incidents read)" : "\(items) read"
        FileHandle.standardError.write(Data("\r\(label): \(done)\u{1B}[K".utf8))
        drawn = true
    }

    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
