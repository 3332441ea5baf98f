import Foundation
import IncidentMapCore
import IncidentStorage

/// A `WHERE` clause with its `$n` parameters, built a condition at a time.
struct SQLCondition {
    private(set) var conditions: [String] = []
    private(set) var parameters: [String?] = []

    /// The next parameter's placeholder, after those added so far.
    mutating func parameter(_ value: String?) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    mutating func add(_ condition: String) { conditions.append(condition) }

    /// `WHERE …` (empty when there is no condition).
    var sql: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// The SQL of an ``IncidentFilter``: the GiST index narrows a box, the stored doubles decide
    /// (as on SpatiaLite, so that both stores take the same rows at a box's edge).
    init(_ filter: IncidentFilter) {
        if let since = filter.since { add("event_date >= \(parameter(since.description))") }
        if let until = filter.until { add("event_date <= \(parameter(until.description))") }
        if let storedAfter = filter.storedAfter { add("ingested_at > \(parameter(Timestamp.string(from: storedAfter)))") }
        if !filter.eventTypes.isEmpty {
            add("event_type = ANY(\(parameter(PostgresArray.text(filter.eventTypes.map(\.rawValue).sorted()))))")
        }
        if let box = filter.boundingBox {
            let parts = box.unwrapped.map { box in
                let west = parameter(String(box.minLongitude)), south = parameter(String(box.minLatitude))
                let east = parameter(String(box.maxLongitude)), north = parameter(String(box.maxLatitude))
                return "(geom && ST_MakeEnvelope(\(west), \(south), \(east), \(north), 4326)"
                    + " AND longitude BETWEEN \(west)::float8 AND \(east)::float8"
                    + " AND latitude BETWEEN \(south)::float8 AND \(north)::float8)"
            }
            add("(" + parts.joined(separator: " OR ") + ")")
        }
    }
}

extension PostGISStore {
    /// How many rows a server-side cursor hands over at a time: memory stays flat whatever the
    /// store's size.
    static let cursorPage = 2_000

    public func count(matching filter: IncidentFilter = IncidentFilter()) throws -> Int {
        let condition = SQLCondition(filter)
        return try withConnection { connection in
            try connection.execute("SELECT count(*) FROM incidents \(condition.sql)", condition.parameters).integer(0, 0)
        }
    }

    public func forEachIncident(matching filter: IncidentFilter = IncidentFilter(), _ body: (Incident) throws -> Void) throws {
        try forEachRow(matching: filter) { row in try body(try Incident(storedColumns: row)) }
    }

    /// Streams the rows through a server-side cursor in one read-only transaction, a page at a
    /// time: the export of millions of rows holds one page in memory.
    public func forEachRow(matching filter: IncidentFilter = IncidentFilter(),
                           _ body: (any IncidentColumns) throws -> Void) throws {
        let condition = SQLCondition(filter)
        try transaction(readOnly: true) { connection in
            try connection.execute("""
                DECLARE incident_rows NO SCROLL CURSOR FOR
                SELECT \(IncidentColumnsSQL.selectList) FROM incidents \(condition.sql) ORDER BY id
                """, condition.parameters)
            while true {
                let page = try connection.execute("FETCH \(Self.cursorPage) FROM incident_rows")
                for row in 0..<page.rowCount { try body(ResultRow(result: page, row: row)) }
                if page.rowCount < Self.cursorPage { break }
            }
        }
    }

    public func forEachRow(matching filter: IncidentFilter = IncidentFilter(), after cursor: Int64, limit: Int,
                           _ body: (any IncidentColumns) throws -> Void) throws -> Int64? {
        var condition = SQLCondition(filter)
        condition.add("id > \(condition.parameter(String(cursor)))::bigint")
        let sql = "SELECT \(IncidentColumnsSQL.selectList), id FROM incidents \(condition.sql) ORDER BY id LIMIT "
            + condition.parameter(String(limit))
        let page = try withConnection { connection in try connection.execute(sql, condition.parameters) }
        for row in 0..<page.rowCount { try body(ResultRow(result: page, row: row)) }
        guard page.rowCount == limit, page.rowCount > 0 else { return nil }
        return Int64(page.integer(page.rowCount - 1, IncidentColumnsSQL.names.count))
    }

    public func incident(withID eventID: String) throws -> Incident? {
        let result = try withConnection { connection in
            try connection.execute("SELECT \(IncidentColumnsSQL.selectList) FROM incidents WHERE event_id_cnty = $1", [eventID])
        }
        return try result.rowCount == 0 ? nil : Incident(storedColumns: ResultRow(result: result, row: 0))
    }
}

extension Incident {
    /// The incident a stored row (selected in ``Incident/Column`` order) holds.
    init(storedColumns row: any IncidentColumns) throws {
        func text(_ column: Incident.Column) -> String? {
            row.text(column.index).map { String(decoding: $0, as: UTF8.self) }
        }
        let eventTypeName = text(.eventType) ?? ""
        guard let eventType = EventType(acledName: eventTypeName) else {
            throw PostGISStoreError.database(location: "", reason: "unknown event_type '\(eventTypeName)' in the store", sqlState: nil)
        }
        self.init(
            eventID: text(.eventID) ?? "", eventDate: try IncidentDate(parsing: text(.eventDate) ?? ""),
            timePrecision: TimePrecision(rawValue: row.integer(Column.timePrecision.index)) ?? .day,
            eventType: eventType, subEventType: text(.subEventType), actor1: text(.actor1), actor2: text(.actor2),
            admin1: text(.admin1), location: text(.location),
            coordinate: try Coordinate(latitude: row.number(Column.latitude.index), longitude: row.number(Column.longitude.index)),
            geoPrecision: GeoPrecision(rawValue: row.integer(Column.geoPrecision.index)) ?? .place,
            fatalities: row.integer(Column.fatalities.index), source: text(.source), notes: text(.notes),
            locationArabic: text(.locationArabic), placeID: text(.placeID), sourceURL: text(.sourceURL),
            evidence: text(.evidence).map(EvidenceJSON.decode) ?? [],
            ingestedAt: text(.ingestedAt).flatMap(Timestamp.date(from:)), originalEventType: text(.originalEventType),
            keptColumns: KeptColumns(row: row))
    }
}
