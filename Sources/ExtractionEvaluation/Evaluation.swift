import Extraction
import Foundation
import IncidentMapCore

/// A golden set: articles with the incidents an analyst codes from them, read from a folder
/// holding `articles.tsv` (file, published, language), `expected.tsv` (file, place_id,
/// event_type, event_date, fatalities) and the article texts under `articles/`.
public struct GoldenSet: Sendable {
    public struct Entry: Sendable {
        public var file: String
        public var article: Article
        public var expected: [Expected]
    }

    public struct Expected: Hashable, Sendable {
        public var placeID: String
        public var eventType: String
        public var date: String
        public var fatalities: Int
    }

    public var entries: [Entry]

    public init(folder: String) throws(GoldenSetError) {
        func rows(_ name: String) throws(GoldenSetError) -> [[String]] {
            let path = folder + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .unreadable(path: path, reason: "cannot read the file: give the golden set's folder")
            }
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
                .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
        var expected: [String: [Expected]] = [:]
        for row in try rows("expected.tsv") where row.count >= 4 {
            expected[row[0], default: []].append(Expected(placeID: row[1], eventType: row[2], date: row[3],
                                                          fatalities: row.count > 4 ? Int(row[4]) ?? 0 : 0))
        }
        var entries: [Entry] = []
        for row in try rows("articles.tsv") {
            let path = folder + "/articles/" + row[0]
            guard row.count >= 2, let published = try? IncidentDate(parsing: row[1]) else {
                throw .unreadable(path: folder + "/articles.tsv", reason: "\(row[0]): give its publication date as YYYY-MM-DD in the second column")
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .unreadable(path: path, reason: "cannot read the article: articles.tsv names it, so add it or remove its row")
            }
            entries.append(Entry(file: row[0], article: Article(text: text, published: published, source: row[0]),
                                 expected: expected[row[0]] ?? []))
        }
        self.entries = entries
    }
}

/// Why a golden set could not be read, and what to mend.
public enum GoldenSetError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        }
    }
}

/// Precision, recall and F1 of extraction against a golden set, at three levels: the place
/// alone, the place and event type, and the place, type and date.
public struct EvaluationReport: Sendable {
    public struct Score: Sendable {
        public var truePositives = 0, falsePositives = 0, falseNegatives = 0
        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
    }

    public var place = Score(), type = Score(), date = Score()
    public var fatalitiesRight = 0, fatalitiesChecked = 0
    /// Per article, what was missed or wrongly found (at the date level).
    public var mistakes: [String] = []
    public var articles = 0

    public init(goldenSet: GoldenSet, extractor: IncidentExtractor) {
        for entry in goldenSet.entries {
            articles += 1
            let found = extractor.extract(entry.article)
            func compare(_ score: inout Score, _ expected: Set<String>, _ actual: Set<String>) {
                score.truePositives += expected.intersection(actual).count
                score.falsePositives += actual.subtracting(expected).count
                score.falseNegatives += expected.subtracting(actual).count
            }
            compare(&place, Set(entry.expected.map(\.placeID)), Set(found.map(\.place.id)))
            compare(&type, Set(entry.expected.map { "\($0.placeID) \($0.eventType)" }),
                    Set(found.map { "\($0.place.id) \($0.eventType.rawValue)" }))
            let expectedDated = Set(entry.expected.map { "\($0.placeID) \($0.eventType) \($0.date)" })
            let foundDated = Set(found.map { "\($0.place.id) \($0.eventType.rawValue) \($0.date?.date.description ?? "undated")" })
            compare(&date, expectedDated, foundDated)
            for missing in expectedDated.subtracting(foundDated).sorted() { mistakes.append("\(entry.file): missed \(missing)") }
            for extra in foundDated.subtracting(expectedDated).sorted() { mistakes.append("\(entry.file): wrongly found \(extra)") }
            for expected in entry.expected where expected.fatalities > 0 {
                fatalitiesChecked += 1
                if found.contains(where: { $0.place.id == expected.placeID && $0.fatalities == expected.fatalities }) { fatalitiesRight += 1 }
            }
        }
    }

    /// The report as a Markdown table.
    public var table: String {
        var lines = ["| level | precision | recall | F1 | tp | fp | fn |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for (name, score) in [("place", place), ("place + type", type), ("place + type + date", date)] {
            lines.append(String(format: "| %@ | %.3f | %.3f | %.3f | %d | %d | %d |", name, score.precision, score.recall, score.f1,
                                score.truePositives, score.falsePositives, score.falseNegatives))
        }
        lines.append("\(articles) articles; death tolls right in \(fatalitiesRight) of \(fatalitiesChecked) incidents that have one")
        return lines.joined(separator: "\n")
    }
}
