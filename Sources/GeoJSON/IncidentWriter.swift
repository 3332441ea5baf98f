import IncidentMapCore

/// The formats incidents can be written in.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// An RFC 7946 FeatureCollection.
    case geojson
    /// GeoJSON text sequence: one Feature per line (as GDAL's GeoJSONSeq driver reads it).
    case geojsonseq
    /// CSV with ACLED's column names in a header row (RFC 4180 quoting).
    case csv
    /// A JSON array of objects keyed by ACLED column name.
    case json

    /// Makes the writer for this format over `sink`.
    public func writer(to sink: ByteSink) -> any IncidentWriter {
        switch self {
        case .geojson: return GeoJSONWriter(sink: sink)
        case .geojsonseq: return GeoJSONSeqWriter(sink: sink)
        case .csv: return CSVIncidentWriter(sink: sink)
        case .json: return JSONArrayWriter(sink: sink)
        }
    }
}

/// A streaming incident writer: ``begin(extraColumns:)``, then ``write(_:extra:)`` for each
/// incident, then ``finish()``. Nothing is held in memory beyond one buffer.
///
/// ```swift
/// let writer = OutputFormat.geojson.writer(to: try ByteSink(path: "incidents.geojson"))
/// try writer.begin(extraColumns: [])
/// try store.forEachIncident { try writer.write($0, extra: []) }
/// try writer.finish()
/// ```
public protocol IncidentWriter {
    /// Starts the document. `extraColumns` names numeric columns written after ACLED's
    /// (`distance_m` for radius queries).
    func begin(extraColumns: [String]) throws(SinkError)
    /// Writes one incident; `extra` holds the values of the extra columns, in order.
    func write(_ incident: Incident, extra: [Double]) throws(SinkError)
    /// Ends the document and flushes (and, for a file, moves it into place).
    func finish() throws(SinkError)
}

/// Writes an incident's columns as the members of a JSON object.
enum PropertyEncoding {
    /// Each column's `"name":`, encoded once, in column order.
    static let orderedKeys: [[UInt8]] = Incident.Column.allCases.map { column in
        var key: [UInt8] = []
        JSONText.appendString(column.rawValue, to: &key)
        key.append(UInt8(ascii: ":"))
        return key
    }

    static func appendObject(_ incident: Incident, extraColumns: [String], extra: [Double], to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        var position = 0
        incident.forEachColumn { _, value in
            if position > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: orderedKeys[position])
            position += 1
            appendValue(value, to: &buffer)
        }
        for (name, value) in zip(extraColumns, extra) {
            buffer.append(UInt8(ascii: ","))
            JSONText.appendString(name, to: &buffer)
            buffer.append(UInt8(ascii: ":"))
            JSONText.appendNumber(value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    static func appendValue(_ value: ColumnValue, to buffer: inout [UInt8]) {
        switch value {
        case .text(let text): JSONText.appendString(text, to: &buffer)
        case .integer(let number): JSONText.appendInteger(number, to: &buffer)
        case .number(let number): JSONText.appendNumber(number, to: &buffer)
        case .null: JSONText.appendLiteral("null", to: &buffer)
        case .evidence(let spans):
            buffer.append(UInt8(ascii: "["))
            for (index, span) in spans.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONText.appendLiteral("{\"text\":", to: &buffer)
                JSONText.appendString(span.text, to: &buffer)
                JSONText.appendLiteral(",\"start\":", to: &buffer)
                JSONText.appendInteger(span.start, to: &buffer)
                JSONText.appendLiteral(",\"end\":", to: &buffer)
                JSONText.appendInteger(span.end, to: &buffer)
                if let source = span.source {
                    JSONText.appendLiteral(",\"source\":", to: &buffer)
                    JSONText.appendString(source, to: &buffer)
                }
                if !span.highlights.isEmpty {
                    JSONText.appendLiteral(",\"highlights\":[", to: &buffer)
                    for (index, highlight) in span.highlights.enumerated() {
                        if index > 0 { buffer.append(UInt8(ascii: ",")) }
                        JSONText.appendLiteral("{\"kind\":", to: &buffer)
                        JSONText.appendString(highlight.kind.rawValue, to: &buffer)
                        JSONText.appendLiteral(",\"start\":", to: &buffer)
                        JSONText.appendInteger(highlight.start, to: &buffer)
                        JSONText.appendLiteral(",\"end\":", to: &buffer)
                        JSONText.appendInteger(highlight.end, to: &buffer)
                        buffer.append(UInt8(ascii: "}"))
                    }
                    buffer.append(UInt8(ascii: "]"))
                }
                buffer.append(UInt8(ascii: "}"))
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }

    /// Appends an RFC 7946 Feature: a Point at `[longitude, latitude]`, the event id as the
    /// feature's `id`, every column as a property.
    static func appendFeature(_ incident: Incident, extraColumns: [String], extra: [Double], to buffer: inout [UInt8]) {
        JSONText.appendLiteral("{\"type\":\"Feature\",\"id\":", to: &buffer)
        JSONText.appendString(incident.eventID, to: &buffer)
        JSONText.appendLiteral(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[", to: &buffer)
        JSONText.appendNumber(incident.coordinate.longitude, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        JSONText.appendNumber(incident.coordinate.latitude, to: &buffer)
        JSONText.appendLiteral("]},\"properties\":", to: &buffer)
        appendObject(incident, extraColumns: extraColumns, extra: extra, to: &buffer)
        buffer.append(UInt8(ascii: "}"))
    }
}
