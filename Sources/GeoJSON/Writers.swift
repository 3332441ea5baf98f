import IncidentMapCore

/// A JSON document of one value per incident, written one at a time between an opening and a
/// closing: what ``GeoJSONWriter`` and ``JSONArrayWriter`` share.
public class JSONDocumentWriter: IncidentWriter {
    /// How each incident is written.
    enum Value {
        /// An RFC 7946 Feature.
        case feature
        /// An object keyed by ACLED column name.
        case object
    }

    private let sink: ByteSink
    private let opening: StaticString
    private let closing: StaticString
    private let value: Value
    private var extraColumns: [String] = []
    private var count = 0

    init(sink: ByteSink, opening: StaticString, closing: StaticString, value: Value) {
        self.sink = sink
        self.opening = opening
        self.closing = closing
        self.value = value
    }

    public func begin(extraColumns: [String]) throws(SinkError) {
        self.extraColumns = extraColumns
        try sink.write(opening)
    }

    public func write(columns incident: some IncidentColumns, extra: [Double]) throws(SinkError) {
        let separator = count > 0
        count += 1
        let columns = extraColumns
        let value = value
        try sink.append { buffer in
            if separator { buffer.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
            switch value {
            case .feature: PropertyEncoding.appendFeature(incident, extraColumns: columns, extra: extra, to: &buffer)
            case .object: PropertyEncoding.appendObject(incident, extraColumns: columns, extra: extra, to: &buffer)
            }
        }
    }

    public func finish() throws(SinkError) {
        try sink.write(closing)
        try sink.finish()
    }
}

/// An RFC 7946 FeatureCollection, written one feature at a time: each incident a Point feature
/// whose properties are every ``Incident/Column`` (`null` where empty), the kept ACLED columns
/// as strings and `other_columns` as a JSON object, as `export --format json` writes them.
public final class GeoJSONWriter: JSONDocumentWriter {
    public init(sink: ByteSink) {
        super.init(sink: sink, opening: "{\"type\":\"FeatureCollection\",\"features\":[\n", closing: "\n]}\n", value: .feature)
    }
}

/// GeoJSON text sequence: one Feature per line.
public final class GeoJSONSeqWriter: IncidentWriter {
    private let sink: ByteSink
    private var extraColumns: [String] = []

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(extraColumns: [String]) throws(SinkError) { self.extraColumns = extraColumns }

    public func write(columns incident: some IncidentColumns, extra: [Double]) throws(SinkError) {
        let columns = extraColumns
        try sink.append { buffer in
            PropertyEncoding.appendFeature(incident, extraColumns: columns, extra: extra, to: &buffer)
            buffer.append(0x0A)
        }
    }

    public func finish() throws(SinkError) { try sink.finish() }
}

/// A JSON array of objects keyed by ACLED column name.
public final class JSONArrayWriter: JSONDocumentWriter {
    public init(sink: ByteSink) {
        super.init(sink: sink, opening: "[\n", closing: "\n]\n", value: .object)
    }
}

/// CSV with a header row of ACLED column names: ACLED's current 31-column layout in its order,
/// then incidentmap's own (``Incident/Column``), every value as it is stored (the columns kept
/// as the input gave them, ``KeptColumns``, as their text); `evidence` and `other_columns` are
/// written as their JSON text. An ACLED file exports back with the values it had, and the
/// export ingests again as it is.
///
/// Written by hand rather than with CSV.swift's `CSVWriter`, which hands an `OutputStream`
/// one byte per call (a system call per byte on a file): far too slow for a million rows.
/// RFC 4180 quoting is a few lines.
public final class CSVIncidentWriter: IncidentWriter {
    private let sink: ByteSink
    private var extraColumns: [String] = []

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(extraColumns: [String]) throws(SinkError) {
        self.extraColumns = extraColumns
        let header = Incident.Column.allCases.map(\.rawValue) + extraColumns
        try sink.write(header.joined(separator: ",") + "\n")
    }

    public func write(columns incident: some IncidentColumns, extra: [Double]) throws(SinkError) {
        try sink.append { buffer in
            for index in 0..<Incident.Column.storages.count {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                switch Incident.Column.storages[index] {
                case .text, .json:
                    if let text = incident.text(index) { CSVIncidentWriter.appendField(text, to: &buffer) }
                case .integer: buffer.append(contentsOf: String(incident.integer(index)).utf8)
                case .number: buffer.append(contentsOf: incident.number(index).description.utf8)
                }
            }
            for value in extra {
                buffer.append(UInt8(ascii: ","))
                buffer.append(contentsOf: value.description.utf8)
            }
            buffer.append(0x0A)
        }
    }

    public func finish() throws(SinkError) { try sink.finish() }

    static func appendField(_ text: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        let needsQuotes = text.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            buffer.append(contentsOf: text)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in text {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}

/// The compact JSON the map page reads: `{"columns":[…ACLED names…],"rows":[[…],…]}`, each
/// row an array of values in column order, so that the names are not repeated 100,000 times.
/// It leaves out the columns kept as the input gave them (``KeptColumns``: `year`, `iso`,
/// `tags`, `other_columns` …), which the page does not show: 17 nulls a row would add a
/// tenth to a page of 100,000 incidents.
///
/// Every `<` is written as `\u003c` (the same JSON value), so the document can sit inside an
/// HTML `<script>` element without a `</script>` in some text ending it early.
public final class MapRowsWriter: IncidentWriter {
    private let sink: ByteSink
    private let finishesSink: Bool
    private var count = 0

    /// With `finishesSink` false, ``finish()`` ends the document but leaves the sink open for
    /// what follows it (the map page goes on after its data).
    public init(sink: ByteSink, finishesSink: Bool = true) {
        self.sink = sink
        self.finishesSink = finishesSink
    }

    /// The columns written, in ``Incident/Column`` order, and their indexes.
    static let columns = Incident.Column.allCases.filter { $0.keptIndex == nil }
    static let columnIndexes = columns.map(\.index)

    public func begin(extraColumns: [String]) throws(SinkError) {
        var header: [UInt8] = []
        JSONText.appendLiteral("{\"columns\":[", to: &header)
        for (index, name) in (Self.columns.map(\.rawValue) + extraColumns).enumerated() {
            if index > 0 { header.append(UInt8(ascii: ",")) }
            JSONText.appendString(name, to: &header)
        }
        JSONText.appendLiteral("],\"rows\":[\n", to: &header)
        try sink.append { $0.append(contentsOf: header) }
    }

    public func write(columns incident: some IncidentColumns, extra: [Double]) throws(SinkError) {
        let separator = count > 0
        count += 1
        try sink.append { buffer in
            if separator { buffer.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
            let rowStart = buffer.count
            buffer.append(UInt8(ascii: "["))
            for (position, index) in Self.columnIndexes.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                PropertyEncoding.appendValue(incident, index, to: &buffer)
            }
            for value in extra {
                buffer.append(UInt8(ascii: ","))
                JSONText.appendNumber(value, to: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
            MapRowsWriter.escapeAngleBrackets(in: &buffer, from: rowStart)
        }
    }

    public func finish() throws(SinkError) {
        try sink.write("\n]}" as StaticString)
        if finishesSink { try sink.finish() }
    }

    /// Rewrites each `<` after `start` as `\u003c`. In JSON text a `<` can only stand inside a
    /// string, where the escape means the same character.
    static func escapeAngleBrackets(in buffer: inout [UInt8], from start: Int) {
        guard buffer[start...].contains(UInt8(ascii: "<")) else { return }
        let tail = buffer[start...]
        var escaped: [UInt8] = []
        escaped.reserveCapacity(tail.count + 16)
        for byte in tail {
            if byte == UInt8(ascii: "<") {
                escaped.append(contentsOf: Array("\\u003c".utf8))
            } else {
                escaped.append(byte)
            }
        }
        buffer.replaceSubrange(start..., with: escaped)
    }
}
