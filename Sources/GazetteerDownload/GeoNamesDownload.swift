import AsyncHTTPClient
import Foundation
import Gazetteer
import NIOCore

/// Fetches a GeoNames dump (`https://download.geonames.org/export/dump/LY.zip`) to a local
/// file, for ``GeoNamesDump`` to read.
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
    /// Whether `location` names a dump to download (an `http` or `https` URL).
    public static func isRemote(_ location: String) -> Bool {
        guard let scheme = URL(string: location)?.scheme?.lowercased() else { return false }
        return scheme == "http" || scheme == "https"
    }

    /// Downloads `url` into a new file in `folder` (named after the URL's last part, so that a
    /// `.zip` stays a zip) and returns it. A failed download leaves no file behind.
    ///
    /// `connectTimeout` bounds the wait for a server that refuses or does not answer: the
    /// client retries a refused connection until then (async-http-client issue 743), so it is
    /// kept short; `timeout` bounds the whole download.
    public static func download(_ url: URL, into folder: URL = FileManager.default.temporaryDirectory,
                                connectTimeout: TimeAmount = .seconds(15),
                                timeout: TimeAmount = .seconds(600)) async throws(GazetteerError) -> URL {
        let name = url.absoluteString
        let destination = folder.appendingPathComponent("incidentmap-geonames-\(UUID().uuidString)-\(url.lastPathComponent)")
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                configuration: .init(timeout: .init(connect: connectTimeout)))
        let outcome: Result<URL, GazetteerError>
        do {
            let response = try await client.execute(HTTPClientRequest(url: name), timeout: timeout)
            guard (200..<300).contains(response.status.code) else {
                throw GazetteerError.unreadable(file: name, reason: "the server answered HTTP \(response.status.code)")
            }
            guard FileManager.default.createFile(atPath: destination.path, contents: nil),
                  let output = FileHandle(forWritingAtPath: destination.path) else {
                throw GazetteerError.unreadable(file: name, reason: "cannot write \(destination.path)")
            }
            defer { try? output.close() }
            for try await chunk in response.body {
                try output.write(contentsOf: Data(chunk.readableBytesView))
            }
            outcome = .success(destination)
        } catch {
            try? FileManager.default.removeItem(at: destination)
            outcome = .failure(error as? GazetteerError ?? .unreadable(file: name, reason: "download failed: \(error)"))
        }
        try? await client.shutdown()
        return try outcome.get()
    }
}
