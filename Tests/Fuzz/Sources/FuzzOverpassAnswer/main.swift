import Foundation
import FuzzDriver
import Gazetteer

/// One input as an Overpass [out:json] answer: read, or refused naming the file.
func fuzzOverpassAnswer(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    do {
        _ = try OverpassPlaces.read(Data(bytes: start, count: count), file: "places.json")
    } catch {
        guard error.description.hasPrefix("places.json:") else { fatalError("an error that does not name the file: \(error)") }
    }
    return 0
}

exit(runFuzzer { start, count in fuzzOverpassAnswer(start ?? UnsafePointer(bitPattern: 1)!, count) })
