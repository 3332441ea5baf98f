import AsyncHTTPClient
import Gazetteer
import NIOCore
import NIOHTTP1
import Synchronization

/// AsyncHTTPClient's `FileDownloadDelegate`, which writes the body to the file, behind a check
/// it does not make: an answer that is not 2xx, or that declares a `Content-Length` over the
/// cap, fails before a byte is written (and before the file exists), and a body that goes on
/// past the cap fails at the part that crosses it, which is not written.
final class CappedFileDownload: HTTPClientResponseDelegate {
    typealias Response = FileDownloadDelegate.Progress

    private let file: FileDownloadDelegate
    private let url: String
    private let maximumSize: Int64
    private let received = Mutex<Int64>(0)

    init(path: String, url: String, maximumSize: Int64) throws {
        file = try FileDownloadDelegate(path: path)
        self.url = url
        self.maximumSize = maximumSize
    }

    func didVisitURL(task: HTTPClient.Task<Response>, _ request: HTTPClient.Request, _ head: HTTPResponseHead) {
        file.didVisitURL(task: task, request, head)
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        guard (200..<300).contains(head.status.code) else {
            return task.eventLoop.makeFailedFuture(GazetteerError.unreadable(file: url, reason: "the server answered HTTP \(head.status.code)"))
        }
        if let declared = head.headers.first(name: "content-length").flatMap({ Int64($0) }), declared > maximumSize {
            return task.eventLoop.makeFailedFuture(GeoNamesDownload.tooLarge(url, declared: declared, maximumSize: maximumSize))
        }
        return file.didReceiveHead(task: task, head)
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let total = received.withLock { total in
            total += Int64(buffer.readableBytes)
            return total
        }
        guard total <= maximumSize else {
            return task.eventLoop.makeFailedFuture(GeoNamesDownload.tooLarge(url, declared: nil, maximumSize: maximumSize))
        }
        return file.didReceiveBodyPart(task: task, buffer)
    }

    func didReceiveError(task: HTTPClient.Task<Response>, _ error: any Error) {
        file.didReceiveError(task: task, error)
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        try file.didFinishRequest(task: task)
    }
}
