import CSQLite
import GRDB
import IncidentMapCore

/// The store's insert statement, bound and run a row at a time: what an ingest and a copy
/// store their rows through.
///
/// Written for the number of SQLite calls and copies per row, which bound a large ingest
/// (1M rows of ACLED's 31-column layout: SQLite's inserting thread was the longer of the two):
/// - each row's text and its point geometry are copied once into one buffer kept from row to
///   row and bound from there with `SQLITE_STATIC`: SQLite neither measures the text
///   (`strlen`) nor copies it into a `malloc` of its own (`SQLITE_TRANSIENT`), as it did for
///   every field;
/// - SQLite keeps a parameter's binding across `sqlite3_reset`, so a column that stays NULL row
///   after row is bound once, and the batch's `ingested_at` once for the whole batch;
/// - the point is SpatiaLite's geometry blob made here (``appendPoint(longitude:latitude:to:)``),
///   not a `MakePoint` call that SQLite dispatches, and SpatiaLite allocates, for every row.
///
/// The statement is the batch's own (not GRDB's statement cache): its bindings point into
/// `bytes`, so no other code may step it.
final class IncidentInsert {
    /// SpatiaLite's point blob: start, byte order, SRID, MBR (4 doubles), MBR end, class, x, y, end.
    static let pointBlobSize = 60

    private let statement: Statement
    private let handle: OpaquePointer
    private let db: Database
    private let storePath: String
    /// The batch's `ingested_at`, bound once; `nil` binds each row's own (a copy keeps them).
    private let ingestedAt: String?
    /// The current row, kept from row to row so that its buffers are allocated once.
    private var row = BoundRow()
    /// The text and JSON columns bound per row (all but a batch-wide `ingested_at`).
    private let textColumns: [Int]

    private static let columns = Incident.Column.allCases
    private static let sql: String = {
        let placeholders = Array(repeating: "?", count: IncidentRow.columns.count + 1).joined(separator: ", ")
        return "INSERT OR IGNORE INTO incidents (\(IncidentRow.selectList), geom) VALUES (\(placeholders))"
    }()

    /// SQLite's SQLITE_STATIC: the bytes stay where they are until the step is done.
    private static let sqliteStatic: sqlite3_destructor_type? = nil

    init(_ db: Database, storePath: String, ingestedAt: String? = nil) throws {
        self.db = db
        self.storePath = storePath
        self.ingestedAt = ingestedAt
        statement = try db.makeStatement(sql: Self.sql)
        handle = statement.sqliteStatement
        textColumns = Self.columns.indices.filter { index in
            let column = Self.columns[index]
            return (column.storage == .text || column.storage == .json) && !(ingestedAt != nil && column == .ingestedAt)
        }
        if let ingestedAt {
            let position = Int32(Incident.Column.ingestedAt.index + 1)
            _ = ingestedAt.withCString { sqlite3_bind_text(handle, position, $0, -1, IncidentRow.sqliteTransient) }
            row.isNull[Incident.Column.ingestedAt.index] = false
        }
    }

    deinit {
        sqlite3_clear_bindings(handle)
    }

    /// A row being bound: its text then its point blob in `bytes`, where each text or JSON
    /// column lies in it (by column index, `nil` for NULL), and which parameters are bound to
    /// NULL now (a new statement's all are).
    ///
    /// `bytes` is only read by SQLite inside ``step(_:)``'s `sqlite3_step`, during which it is
    /// not changed: the `SQLITE_STATIC` bindings outlive nothing they point at. Between rows a
    /// binding may point at storage that the next row's appends moved, but every text
    /// parameter is bound again (or is NULL) before the next step, and ``deinit`` clears the
    /// bindings before the buffer goes.
    private struct BoundRow {
        var bytes: [UInt8] = []
        var spans = [Range<Int>?](repeating: nil, count: IncidentInsert.columns.count)
        var isNull = [Bool](repeating: true, count: IncidentInsert.columns.count)

        mutating func append(_ text: String) -> Range<Int> {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            return start..<bytes.count
        }

        mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
            let start = bytes.count
            bytes.append(contentsOf: text)
            return start..<bytes.count
        }
    }

    /// Inserts `incident` (`INSERT OR IGNORE`); `false` when its event id is stored already.
    func insert(_ incident: Incident) throws -> Bool {
        try insert(from: IncidentValues(incident: incident))
    }

    /// Inserts a row handed out as ``IncidentColumns`` (a copy from another store), every
    /// column as it has it; `false` when its event id is stored already.
    func insert(_ columns: any IncidentColumns) throws -> Bool {
        try insert(from: CopiedValues(columns: columns))
    }

    /// Where a row's values come from: an ``Incident`` being ingested, or another store's row.
    /// One generic insert serves both (specialised for each), so the binding is written once.
    private protocol RowValues {
        /// Appends column `index`'s text to `row` and says where it lies; `nil` for NULL.
        func appendText(_ index: Int, to row: inout BoundRow) -> Range<Int>?
        func integer(_ index: Int) -> Int
        func number(_ index: Int) -> Double
    }

    private struct IncidentValues: RowValues {
        let incident: Incident
        func appendText(_ index: Int, to row: inout BoundRow) -> Range<Int>? {
            incident.text(IncidentInsert.columns[index]).map { row.append($0) }
        }
        func integer(_ index: Int) -> Int { incident.integer(IncidentInsert.columns[index]) }
        func number(_ index: Int) -> Double { incident.number(IncidentInsert.columns[index]) }
    }

    private struct CopiedValues: RowValues {
        let columns: any IncidentColumns
        func appendText(_ index: Int, to row: inout BoundRow) -> Range<Int>? {
            columns.text(index).map { row.append($0) }
        }
        func integer(_ index: Int) -> Int { columns.integer(index) }
        func number(_ index: Int) -> Double { columns.number(index) }
    }

    private func insert<Values: RowValues>(from values: Values) throws -> Bool {
        // The row is worked on as a local value: a class's stored property pays Swift's
        // dynamic exclusivity check at every access, some hundred a row.
        var row = takeRow()
        defer { self.row = row }
        for index in textColumns {
            row.spans[index] = values.appendText(index, to: &row)
        }
        for (index, column) in Self.columns.enumerated() {
            switch column.storage {
            case .integer: sqlite3_bind_int64(handle, Int32(index + 1), Int64(values.integer(index)))
            case .number: sqlite3_bind_double(handle, Int32(index + 1), values.number(index))
            case .text, .json: break
            }
        }
        Self.appendPoint(longitude: values.number(Incident.Column.longitude.index),
                         latitude: values.number(Incident.Column.latitude.index), to: &row.bytes)
        return try step(&row)
    }

    /// The kept row, emptied, its buffers unshared (the property holds empty arrays meanwhile).
    private func takeRow() -> BoundRow {
        var taken = BoundRow(bytes: [], spans: [], isNull: [])
        swap(&taken, &row)
        taken.bytes.removeAll(keepingCapacity: true)
        return taken
    }

    /// Binds the row's text and point from its bytes and runs the statement.
    private func step(_ row: inout BoundRow) throws -> Bool {
        let bytes = row.bytes // not changed while SQLite reads it
        try bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!
            for index in textColumns {
                let position = Int32(index + 1)
                if let span = row.spans[index] {
                    sqlite3_bind_text(handle, position, (base + span.lowerBound).assumingMemoryBound(to: CChar.self),
                                      Int32(span.count), Self.sqliteStatic)
                    row.isNull[index] = false
                } else if !row.isNull[index] {
                    sqlite3_bind_null(handle, position)
                    row.isNull[index] = true
                }
            }
            // The point blob is the buffer's last bytes; the geometry is the last parameter.
            sqlite3_bind_blob(handle, Int32(Self.columns.count + 1), base + (buffer.count - Self.pointBlobSize),
                              Int32(Self.pointBlobSize), Self.sqliteStatic)
            try statement.runToCompletion(in: db, storePath: storePath)
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    /// Appends SpatiaLite's BLOB-Geometry of a `POINT` in EPSG:4326, byte for byte what
    /// `MakePoint(longitude, latitude, 4326)` returns (`IncidentInsertTests` compares them):
    /// 0x00, 0x01 (little-endian), the SRID, the MBR (min x, min y, max x, max y: the point
    /// twice), 0x7C, the class (1, POINT XY), x, y, 0xFE.
    static func appendPoint(longitude: Double, latitude: Double, to bytes: inout [UInt8]) {
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        bytes.append(0x00)
        bytes.append(0x01)
        append(Int32(4326))
        append(longitude.bitPattern); append(latitude.bitPattern)
        append(longitude.bitPattern); append(latitude.bitPattern)
        bytes.append(0x7C)
        append(Int32(1))
        append(longitude.bitPattern)
        append(latitude.bitPattern)
        bytes.append(0xFE)
    }
}
