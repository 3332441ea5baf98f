import Foundation
import IncidentMapCore

/// What every incident store offers the application layer: incidents in (one transaction per
/// call, all or nothing), rows out (filtered and streamed, or a page at a time), radius
/// queries, statistics (a summary, and counts grouped by time, place, type or actor), and the few gazetteer primitives a refresh needs. The schema is the
/// backend's own, kept up to date by its migrations when it is opened.
///
/// The SpatiaLite store (`IncidentStore`) implements it; a PostGIS store will too, so that the
/// commands, the server and one suite of tests serve both. The application layer
/// (`IncidentMapKit`) holds an `any StoreBackend` and knows nothing of SQL.
///
/// ```swift
/// let store: any StoreBackend = try IncidentStore(path: "incidents.sqlite")
/// let summary = try store.ingest(expectedRows: 0) { batch in try batch.add(incident) }
/// try store.forEachRow(matching: IncidentFilter(eventTypes: [.battles])) { row in
///     try writer.write(columns: row, extra: [])
/// }
/// ```
public protocol StoreBackend: AnyObject, Sendable {
    /// Where the store is, as the user named it (a file path, or later a server URL): for
    /// messages.
    var location: String { get }

    // MARK: Incidents in

    /// Runs `body` in one transaction: everything it adds is stored together, or, when it
    /// throws, nothing of it is, and the error is rethrown. What earlier calls stored stays.
    /// `expectedRows` says how large the load is likely to be, so that a backend can choose a
    /// bulk path for a large one.
    func ingest(expectedRows: Int, _ body: (any IngestBatch) throws -> Void) throws -> IngestSummary

    /// Stores rows another store handed out (its ``forEachRow(matching:_:)``) as they are, in
    /// one transaction: every column of `Incident.Column.allCases`, `ingested_at` included, so
    /// that an export of both stores is the same. `body` is given the function that stores one
    /// row; a row whose id is stored already changes nothing (it counts as already present).
    /// What `incidentmap copy` writes with; `expectedRows` as for ``ingest(expectedRows:_:)``.
    func storeRows(expectedRows: Int, _ body: (_ store: (any IncidentColumns) throws -> Void) throws -> Void) throws -> IngestSummary

    /// Adds incidents by ingest's merge rule (``IngestBatch/addOrMerge(_:)``: a new id is
    /// added, a stored one gains the new report's sources, URLs, evidence …), in one
    /// transaction. `body` is given the function that merges one incident. What
    /// `incidentmap copy --merge` writes with: a backend whose round trips are dear (a server)
    /// merges the whole load in a few statements; the default is ingest's `addOrMerge`.
    func mergeIncidents(expectedRows: Int, _ body: (_ merge: (Incident) throws -> Void) throws -> Void) throws -> IngestSummary

    /// The store's log of gazetteer refreshes, oldest first (empty before the first).
    func refreshRecords() throws -> [GazetteerRefreshRecord]

    // MARK: Rows out

    /// How many incidents match `filter`.
    func count(matching filter: IncidentFilter) throws -> Int

    /// Calls `body` with each incident matching `filter`, in stored order, one at a time.
    func forEachIncident(matching filter: IncidentFilter, _ body: (Incident) throws -> Void) throws

    /// Calls `body` with each stored row matching `filter`, in stored order, read without
    /// building an `Incident` (what exports stream). Memory stays flat however many rows
    /// there are; a row is valid only inside the call that hands it out.
    func forEachRow(matching filter: IncidentFilter, _ body: (any IncidentColumns) throws -> Void) throws

    /// Calls `body` with at most `limit` rows matching `filter` stored after `cursor` (0 for
    /// the first page), in stored order, and returns the next page's cursor, or `nil` after the
    /// last page. Each page is a short read of its own, so that a server sends a large answer
    /// without holding a read transaction open while writers go on.
    func forEachRow(matching filter: IncidentFilter, after cursor: Int64, limit: Int,
                    _ body: (any IncidentColumns) throws -> Void) throws -> Int64?

    /// The incident stored under `eventID`, if any.
    func incident(withID eventID: String) throws -> Incident?

    // MARK: Radius queries

    /// Every incident whose geodesic distance from `centre` on the WGS84 ellipsoid is at most
    /// `radius`, nearest first (ties in stored order), at most `limit` of them.
    func incidents(near centre: Coordinate, within radius: Length, limit: Int?) throws -> [NearbyIncident]

    /// The rows of ``incidents(near:within:limit:)`` with their distances in metres, nearest
    /// first, read without building an `Incident`; returns how many there were.
    @discardableResult
    func forEachRow(near centre: Coordinate, within radius: Length, limit: Int?,
                    _ body: (any IncidentColumns, Double) throws -> Void) throws -> Int

    // MARK: Statistics

    /// Count, date range, bounding box and counts by event type.
    func statistics() throws -> StoreStatistics

    /// Counts the incidents matching `filter` grouped by `dimensions` (at least one), in the
    /// store: time dimensions in time order, then the largest groups first, then by key. A week
    /// is named by its Monday; an incident between two actors counts under each.
    func statistics(by dimensions: [StatisticsDimension], matching filter: IncidentFilter) throws -> [StatisticsGroup]

    /// When the last incident was stored (its `ingested_at`, to the second), or `nil` for an
    /// empty store: what a report records, so that the next one can list what came after
    /// (``IncidentFilter/storedAfter``).
    func lastStoredAt() throws -> Date?

    // MARK: The gazetteer's places

    /// The places gazetteer refreshes stored (empty before the first).
    func importedPlaces() throws -> [Place]

    /// Runs `body` in one write transaction over the stored places and the incidents on them:
    /// a failure, or a killed process, leaves both as they were.
    func updateGazetteer<Result>(_ body: (any GazetteerTransaction) throws -> Result) throws -> Result

    // MARK: Life

    /// Closes the store's connections; later calls fail. Closing twice does nothing.
    func close() throws

    /// Closes the store and removes it: for a store a command created and then stored nothing
    /// in, so that a failed first ingest leaves no empty store behind.
    func closeAndDelete() throws
}

extension StoreBackend {
    /// ``ingest(expectedRows:_:)`` for a load of unknown size.
    public func ingest(_ body: (any IngestBatch) throws -> Void) throws -> IngestSummary {
        try ingest(expectedRows: 0, body)
    }

    /// ``mergeIncidents(expectedRows:_:)`` one incident at a time, through ingest's ``IngestBatch/addOrMerge(_:)``.
    public func mergeIncidents(expectedRows: Int, _ body: (_ merge: (Incident) throws -> Void) throws -> Void) throws -> IngestSummary {
        try ingest(expectedRows: expectedRows) { batch in
            try body { incident in _ = try batch.addOrMerge(incident) }
        }
    }
}

/// Adds incidents inside one ingest transaction; see ``StoreBackend/ingest(expectedRows:_:)``.
public protocol IngestBatch: AnyObject {
    /// What the batch has done so far.
    var summary: IngestSummary { get }

    /// Adds one incident, unless its id is stored already (then it changes nothing). The
    /// batch's ``summary`` counts it as added or already present once it is stored: a backend
    /// may send rows to its server in bulk, and learn only then which ids were there.
    func add(_ incident: Incident) throws

    /// Adds `incident`, or, when its id is stored already (the same event from another
    /// article), merges it in: its sources, URLs and evidence are added, missing actors and a
    /// larger death toll taken.
    @discardableResult
    func addOrMerge(_ incident: Incident) throws -> IngestOutcome
}

/// The primitives a gazetteer refresh needs, inside one write transaction (see
/// ``StoreBackend/updateGazetteer(_:)``). Building gazetteers and comparing them is the
/// application layer's work; the store only keeps places and moves incidents.
public protocol GazetteerTransaction: AnyObject {
    /// The places stored now, by id.
    func importedPlaces() throws -> [Place]

    /// Replaces every stored place with `places`.
    func replaceImportedPlaces(with places: [Place]) throws

    /// Gives the incidents whose `place_id` is `place.id` the place's coordinate and names (its
    /// Arabic name only where it has one); returns how many incidents changed.
    func updateIncidents(onPlace place: Place) throws -> Int

    /// How many incidents have a `place_id` in `placeIDs`.
    func countIncidents(onPlaces placeIDs: Set<String>) throws -> Int

    /// Keeps a line in the store's log of refreshes.
    func recordRefresh(_ record: GazetteerRefreshRecord) throws
}
