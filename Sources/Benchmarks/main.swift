// incidentmap's benchmarks: run by Scripts/bench (release build). Prints a table of what it
// measured on this machine; no test asserts a time.
//
// Usage: incidentmap-bench [--quick] [--corpus-mb N] [--articles DIR]
import Extraction
import Foundation
import Gazetteer
import IncidentMapCore

struct Options {
    var quick = false
    var sizes = [10_000, 100_000, 1_000_000]
    var runs = 3
    var queries = 1000
    var corpusMegabytes = 16.0
    var work = NSTemporaryDirectory() + "incidentmap-bench"
    /// `--generate N PATH`: only write N synthetic incidents as JSON Lines to PATH (for the
    /// web benchmarks, which load them into a store of their own).
    var generate: (count: Int, path: String)?
    /// `--radius-only STORE`: only the radius queries on an existing store, ours alone (for a
    /// profiler).
    var radiusOnly: String?
    /// `--dump-corpus DIR`: only write the text benchmark's distinct articles to DIR, one
    /// `.txt` each (for Scripts/dump-extractions, which checks that extraction's output on them
    /// stays the same when its speed changes).
    var dumpCorpus: String?
    /// `--postgis-radius URL`: only the radius queries on a PostGIS store (Scripts/bench-postgis).
    var postGISRadius: String?
    /// `--articles DIR`: the text benchmark repeats the `.txt` files of DIR (as `--dump-corpus`
    /// writes them) in place of its own articles, whose synthetic one is made from the
    /// gazetteer's names: two builds with different gazetteers then read the same text.
    var articles: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--quick":
                quick = true; sizes = [10_000]; runs = 1; queries = 100; corpusMegabytes = 1
            case "--sizes":
                sizes = (iterator.next() ?? "").split(separator: ",").compactMap { Options.size(String($0)) }
            case "--runs": runs = max(1, Int(iterator.next() ?? "") ?? runs)
            case "--queries": queries = max(1, Int(iterator.next() ?? "") ?? queries)
            case "--corpus-mb": corpusMegabytes = Double(iterator.next() ?? "") ?? corpusMegabytes
            case "--work": work = iterator.next() ?? work
            case "--radius-only": radiusOnly = iterator.next()
            case "--postgis-radius": postGISRadius = iterator.next()
            case "--text-only": sizes = []
            case "--dump-corpus": dumpCorpus = iterator.next()
            case "--articles": articles = iterator.next()
            case "--generate":
                guard let count = Options.size(iterator.next() ?? ""), let path = iterator.next() else {
                    FileHandle.standardError.write(Data("usage: incidentmap-bench --generate N PATH\n".utf8))
                    exit(2)
                }
                generate = (count, path)
            default:
                FileHandle.standardError.write(Data("""
                    usage: incidentmap-bench [--quick] [--sizes 10k,100k,1m | --text-only] [--runs N] [--queries N] [--corpus-mb N] [--articles DIR] [--work DIR]
                           incidentmap-bench --dump-corpus DIR
                           incidentmap-bench --generate 100k incidents.jsonl

                    """.utf8))
                exit(2)
            }
        }
    }
}

extension Options {
    /// `10k`, `1m` or a plain number.
    static func size(_ size: String) -> Int? {
        let text = size.lowercased()
        if text.hasSuffix("m") { return Int(text.dropLast()).map { $0 * 1_000_000 } }
        if text.hasSuffix("k") { return Int(text.dropLast()).map { $0 * 1_000 } }
        return Int(text)
    }
}

/// `articles` repeated until they make `megabytes` of text.
func corpus(megabytes: Double, articles: [String]) -> [String] {
    var result: [String] = []
    var bytes = 0
    let target = Int(megabytes * 1_000_000)
    while bytes < target {
        let article = articles[result.count % articles.count]
        result.append(article)
        bytes += article.utf8.count
    }
    return result
}

/// The articles the corpus repeats: the shared sample article where it is present beside the
/// checkout, and sentences built from the gazetteer's own names.
func distinctArticles(gazetteer: Gazetteer) -> [String] {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let sample = repository.deletingLastPathComponent().appendingPathComponent("shared/samples/tripoli-2019-04-ar.txt")
    var articles: [String] = []
    if let text = try? String(contentsOf: sample, encoding: .utf8) { articles.append(text) }
    let names = gazetteer.places.values.compactMap(\.nameArabic).sorted()
    let fillers = ["اشتباكات عنيفة في", "غارة جوية على", "قصف مدفعي استهدف", "أعلنت القوات سيطرتها على",
                   "قال مصدر عسكري إن الهدوء عاد إلى", "نزوح عائلات من"]
    var index = 0
    var synthetic = ""
    while synthetic.utf8.count < 8_000 {
        synthetic += fillers[index % fillers.count] + " " + names[(index * 7919) % names.count] + " أمس، وفق ما أفادت مصادر محلية. "
        index += 1
    }
    articles.append(synthetic)
    return articles
}

/// The calling thread's CPU time in seconds: what one core spent, whatever else the machine
/// runs (wall time on a shared, loaded host reads several times slower than the code is).
func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// The median rate over `runs`, by wall time and by the thread's CPU time.
func measure(_ label: String, runs: Int, bytes: Int, _ body: () -> Int) -> (String, Double, Double, Int) {
    var seconds: [Double] = [], cpuSeconds: [Double] = []
    var found = 0
    for _ in 0..<runs {
        let start = ContinuousClock.now, cpuStart = threadCPUSeconds()
        found = body()
        let elapsed = ContinuousClock.now - start
        cpuSeconds.append(threadCPUSeconds() - cpuStart)
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    let megabytes = Double(bytes) / 1_000_000
    return (label, megabytes / Timing.median(seconds), megabytes / Timing.median(cpuSeconds), found)
}


let options = Options(CommandLine.arguments)
if let (count, path) = options.generate {
    let unused = path + ".geojsonseq"
    try Synthetic.write(count: count, seed: 20190404, jsonLines: path, geoJSONSeq: unused)
    try? FileManager.default.removeItem(atPath: unused)
    emit("wrote \(count) synthetic incidents to \(path)")
    exit(0)
}
if let url = options.postGISRadius {
    try PostGISBench.radius(url: url, count: options.queries)
    exit(0)
}
if let store = options.radiusOnly {
    let seconds = try StoreBench.radiusQueries(store: store, count: options.queries)
    emit("\(options.queries) radius queries on \(store): \(fmt(seconds * 1000)) ms")
    exit(0)
}
if let folder = options.dumpCorpus {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (index, article) in distinctArticles(gazetteer: try Gazetteer.bundled()).enumerated() {
        try article.write(toFile: folder + "/bench-\(index + 1).txt", atomically: true, encoding: .utf8)
    }
    exit(0)
}
let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let incidentmap = binaries.appendingPathComponent("incidentmap").path
try? FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
emit("incidentmap-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB; median of \(options.runs) run(s); work folder \(options.work)")
emit("")
emit("| size | measure | incidentmap | reference | ours / reference | target |")
emit("| ---: | --- | ---: | ---: | ---: | --- |")
for size in options.sizes {
    try StoreBench(size: size, options: options, incidentmap: incidentmap).run()
}
emit("")
let gazetteer = try Gazetteer.bundled()
let articles: [String]
if let folder = options.articles {
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
    articles = try files.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    guard !articles.isEmpty else {
        FileHandle.standardError.write(Data("incidentmap-bench: no .txt file in \(folder): write one with --dump-corpus \(folder)\n".utf8))
        exit(2)
    }
} else {
    articles = distinctArticles(gazetteer: gazetteer)
}
let texts = corpus(megabytes: options.corpusMegabytes, articles: articles)
let bytes = texts.reduce(0) { $0 + $1.utf8.count }
let runs = options.quick ? 1 : 5
let extractor = try IncidentExtractor(gazetteer: gazetteer)
let published = try IncidentDate(parsing: "2019-04-09")
emit("incidentmap-bench: \(texts.count) article-sized texts, \(String(format: "%.1f", Double(bytes) / 1e6)) MB of mostly Arabic text, median of \(runs) run(s), one core")
emit("| measure | MB/s (wall) | MB/s (CPU) | found |")
emit("| --- | ---: | ---: | ---: |")
for (label, rate, cpuRate, found) in [
    measure("gazetteer matching (mentions)", runs: runs, bytes: bytes) { texts.reduce(0) { $0 + gazetteer.mentions(in: $1).count } },
    measure("gazetteer resolution (mentions + context)", runs: runs, bytes: bytes) { texts.reduce(0) { $0 + gazetteer.resolve($1).resolved.count } },
    measure("extraction (whole pipeline, incidents found)", runs: runs, bytes: bytes) {
        texts.reduce(0) { $0 + extractor.extract(Article(text: $1, published: published)).count }
    },
] {
    emit("| \(label) | \(String(format: "%.2f", rate)) | \(String(format: "%.2f", cpuRate)) | \(found) |")
}
