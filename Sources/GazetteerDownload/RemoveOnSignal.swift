import Dispatch
import Foundation
import Synchronization

/// Files removed when the process is stopped by SIGINT (Ctrl-C) or SIGTERM, so that an
/// interrupted download leaves no partial file in the temporary folder.
///
/// ```swift
/// RemoveOnSignal.shared.remember(partialFile.path)   // handlers installed on first use
/// defer {
///     try? FileManager.default.removeItem(atPath: partialFile.path)
///     RemoveOnSignal.shared.forget(partialFile.path)
/// }
/// ```
///
/// The handlers run on a dispatch queue, not in the signal's own context, so removing a file
/// is safe there; they then restore the default action and send the signal again, so that
/// the process ends as it would have (exit status 130 or 143 in a shell). A process that has
/// not called ``remember(_:)`` keeps the default handling.
public final class RemoveOnSignal: Sendable {
    /// The one registry of the process: signal handlers are process-wide.
    public static let shared = RemoveOnSignal()

    private let files = Mutex<Set<String>>([])
    private let sources = Mutex<[any DispatchSourceSignal]>([])

    private init() {}

    /// Removes `path` if SIGINT or SIGTERM arrives before ``forget(_:)``.
    public func remember(_ path: String) {
        installHandlers()
        files.withLock { _ = $0.insert(path) }
    }

    /// Stops watching `path` (once it has been removed, or kept on purpose).
    public func forget(_ path: String) {
        files.withLock { _ = $0.remove(path) }
    }

    /// The paths a signal would remove now.
    public var remembered: Set<String> { files.withLock { $0 } }

    private func installHandlers() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                // Ignored first, so that the default action does not end the process before the
                // handler has run.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [self] in
                    for path in files.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
                    signal(number, SIG_DFL)
                    kill(getpid(), number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
