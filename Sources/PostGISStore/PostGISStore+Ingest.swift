import Foundation
import IncidentMapCore
import IncidentStorage

/// The `incidents` columns the store writes and reads, in ``Incident/Column`` order (`geom` is
/// made from latitude and longitude and never read back).
enum IncidentColumnsSQL {
    static let names = Incident.Column.allCases.map(\.rawValue)
    static let selectList = names.joined(separator: ", ")
    /// The point a row's coordinates make, in EPSG:4326.
    static let point = "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)"
}

/// The `incidents` columns another report of an incident can change (``MergedFields``), in
/// the order ``QueryResult/mergedFields(_:from:)`` and ``values(_:)`` take them.
enum MergedColumnsSQL {
    static let names = ([Incident.Column.source, .sourceURL, .evidence, .actor1, .actor2, .fatalities] + KeptColumns.columns)
        .map(\.rawValue)
    static let selectList = names.joined(separator: ", ")

    /// `fields` as the text of each column, `nil` for NULL.
    static func values(_ fields: MergedFields) -> [String?] {
        [fields.source, fields.sourceURL, fields.evidence.isEmpty ? nil : EvidenceSpan.json(fields.evidence),
         fields.actor1, fields.actor2, String(fields.fatalities)] + KeptColumns.columns.map { fields.keptColumns[$0] }
    }
}

extension QueryResult {
    /// The ``MergedFields`` of `row`, read from the columns of ``MergedColumnsSQL`` that start at `first`.
    func mergedFields(_ row: Int, from first: Int) -> MergedFields {
        var kept = KeptColumns()
        for (offset, column) in KeptColumns.columns.enumerated() { kept[column] = string(row, first + 6 + offset) }
        return MergedFields(source: string(row, first), sourceURL: string(row, first + 1),
                            evidence: string(row, first + 2).map(EvidenceJSON.decode) ?? [],
                            actor1: string(row, first + 3), actor2: string(row, first + 4),
                            fatalities: integer(row, first + 5), keptColumns: kept)
    }
}

/// Adds incidents inside one of the PostGIS store's ingest transactions; see
/// ``PostGISStore/ingest(expectedRows:_:)``.
///
/// Rows are streamed with `COPY … FROM STDIN` into a temporary table of the transaction, then
/// moved into `incidents` by one `INSERT … SELECT … ON CONFLICT (event_id_cnty) DO NOTHING`:
/// the unique index decides which ids are new, also against other processes ingesting at once
/// (a second writer of the same id waits for the first's commit, then skips it), and the first
/// row of an id in the file wins, as SQLite's `INSERT OR IGNORE` does.
///
/// The rows are numbered (`id`) in file order, which export and the near query's ties follow
/// as on SpatiaLite, but written to the table's pages in space order (PostGIS sorts geometries
/// along a Hilbert curve): a radius query's hits then sit on a few pages instead of one page
/// each (a 10 km circle's 700 hits at 100k rows: 50 pages read instead of 647, see
/// BENCHMARKS.md, "Session 9"). Sorting each move's rows costs no lock, so concurrent writers
/// are unaffected, unlike `CLUSTER`, which would lock the table against readers and writers.
final class PostGISBatch: IngestBatch {
    private let connection: PostgresConnection
    private let ingestedAt: Date
    private(set) var summary = IngestSummary()
    /// COPY text not yet sent.
    private var pending: [UInt8] = []
    /// Rows sent (or pending) since the last move into `incidents`.
    private var staged = 0
    private var isCopying = false
    /// The sequence that numbers `incidents.id` (its qualified name, `nextval`'s parameter).
    private let idSequence: String

    /// COPY text is sent in chunks of about this size.
    private static let chunkBytes = 1 << 20
    /// The staged rows are moved into `incidents` every this many, so that the temporary table
    /// stays small however large the file.
    private static let stagedRowsPerMove = 50_000
    /// `work_mem` of an ingest transaction: a move's 50,000 rows of about 500 bytes sorted in memory.
    private static let moveWorkMemory = "128MB"

    init(connection: PostgresConnection, ingestedAt: Date) throws(PostGISStoreError) {
        self.connection = connection
        self.ingestedAt = ingestedAt
        try connection.execute("""
            CREATE TEMPORARY TABLE incoming ON COMMIT DROP AS
            SELECT 0::bigint AS ordinal, \(IncidentColumnsSQL.selectList) FROM incidents WITH NO DATA
            """)
        // A move sorts its rows three times (first of each id, file order, space order): in
        // memory rather than in temporary files, for this transaction only.
        try connection.execute("SET LOCAL work_mem = '\(Self.moveWorkMemory)'")
        guard let sequence = try connection.execute("SELECT pg_get_serial_sequence('incidents', 'id')").string(0, 0) else {
            throw .database(location: connection.location, reason: "incidents.id has no sequence", sqlState: nil)
        }
        idSequence = sequence
    }

    func add(_ incident: Incident) throws {
        var stamped = incident
        stamped.ingestedAt = ingestedAt
        CopyText.appendRow(ordinal: staged, IncidentColumnValues(stamped), to: &pending)
        staged += 1
        if pending.count >= Self.chunkBytes { try sendPending() }
        if staged >= Self.stagedRowsPerMove { try moveStaged() }
    }

    func addOrMerge(_ incident: Incident) throws -> IngestOutcome {
        // Rows added before in this batch must be in `incidents` to be merged with.
        try moveStaged()
        if let outcome = try merge(incident) { return outcome }
        let addedBefore = summary.added
        try add(incident)
        try moveStaged()
        if summary.added > addedBefore { return .added }
        // Another process stored the id between the look-up and the insert: merge into its row.
        summary.alreadyPresent -= 1
        return try merge(incident) ?? .unchanged
    }

    /// Merges `incident` into the stored incident of its id; `nil` when none is stored.
    private func merge(_ incident: Incident) throws -> IngestOutcome? {
        let stored = try connection.execute("""
            SELECT id, \(MergedColumnsSQL.selectList) FROM incidents WHERE event_id_cnty = $1 FOR UPDATE
            """, [incident.eventID])
        guard stored.rowCount == 1 else { return nil }
        let storedFields = stored.mergedFields(0, from: 1)
        let merged = storedFields.merging(incident)
        guard merged != storedFields else {
            summary.alreadyPresent += 1
            return .unchanged
        }
        let assignments = MergedColumnsSQL.names.enumerated().map { "\($1) = $\($0 + 2)" }.joined(separator: ", ")
        try connection.execute("UPDATE incidents SET \(assignments) WHERE id = $1",
                               [stored.string(0, 0)] + MergedColumnsSQL.values(merged))
        summary.merged += 1
        return .merged
    }

    private func sendPending() throws(PostGISStoreError) {
        guard !pending.isEmpty else { return }
        if !isCopying {
            try connection.beginCopy("COPY incoming (ordinal, \(IncidentColumnsSQL.selectList)) FROM STDIN")
            isCopying = true
        }
        try connection.sendCopyData(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Ends the COPY and moves the staged rows into `incidents`, counting the new ones.
    func moveStaged() throws(PostGISStoreError) {
        guard staged > 0 else { return }
        try sendPending()
        if isCopying {
            isCopying = false
            try connection.endCopy()
        }
        // The first row of each id in the file; ids drawn in file order (PostgreSQL calls a
        // volatile function of the select list after its ORDER BY); the rows written in space
        // order. A row whose id another transaction stored is skipped, its number unused.
        let columns = IncidentColumnsSQL.selectList
        let moved = try connection.executeRetryingDeadlocks("""
            INSERT INTO incidents (id, \(columns), geom)
            SELECT id, \(columns), geom FROM (
                SELECT nextval($1::regclass) AS id, \(columns), \(IncidentColumnsSQL.point) AS geom
                FROM (SELECT DISTINCT ON (event_id_cnty) * FROM incoming ORDER BY event_id_cnty, ordinal) AS firsts
                ORDER BY ordinal
            ) AS numbered
            ORDER BY geom
            ON CONFLICT (event_id_cnty) DO NOTHING
            """, [idSequence]).affectedRows
        summary.added += moved
        summary.alreadyPresent += staged - moved
        staged = 0
        try connection.execute("TRUNCATE incoming")
    }
}

extension PostGISStore {
    /// Runs `body` in one transaction: everything it adds is stored together, or, when it
    /// throws, nothing of it is, and the error is rethrown. Readers (and other writers) see the
    /// whole file or none of it.
    ///
    /// ```swift
    /// let summary = try store.ingest { batch in
    ///     for incident in incidents { try batch.add(incident) }
    /// }
    /// ```
    ///
    /// `expectedRows` is not needed here: every load streams through COPY. A load that adds
    /// many rows rebuilds the point index after it commits (``PointIndexUpkeep``).
    public func ingest(expectedRows: Int = 0, _ body: (any IngestBatch) throws -> Void) throws -> IngestSummary {
        try bulkWrite { connection in
            let batch = try PostGISBatch(connection: connection, ingestedAt: Date())
            try body(batch)
            try batch.moveStaged()
            return batch.summary
        }
    }
}

/// PostgreSQL's COPY text format: tab-separated columns, `\N` for NULL, backslash escapes for
/// the backslash, tab, newline and carriage return in text.
enum CopyText {
    static func appendRow(ordinal: Int, _ row: any IncidentColumns, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(ordinal).utf8)
        for (index, storage) in Incident.Column.storages.enumerated() {
            buffer.append(UInt8(ascii: "\t"))
            switch storage {
            case .text, .json:
                guard let text = row.text(index) else {
                    appendNull(to: &buffer)
                    continue
                }
                appendEscaped(text, to: &buffer)
            case .integer:
                buffer.append(contentsOf: String(row.integer(index)).utf8)
            case .number:
                // Swift writes the shortest text that reads back to the same double.
                buffer.append(contentsOf: String(row.number(index)).utf8)
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// A row of `merged_rows`: the stored row's id and its merged fields (``MergedColumnsSQL``).
    static func appendRow(id: String, _ fields: MergedFields, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: id.utf8)
        for value in MergedColumnsSQL.values(fields) {
            buffer.append(UInt8(ascii: "\t"))
            guard var text = value else {
                appendNull(to: &buffer)
                continue
            }
            text.withUTF8 { appendEscaped($0, to: &buffer) }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    static func appendNull(to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "N"))
    }

    static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }
}

/// The evidence column's JSON read back.
enum EvidenceJSON {
    static func decode(_ text: String) -> [EvidenceSpan] {
        (try? JSONDecoder().decode([EvidenceSpan].self, from: Data(text.utf8))) ?? []
    }
}
