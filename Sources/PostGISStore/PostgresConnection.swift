import CLibPQ
import Foundation
import IncidentMapCore

/// One libpq connection to the server, used by one thread at a time (the store's pool hands it
/// out under a lock).
///
/// libpq rather than postgres-nio: the store protocol is synchronous (the CLI's commands and
/// SpatiaLite's store are), and postgres-nio answers with futures and async calls that a
/// synchronous caller would have to block on (forbidden on an event loop's thread, and a
/// deadlock risk on the two threads of a 2-core machine's cooperative pool). libpq also reads
/// the PG* environment variables, ~/.pgpass and pg_service.conf itself, which the issue asks
/// for and postgres-nio leaves to its user, and it streams `COPY … FROM STDIN` with plain calls.
final class PostgresConnection {
    private let handle: OpaquePointer
    /// The store's location, for messages.
    let location: String
    /// The statements prepared on this connection (``executePrepared(_:sql:doubles:)``), by name.
    private var prepared: Set<String> = []

    /// Connects to `url` (a libpq connection URI or `key=value` string).
    init(url: String, location: String) throws(PostGISStoreError) {
        self.location = location
        guard let handle = PQconnectdb(url) else {
            throw .connectionFailed(location: location, reason: "libpq could not allocate a connection")
        }
        self.handle = handle
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = Self.message(PQerrorMessage(handle))
            PQfinish(handle)
            throw .connectionFailed(location: location, reason: reason)
        }
        // Messages below WARNING (NOTICEs of `IF NOT EXISTS`) are the store's business, not the user's.
        _ = try? execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Whether the connection is still good (a server restart breaks it).
    var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// Runs `sql` with text `parameters` (`$1`, `$2` …; `nil` is NULL) and returns its rows.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws(PostGISStoreError) -> QueryResult {
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(handle, sql)
        } else {
            result = Self.withCStrings(parameters) { pointers in
                PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
            }
        }
        return try checked(result, sql: sql)
    }

    /// Runs the statement `sql`, prepared once per connection under `name`, with `doubles` as
    /// its `float8` parameters, and returns its rows in binary: no statement parsed or planned,
    /// no value formatted or parsed as text per call (what a radius query's few milliseconds
    /// went on). ``QueryResult`` reads binary and text columns alike.
    func executePrepared(_ name: String, sql: String, doubles: [Double]) throws(PostGISStoreError) -> QueryResult {
        if !prepared.contains(name) {
            let types = [Oid](repeating: Self.float8Type, count: doubles.count)
            _ = try checked(PQprepare(handle, name, sql, Int32(doubles.count), types), sql: sql)
            prepared.insert(name)
        }
        // float8 in binary is the IEEE double in network byte order.
        var values = doubles.map { $0.bitPattern.bigEndian }
        let result = values.withUnsafeMutableBytes { raw -> OpaquePointer? in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            let size = MemoryLayout<UInt64>.size
            let pointers: [UnsafePointer<CChar>?] = (0..<doubles.count).map { UnsafePointer(base + $0 * size) }
            let lengths = [Int32](repeating: Int32(size), count: doubles.count)
            let formats = [Int32](repeating: 1, count: doubles.count)
            return PQexecPrepared(handle, name, Int32(doubles.count), pointers, lengths, formats, 1)
        }
        return try checked(result, sql: sql)
    }

    /// PostgreSQL's type id of `float8` (`pg_type.oid`, fixed in every server).
    private static let float8Type: Oid = 701

    /// Wraps a result, throwing the server's message when it is an error.
    private func checked(_ result: OpaquePointer?, sql: String) throws(PostGISStoreError) -> QueryResult {
        guard let result else {
            throw .database(location: location, reason: Self.message(PQerrorMessage(handle)), sqlState: nil)
        }
        let wrapped = QueryResult(result)
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_COPY_IN:
            return wrapped
        default:
            throw .database(location: location, reason: Self.message(PQresultErrorMessage(result)),
                            sqlState: PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) })
        }
    }

    // MARK: COPY … FROM STDIN

    /// Starts `COPY … FROM STDIN` (text format); send rows with ``sendCopyData(_:)`` and end with
    /// ``endCopy()``.
    func beginCopy(_ sql: String) throws(PostGISStoreError) {
        let result = try checked(PQexec(handle, sql), sql: sql)
        guard result.status == PGRES_COPY_IN else {
            throw .database(location: location, reason: "the server did not start COPY for: \(sql)", sqlState: nil)
        }
    }

    /// Sends a chunk of COPY text (whole lines).
    func sendCopyData(_ bytes: [UInt8]) throws(PostGISStoreError) {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { PQputCopyData(handle, $0, Int32(buffer.count)) }
        }
        guard sent == 1 else {
            throw .database(location: location, reason: Self.message(PQerrorMessage(handle)), sqlState: nil)
        }
    }

    /// Ends a COPY and returns how many rows it stored; a row the server refused throws here.
    func endCopy() throws(PostGISStoreError) {
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw .database(location: location, reason: Self.message(PQerrorMessage(handle)), sqlState: nil)
        }
        var failure: PostGISStoreError?
        while let result = PQgetResult(handle) {
            do { _ = try checked(result, sql: "COPY") } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    // MARK: Helpers

    static func message(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "unknown error" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func withCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = strings.map { $0.map { strdup($0)! } }
        defer { for copy in copies { free(copy) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

/// A libpq result, cleared when released. Its values are valid while it lives.
final class QueryResult {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }

    var status: ExecStatusType { PQresultStatus(pointer) }
    var rowCount: Int { Int(PQntuples(pointer)) }
    /// The rows a command changed (`INSERT`, `UPDATE`, `DELETE`), from its command tag.
    var affectedRows: Int { Int(String(cString: PQcmdTuples(pointer))) ?? 0 }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(pointer, Int32(row), Int32(column)) == 1 }

    func string(_ row: Int, _ column: Int) -> String? {
        isNull(row, column) ? nil : String(cString: PQgetvalue(pointer, Int32(row), Int32(column)))
    }

    func bytes(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard !isNull(row, column), let value = PQgetvalue(pointer, Int32(row), Int32(column)) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self),
                                   count: Int(PQgetlength(pointer, Int32(row), Int32(column))))
    }

    /// Whether `column` came in binary (``PostgresConnection/executePrepared(_:sql:doubles:)``)
    /// rather than as text.
    func isBinary(_ column: Int) -> Bool { PQfformat(pointer, Int32(column)) == 1 }

    func integer(_ row: Int, _ column: Int) -> Int {
        guard let bytes = bytes(row, column) else { return 0 }
        if isBinary(column) {
            // int2, int4 or int8: signed, in network byte order.
            var value = Int(Int8(bitPattern: bytes.first ?? 0))
            for byte in bytes.dropFirst() { value = value << 8 | Int(byte) }
            return value
        }
        var value = 0
        var negative = false
        for byte in bytes {
            if byte == UInt8(ascii: "-") { negative = true } else { value = value * 10 + Int(byte &- 48) }
        }
        return negative ? -value : value
    }

    func double(_ row: Int, _ column: Int) -> Double {
        guard let bytes = bytes(row, column) else { return 0 }
        if isBinary(column) {
            // float8 (or float4): IEEE, in network byte order.
            var bits: UInt64 = 0
            for byte in bytes { bits = bits << 8 | UInt64(byte) }
            return bytes.count == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
        }
        // The server writes the shortest text that reads back to the same double (PostgreSQL
        // 12 and later): parsing it gives the stored value exactly.
        return Double(String(decoding: bytes, as: UTF8.self)) ?? .nan
    }
}

/// One row of a result as ``IncidentColumns``: the values straight from libpq's buffers.
struct ResultRow: IncidentColumns {
    let result: QueryResult
    let row: Int

    func text(_ column: Int) -> UnsafeBufferPointer<UInt8>? { result.bytes(row, column) }
    func integer(_ column: Int) -> Int { result.integer(row, column) }
    func number(_ column: Int) -> Double { result.double(row, column) }
}

