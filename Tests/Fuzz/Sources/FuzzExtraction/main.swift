import Extraction
import Foundation
import FuzzDriver
import IncidentMapCore

/// The extractor is built once (its gazetteer and lexicons take a while to load).
let extractor = try! IncidentExtractor()
let published = try! IncidentDate(parsing: "2019-04-20")

/// One input as an article's text: extraction ends, and every evidence span is a true stretch
/// of the text (its offsets inside it, its text the characters at them).
func fuzzExtraction(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    for incident in extractor.extract(Article(text: text, published: published, source: "fuzz"), includingNotHappened: true) {
        for span in incident.evidence {
            guard 0 <= span.start, span.start < span.end, span.end <= scalars.count,
                  String(String.UnicodeScalarView(scalars[span.start..<span.end])) == span.text else {
                fatalError("evidence \(span.start)..<\(span.end) is not a stretch of a \(scalars.count)-character text")
            }
        }
    }
    return 0
}

exit(runFuzzer { start, count in fuzzExtraction(start ?? UnsafePointer(bitPattern: 1)!, count) })
