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
    /// Writes one incident from its column values (the store's rows, read without building
    /// an `Incident`); `extra` holds the values of the extra columns, in order.
    func write(columns: some IncidentColumns, extra: [Double]) throws(SinkError)
    /// Ends the document and flushes (and, for a file, moves it into place).
    func finish() throws(SinkError)
}

extension IncidentWriter {
    /// Writes one incident; `extra` holds the values of the extra columns, in order.
    public func write(_ incident: Incident, extra: [Double]) throws(SinkError) {
        try write(columns: IncidentColumnValues(incident), extra: extra)
    }
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

    /// `coordinates`, where given, are the latitude and longitude already written as JSON
    /// numbers (a feature's geometry has them): formatting a `Double` is the dearest part of a
    /// row, so each is formatted once.
    static func appendObject(_ columns: some IncidentColumns, extraColumns: [String], extra: [Double],
                             coordinates: (latitude: String, longitude: String)? = nil, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        for index in 0..<Incident.Column.storages.count {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: orderedKeys[index])
            if let coordinates, index == Incident.Column.latitude.index {
                buffer.append(contentsOf: coordinates.latitude.utf8)
            } else if let coordinates, index == Incident.Column.longitude.index {
                buffer.append(contentsOf: coordinates.longitude.utf8)
            } else {
                appendValue(columns, index, to: &buffer)
            }
        }
        for (name, value) in zip(extraColumns, extra) {
            buffer.append(UInt8(ascii: ","))
            JSONText.appendString(name, to: &buffer)
            buffer.append(UInt8(ascii: ":"))
            JSONText.appendNumber(value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// Appends column `index`'s value as JSON: text as a string, evidence as its JSON.
    @inline(__always)
    static func appendValue(_ columns: some IncidentColumns, _ index: Int, to buffer: inout [UInt8]) {
        switch Incident.Column.storages[index] {
        case .text:
            if let text = columns.text(index) { JSONText.appendString(bytes: text, to: &buffer) } else { JSONText.appendLiteral("null", to: &buffer) }
        case .json:
            if let json = columns.text(index) { buffer.append(contentsOf: json) } else { JSONText.appendLiteral("null", to: &buffer) }
        case .integer: JSONText.appendInteger(columns.integer(index), to: &buffer)
        case .number: JSONText.appendNumber(columns.number(index), to: &buffer)
        }
    }

    /// Appends an RFC 7946 Feature: a Point at `[longitude, latitude]`, the event id as the
    /// feature's `id`, every column as a property.
    static func appendFeature(_ columns: some IncidentColumns, extraColumns: [String], extra: [Double], to buffer: inout [UInt8]) {
        JSONText.appendLiteral("{\"type\":\"Feature\",\"id\":", to: &buffer)
        appendValue(columns, Incident.Column.eventID.index, to: &buffer)
        let coordinates = (latitude: JSONText.number(columns.number(Incident.Column.latitude.index)),
                           longitude: JSONText.number(columns.number(Incident.Column.longitude.index)))
        JSONText.appendLiteral(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[", to: &buffer)
        buffer.append(contentsOf: coordinates.longitude.utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: coordinates.latitude.utf8)
        JSONText.appendLiteral("]},\"properties\":", to: &buffer)
        appendObject(columns, extraColumns: extraColumns, extra: extra, coordinates: coordinates, to: &buffer)
        buffer.append(UInt8(ascii: "}"))
    }
}
