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

    /// True when `path` holds articles rather than incident rows: a `.txt` file, a folder, or
    /// JSON Lines whose first object has a `text` field.
    public static func holdsArticles(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { return true }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "txt" || ext == "text" { return true }
        guard ["jsonl", "ndjson", "json"].contains(ext), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? nil
        guard let head, let firstLine = String(decoding: head, as: UTF8.self).split(separator: "\n").first(where: {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }) else { return false }
        guard let object = try? JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any] else { return false }
        return object["text"] != nil
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
        guard let text = record.fields["text"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .badRow(path: path, line: record.line, reason: "missing text: each line needs {\"text\": …, \"published\": \"YYYY-MM-DD\"}")
        }
        var published = defaults.published
        if let value = record.fields["published"], !value.isEmpty {
            do {
                published = try IncidentDate(parsing: String(value.prefix(10)))
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
