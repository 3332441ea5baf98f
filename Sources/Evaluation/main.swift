// Scores extraction against a golden set: precision, recall and F1 for place, type and date.
// Usage: incidentmap-eval [GOLDEN-FOLDER]   (default: Tests/ExtractionTests/Golden)
//        incidentmap-eval --gazetteer [CASES.json]   the gazetteer's size by kind and source, and
//        how many places of real articles it finds (default: ../shared/realnews/cases.json)
import Extraction
import ExtractionEvaluation
import Foundation
import Gazetteer
import IncidentMapCore

if CommandLine.arguments.dropFirst().first == "--gazetteer" {
    let casesPath = CommandLine.arguments.dropFirst(2).first ?? "../shared/realnews/cases.json"
    do {
        print(try GazetteerEvaluation.report(casesPath: casesPath))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("incidentmap-eval: \(error)\n".utf8))
        exit(1)
    }
}

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
