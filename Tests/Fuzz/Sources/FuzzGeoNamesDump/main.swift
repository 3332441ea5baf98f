import Foundation
import FuzzDriver
import Gazetteer

/// One input as a GeoNames dump: read, or refused as `LY.txt:LINE` / `LY.txt: reason`.
func fuzzGeoNamesDump(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        _ = try GeoNamesDump.places(fromText: text, file: "LY.txt", districts: [:])
    } catch {
        guard error.description.hasPrefix("LY.txt:") else { fatalError("an error that does not name the file: \(error)") }
    }
    return 0
}

exit(runFuzzer { start, count in fuzzGeoNamesDump(start ?? UnsafePointer(bitPattern: 1)!, count) })
