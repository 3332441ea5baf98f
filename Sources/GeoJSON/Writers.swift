import IncidentMapCore

/// An RFC 7946 FeatureCollection, written one feature at a time.
public final class GeoJSONWriter: IncidentWriter {
    private let sink: ByteSink
    private var extraColumns: [String] = []
    private var count = 0

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(extraColumns: [String]) throws(SinkError) {
        self.extraColumns = extraColumns
        try sink.write("{\"type\":\"FeatureCollection\",\"features\":[\n" as StaticString)
    }

    public func write(_ incident: Incident, extra: [Double]) throws(SinkError) {
        let separator = count > 0
        count += 1
        let columns = extraColumns
        try sink.append { buffer in
            if separator { buffer.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
            PropertyEncoding.appendFeature(incident, extraColumns: columns, extra: extra, to: &buffer)
        }
    }

    public func finish() throws(SinkError) {
        try sink.write("\n]}\n" as StaticString)
        try sink.finish()
    }
}

/// GeoJSON text sequence: one Feature per line.
public final class GeoJSONSeqWriter: IncidentWriter {
    private let sink: ByteSink
    private var extraColumns: [String] = []

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(extraColumns: [String]) throws(SinkError) { self.extraColumns = extraColumns }

    public func write(_ incident: Incident, extra: [Double]) throws(SinkError) {
        let columns = extraColumns
        try sink.append { buffer in
            PropertyEncoding.appendFeature(incident, extraColumns: columns, extra: extra, to: &buffer)
            buffer.append(0x0A)
        }
    }

    public func finish() throws(SinkError) { try sink.finish() }
}

/// A JSON array of objects keyed by ACLED column name.
public final class JSONArrayWriter: IncidentWriter {
    private let sink: ByteSink
    private var extraColumns: [String] = []
    private var count = 0

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(extraColumns: [String]) throws(SinkError) {
        self.extraColumns = extraColumns
        try sink.write("[\n" as StaticString)
    }

    public func write(_ incident: Incident, extra: [Double]) throws(SinkError) {
        let separator = count > 0
        count += 1
        let columns = extraColumns
        try sink.append { buffer in
            if separator { buffer.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
            PropertyEncoding.appendObject(incident, extraColumns: columns, extra: extra, to: &buffer)
        }
    }

    public func finish() throws(SinkError) {
        try sink.write("\n]\n" as StaticString)
        try sink.finish()
    }
}

/// CSV with a header row of ACLED column names; evidence is written as its JSON text.
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

    public func write(_ incident: Incident, extra: [Double]) throws(SinkError) {
        try sink.append { buffer in
            var first = true
            incident.forEachColumn { _, value in
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                switch value {
                case .text(let text): CSVIncidentWriter.appendField(text, to: &buffer)
                case .integer(let number): buffer.append(contentsOf: String(number).utf8)
                case .number(let number): buffer.append(contentsOf: number.description.utf8)
                case .null: break
                case .evidence:
                    var json: [UInt8] = []
                    PropertyEncoding.appendValue(value, to: &json)
                    CSVIncidentWriter.appendField(String(decoding: json, as: UTF8.self), to: &buffer)
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

    static func appendField(_ text: String, to buffer: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
