import AsyncHTTPClient
import Foundation
import Gazetteer
import NIOCore

/// Fetches a GeoNames dump (`https://download.geonames.org/export/dump/LY.zip`) to a local
/// file, for `GeoNamesDump` to read.
///
/// ```swift
/// let file = try await GeoNamesDownload.download(URL(string: "https://download.geonames.org/export/dump/LY.zip")!)
/// defer { try? FileManager.default.removeItem(at: file) }
/// let places = try GeoNamesDump.places(from: file.path, districts: Gazetteer.districts())
/// ```
///
/// On AsyncHTTPClient (SwiftNIO's HTTP client) rather than Foundation's `URLSession`: on Linux `URLSession` is
/// FoundationNetworking over libcurl, and linking it loaded libcurl, GnuTLS and Kerberos into
/// every command at start (6 MB of memory for each export) for the one that downloads.
public enum GeoNamesDownload {
    /// The largest download accepted unless the caller raises it: 512 MiB. GeoNames' country
    /// dumps are a few megabytes (LY.zip under 1 MB) and its largest file, allCountries.zip,
    /// about 400 MB; a body past this is a wrong URL or a server that never stops.
    public static let defaultMaximumSize: Int64 = 512 << 20

    /// How long the server may send nothing, while connected, before the download fails.
    public static let defaultIdleTimeout: TimeAmount = .seconds(60)

    /// Whether `location` names a dump to download (an `http` or `https` URL).
    public static func isRemote(_ location: String) -> Bool {
        guard let scheme = URL(string: location)?.scheme?.lowercased() else { return false }
        return scheme == "http" || scheme == "https"
    }

    /// Downloads `url` into a new file in `folder` (named after the URL's last part, so that a
    /// `.zip` stays a zip) and returns it. A failed download leaves no file behind, and so does
    /// a process stopped by SIGINT or SIGTERM while it runs (see ``RemoveOnSignal``); the caller
    /// removes the returned file, and passes it to ``RemoveOnSignal/forget(_:)`` when it does.
    ///
    /// - `connectTimeout` bounds the wait for a server that refuses or does not answer: the
    ///   client retries a refused connection until then (async-http-client issue 743), so it is
    ///   kept short.
    /// - `idleTimeout` bounds the wait for the next bytes: a server that stalls fails the
    ///   download after this long without a byte, whatever the whole has taken.
    /// - `maximumSize` caps the bytes written: a larger `Content-Length`, or a body that goes on
    ///   past it, fails the download (``defaultMaximumSize`` unless raised).
    /// - `timeout` bounds the whole download.
    public static func download(_ url: URL, into folder: URL = FileManager.default.temporaryDirectory,
                                connectTimeout: TimeAmount = .seconds(15),
                                idleTimeout: TimeAmount = defaultIdleTimeout,
                                maximumSize: Int64 = defaultMaximumSize,
                                timeout: TimeAmount = .seconds(3600)) async throws(GazetteerError) -> URL {
        let name = url.absoluteString
        let destination = folder.appendingPathComponent("incidentmap-geonames-\(UUID().uuidString)-\(url.lastPathComponent)")
        RemoveOnSignal.shared.remember(destination.path)
        do {
            // AsyncHTTPClient's own pieces: a client that shuts down when the body ends, its
            // read timeout as the idle bound, FileDownloadDelegate writing the file (behind the
            // size cap it lacks, see CappedFileDownload).
            try await HTTPClient.withHTTPClient(configuration: .init(timeout: .init(connect: connectTimeout, read: idleTimeout))) { client in
                let request = try HTTPClient.Request(url: name)
                let delegate = try CappedFileDownload(path: destination.path, url: name, maximumSize: maximumSize)
                _ = try await client.execute(request: request, delegate: delegate, deadline: .now() + timeout).get()
            }
            // The delegate makes the file with the body's first bytes: an empty body made none.
            if !FileManager.default.fileExists(atPath: destination.path) {
                _ = FileManager.default.createFile(atPath: destination.path, contents: nil)
            }
            return destination
        } catch {
            try? FileManager.default.removeItem(at: destination)
            RemoveOnSignal.shared.forget(destination.path)
            throw error as? GazetteerError ?? explain(error, url: name, idleTimeout: idleTimeout, timeout: timeout)
        }
    }

    static func tooLarge(_ url: String, declared: Int64?, maximumSize: Int64) -> GazetteerError {
        let size = declared.map { "is \(megabytes($0))" } ?? "goes on past \(megabytes(maximumSize))"
        return .unreadable(file: url, reason: "the download \(size), over the limit of \(megabytes(maximumSize)): "
                           + "check the URL (a GeoNames country dump is a few MB), or raise the limit with --max-download-size")
    }

    static func explain(_ error: any Error, url: String, idleTimeout: TimeAmount, timeout: TimeAmount) -> GazetteerError {
        let clientError = error as? HTTPClientError
        if clientError == .readTimeout {
            return .unreadable(file: url, reason: "the server sent nothing for \(seconds(idleTimeout)) s: it stalled; "
                               + "try again later, or wait longer with --idle-timeout")
        }
        if clientError == .deadlineExceeded {
            return .unreadable(file: url, reason: "the download took longer than \(seconds(timeout)) s")
        }
        return .unreadable(file: url, reason: "download failed: \(error)")
    }

    static func megabytes(_ bytes: Int64) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    static func seconds(_ amount: TimeAmount) -> String {
        let value = Double(amount.nanoseconds) / 1e9
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}
