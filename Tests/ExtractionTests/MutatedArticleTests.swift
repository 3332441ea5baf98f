import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import Extraction

/// A seeded mutation fuzzer over extraction: the golden set's articles (written for the
/// project), damaged byte by byte, stretched with long unpunctuated runs and cut anywhere.
/// Extraction must end on every one of them, and every evidence span and highlight it gives
/// must be a true stretch of the text it was given: offsets inside it, the span's text equal to
/// the characters at its offsets.
@Suite(.timeLimit(.minutes(3))) struct MutatedArticleTests {
    static let goldenArticles = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/articles")

    @Test func everyMutantIsReadAndItsEvidenceIsTrueToTheText() throws {
        let extractor = try IncidentExtractor()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.goldenArticles.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        #expect(names.count >= 20)
        var mutator = Mutator(seed: 0xA271C1E5)
        var withIncidents = 0
        for number in 0..<240 {
            let name = names[number % names.count]
            let original = try [UInt8](Data(contentsOf: Self.goldenArticles.appendingPathComponent(name)))
            // Invalid UTF-8 a mutation made becomes U+FFFD, as any reader of bytes would give it.
            let text = String(decoding: mutator.mutate(original), as: UTF8.self)
            let article = Article(text: text, published: try IncidentDate(parsing: "2019-04-20"), source: "fuzz")
            let scalars = Array(text.unicodeScalars)
            let incidents = extractor.extract(article, includingNotHappened: true)
            if !incidents.isEmpty { withIncidents += 1 }
            for incident in incidents {
                for span in incident.evidence {
                    let label = "\(name), mutant \(number), span \(span.start)..<\(span.end)"
                    guard 0 <= span.start, span.start < span.end, span.end <= scalars.count else {
                        Issue.record("\(label): outside a text of \(scalars.count) characters")
                        continue
                    }
                    #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == span.text, "\(label)")
                    for highlight in span.highlights {
                        #expect(span.start <= highlight.start && highlight.start < highlight.end && highlight.end <= span.end,
                                "\(label): \(highlight.kind) \(highlight.start)..<\(highlight.end)")
                    }
                }
            }
        }
        // Most mutants keep most of an article: a fuzzer that found nothing would test nothing.
        #expect(withIncidents >= 100, "\(withIncidents) of 240 mutants gave incidents")
    }
}
