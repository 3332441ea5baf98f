import Foundation
import FuzzDriver
import IncidentImport
import IncidentMapCore

/// One input through the article reader as JSON Lines: read or refused naming the file.
func fuzzArticleFile(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = folder + "/fuzz-\(getpid())-articles.jsonl"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: start, count: count))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
        let reader = try ArticleReader(path: path, defaults: ArticleReader.ArticleDefaults(published: try IncidentDate(parsing: "2019-04-20")))
        while try reader.next() != nil {}
    } catch {
        guard String(describing: error).hasPrefix(path) else { fatalError("an error that does not name the file: \(error)") }
    }
    return 0
}

exit(runFuzzer { start, count in fuzzArticleFile(start ?? UnsafePointer(bitPattern: 1)!, count) })
