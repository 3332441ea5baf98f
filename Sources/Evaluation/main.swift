// Scores extraction against a golden set: precision, recall and F1 for place, type and date.
// Usage: incidentmap-eval [GOLDEN-FOLDER]   (default: Tests/ExtractionTests/Golden)
import Extraction
import Foundation

let folder = CommandLine.arguments.dropFirst().first ?? "Tests/ExtractionTests/Golden"
do {
    let goldenSet = try GoldenSet(folder: folder)
    let report = EvaluationReport(goldenSet: goldenSet, extractor: try IncidentExtractor())
    print(report.table)
    if !report.mistakes.isEmpty {
        print("\nmistakes:")
        report.mistakes.forEach { print("  " + $0) }
    }
} catch {
    FileHandle.standardError.write(Data("incidentmap-eval: \(error)\n".utf8))
    exit(1)
}
