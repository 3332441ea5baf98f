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
/// On SwiftNIO's HTTP client rather than Foundation's `URLSession`: on Linux `URLSession` is
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
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                configuration: .init(timeout: .init(connect: connectTimeout, read: idleTimeout)))
        let outcome: Result<URL, GazetteerError>
        RemoveOnSignal.shared.remember(destination.path)
        do {
            let response = try await client.execute(HTTPClientRequest(url: name), timeout: timeout)
            guard (200..<300).contains(response.status.code) else {
                throw GazetteerError.unreadable(file: name, reason: "the server answered HTTP \(response.status.code)")
            }
            if let declared = response.headers.first(name: "content-length").flatMap({ Int64($0) }), declared > maximumSize {
                throw tooLarge(name, declared: declared, maximumSize: maximumSize)
            }
            guard FileManager.default.createFile(atPath: destination.path, contents: nil),
                  let output = FileHandle(forWritingAtPath: destination.path) else {
                throw GazetteerError.unreadable(file: name, reason: "cannot write \(destination.path)")
            }
            defer { try? output.close() }
            var written: Int64 = 0
            for try await chunk in response.body {
                written += Int64(chunk.readableBytes)
                guard written <= maximumSize else { throw tooLarge(name, declared: nil, maximumSize: maximumSize) }
                try output.write(contentsOf: Data(chunk.readableBytesView))
            }
            outcome = .success(destination)
        } catch {
            try? FileManager.default.removeItem(at: destination)
            RemoveOnSignal.shared.forget(destination.path)
            outcome = .failure(error as? GazetteerError ?? explain(error, url: name, idleTimeout: idleTimeout, timeout: timeout))
        }
        try? await client.shutdown()
        return try outcome.get()
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
