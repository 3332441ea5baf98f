import Foundation
import FuzzDriver
import IncidentImport

/// One input through the incident file reader, as each format in turn (the reader takes a
/// path: the bytes go to a file in /dev/shm under the format's name). A refusal must be an
/// `ImportError` naming the file; anything else (a trap, a hang, another error) is a finding.
func fuzzIncidentFile(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    for name in ["input.csv", "input.jsonl", "input.json", "input.export.CSV"] {
        let path = folder + "/fuzz-\(getpid())-" + name
        FileManager.default.createFile(atPath: path, contents: data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let reader = try IncidentFileReader(path: path)
            while try reader.next() != nil {}
        } catch {
            guard error.description.hasPrefix(path) else { fatalError("an error that does not name the file: \(error)") }
        }
    }
    return 0
}

exit(runFuzzer { start, count in fuzzIncidentFile(start ?? UnsafePointer(bitPattern: 1)!, count) })
