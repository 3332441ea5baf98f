import Foundation
import IncidentMapCore

/// Reads incidents from a file of ACLED-style rows: JSON Lines (`.jsonl`, `.ndjson`) or CSV
/// with a header row (`.csv`), streaming, so a file of any size is read in constant memory.
///
/// ```swift
/// let reader = try IncidentFileReader(path: "acled-libya.csv")
/// while let incident = try reader.next() { … }
/// ```
public final class IncidentFileReader {
    /// The input formats understood.
    public enum Format: String, Sendable, CaseIterable {
        case jsonLines = "jsonl"
        case csv
    }

    public let path: String
    public let format: Format
    /// The size of the file in bytes (for progress).
    public let fileSize: Int64
    private let source: ByteSource
    private let jsonLines: JSONLinesReader?
    private let csv: CSVRecordReader?
    private var header: [String] = []
    /// For each CSV column, its slot in ``IncidentRecord/slots``, or `nil` for a column not stored.
    private var headerSlots: [Int?] = []

    /// Opens `path`, taking the format from its extension, or from its first character where
    /// the extension says nothing (`{` for JSON Lines).
    public init(path: String, format: Format? = nil) throws(ImportError) {
        self.path = path
        let source = try ByteSource(path: path)
        self.source = source
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        fileSize = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let chosen: Format
        if let format { chosen = format } else { chosen = try IncidentFileReader.guessFormat(path: path, source: source) }
        self.format = chosen
        switch chosen {
        case .jsonLines:
            jsonLines = JSONLinesReader(source: source, path: path)
            csv = nil
        case .csv:
            jsonLines = nil
            let reader = CSVRecordReader(source: source, path: path)
            csv = reader
            try readHeader(reader)
        }
    }

    /// Bytes read so far.
    public var bytesRead: Int64 { source.offset }

    /// The next incident, or `nil` at the end of the file. A bad row throws
    /// ``ImportError/badRow(path:line:reason:)`` naming its line.
    public func next() throws(ImportError) -> Incident? {
        let line: Int
        let values: [String?]
        if let jsonLines {
            guard let record = try jsonLines.nextValues(slots: IncidentRecord.slots, count: IncidentRecord.slotCount) else { return nil }
            (line, values) = record
        } else if let csv {
            guard let record = try csv.next() else { return nil }
            guard record.fields.count == header.count else {
                throw .badRow(path: path, line: record.line,
                              reason: "\(record.fields.count) fields where the header has \(header.count): check commas and quotes in this row")
            }
            line = record.line
            var row = [String?](repeating: nil, count: IncidentRecord.slotCount)
            // The first of two columns with the same name wins.
            for (slot, field) in zip(headerSlots, record.fields).reversed() {
                if let slot { row[slot] = field }
            }
            values = row
        } else {
            return nil
        }
        do {
            return try IncidentRecord.incident(from: values)
        } catch {
            throw .badRow(path: path, line: line, reason: error.reason)
        }
    }

    private func readHeader(_ reader: CSVRecordReader) throws(ImportError) {
        guard let record = try reader.next() else {
            throw .badRow(path: path, line: 1, reason: "the file is empty: a CSV file needs a header row of ACLED column names")
        }
        header = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        headerSlots = header.map { IncidentRecord.slots[$0] }
        for column in [Incident.Column.latitude, .longitude, .eventDate, .eventType] where !header.contains(column.rawValue) {
            throw .badRow(path: path, line: record.line,
                          reason: "the header has no \(column.rawValue) column: name the columns as ACLED does (event_date, event_type, latitude, longitude …)")
        }
    }

    private static func guessFormat(path: String, source: ByteSource) throws(ImportError) -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson", "json", "geojsonl": return .jsonLines
        case "csv": return .csv
        default:
            source.skipByteOrderMark()
            while let byte = source.peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                _ = source.next()
            }
            guard let first = source.peek() else { return .jsonLines }
            if first == UInt8(ascii: "{") { return .jsonLines }
            throw .unknownFormat(path: path)
        }
    }
}
