import Foundation
import IncidentMapCore

/// Reads news articles for extraction: a text file (one article), a folder of `.txt` files,
/// or JSON Lines of `{"text", "published", "source", "url"}`, one article per line.
///
/// ```swift
/// let reader = try ArticleReader(path: "articles.jsonl", defaults: ArticleDefaults(published: date))
/// while let (line, article) = try reader.next() { … }
/// ```
public final class ArticleReader {
    public let path: String
    private var pending: [(line: Int, article: Article)] = []
    private let jsonLines: JSONLinesReader?
    private let defaults: ArticleDefaults

    /// What an article takes from the command line where its own record says nothing.
    public struct ArticleDefaults: Sendable {
        public var published: IncidentDate?
        public var source: String?
        public var url: String?
        public init(published: IncidentDate? = nil, source: String? = nil, url: String? = nil) {
            self.published = published
            self.source = source
            self.url = url
        }
    }

    /// The incident columns every incident row has; an article has none of them.
    static let incidentColumns = ["event_date", "event_type", "latitude", "longitude"]

    /// True when `path` holds articles rather than incident rows: a `.txt` file, a folder, or
    /// JSON Lines whose first object has a `text` member and no incident column.
    ///
    /// A file's kind is told by its columns, not guessed leniently: a first object with both
    /// `text` and incident columns (`event_date`, `event_type`, `latitude`, `longitude`) throws
    /// ``ImportError/badRow(path:line:reason:)``, as each reader also refuses a row of the other
    /// kind further down.
    ///
    /// ```swift
    /// if try ArticleReader.holdsArticles("feed.jsonl") { … } else { … }
    /// ```
    public static func holdsArticles(_ path: String) throws(ImportError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { return true }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "txt" || ext == "text" { return true }
        guard ["jsonl", "ndjson", "json"].contains(ext), let source = try? ByteSource(path: path) else { return false }
        // The whole first line (an article's can be long), through the reader that reads it later.
        let lines = JSONLinesReader(source: source, path: path)
        // A first line that is not one whole object (an API answer printed over many lines, or
        // broken JSON) is the incident readers' to explain.
        guard let first = try? lines.next() else { return false }
        let columns = incidentColumns.filter { first.fields[$0] != nil }
        guard first.fields["text"] != nil else { return false }
        guard columns.isEmpty else {
            throw .badRow(path: path, line: first.line, reason: mixedRow(columns))
        }
        return true
    }

    /// Why a row with both an article's `text` and incident `columns` is refused.
    static func mixedRow(_ columns: [String]) -> String {
        "the row has an article's \"text\" and incident columns (\(columns.joined(separator: ", "))): a file holds "
            + "incidents or articles, not both; put them in separate files"
    }

    public init(path: String, defaults: ArticleDefaults) throws(ImportError) {
        self.path = path
        self.defaults = defaults
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "no such file or folder")
        }
        if isDirectory.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.lowercased().hasSuffix(".txt") }.sorted()
            guard !names.isEmpty else { throw .unreadableFile(path: path, reason: "the folder holds no .txt articles") }
            pending = try names.map { name throws(ImportError) in
                (1, try Self.textArticle(path + "/" + name, defaults: defaults))
            }
            jsonLines = nil
        } else if ["txt", "text"].contains((path as NSString).pathExtension.lowercased()) {
            pending = [(1, try Self.textArticle(path, defaults: defaults))]
            jsonLines = nil
        } else {
            jsonLines = JSONLinesReader(source: try ByteSource(path: path), path: path)
        }
    }

    /// The next article and the line it starts on; `nil` at the end.
    public func next() throws(ImportError) -> (line: Int, article: Article)? {
        if !pending.isEmpty { return pending.removeFirst() }
        guard let jsonLines, let record = try jsonLines.next() else { return nil }
        let columns = Self.incidentColumns.filter { record.fields[$0] != nil }
        guard columns.isEmpty else { throw .badRow(path: path, line: record.line, reason: Self.mixedRow(columns)) }
        guard let text = record.fields["text"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .badRow(path: path, line: record.line, reason: "missing text: each line needs {\"text\": …, \"published\": \"YYYY-MM-DD\"}")
        }
        var published = defaults.published
        if let value = record.fields["published"], !value.isEmpty {
            do {
                published = try IncidentDate(parsingDateTime: value)
            } catch {
                throw .badRow(path: path, line: record.line, reason: "published: \(error)")
            }
        }
        return (record.line, Article(text: text, published: published,
                                     source: record.fields["source"] ?? defaults.source,
                                     url: (record.fields["url"]?.isEmpty == false ? record.fields["url"] : nil) ?? defaults.url,
                                     language: record.fields["language"]))
    }

    static func textArticle(_ path: String, defaults: ArticleDefaults) throws(ImportError) -> Article {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "cannot read it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "not UTF-8 text: save the article as UTF-8")
        }
        return Article(text: text, published: defaults.published,
                       source: defaults.source ?? (path as NSString).lastPathComponent, url: defaults.url)
    }
}
