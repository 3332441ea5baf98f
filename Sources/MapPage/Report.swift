import Foundation
import GeoJSON
import IncidentMapCore
import IncidentStorage

/// `incidentmap report`: one self-contained HTML page for a desk editor — the map of the
/// period, the weekly chart by type, the top places, fatalities by district, what is new since
/// the last report, and each incident's evidence with its source. No script, nothing fetched.
///
/// "The last report" is the report this one replaces (or another one named): each report
/// records in a `<meta name="incidentmap-stored-through">` when the last incident it saw was
/// stored, and the next lists the incidents stored after that.
///
/// ```swift
/// let previous = try Report.storedThrough(ofReportAt: "report.html")
/// let report = Report(title: "Tripoli, April 2019", filter: filter, previousStoredThrough: previous)
/// try report.write(from: store, to: try ByteSink(path: "report.html"))
/// ```
public struct Report: Sendable {
    public var title: String
    public var filter: IncidentFilter
    /// When the last incident the previous report saw was stored; `nil` when there is none.
    public var previousStoredThrough: Date?
    /// How many incidents the evidence section lists (the newest); the tables count them all.
    public var listedIncidents: Int
    /// The time written as the report's making (the tests fix it).
    public var madeAt: Date

    public init(title: String, filter: IncidentFilter, previousStoredThrough: Date?, listedIncidents: Int = 1000, madeAt: Date = Date()) {
        self.title = title
        self.filter = filter
        self.previousStoredThrough = previousStoredThrough
        self.listedIncidents = listedIncidents
        self.madeAt = madeAt
    }

    static let storedThroughMeta = "incidentmap-stored-through"

    /// What the report at `path` recorded as stored through: `nil` where it records nothing
    /// (the store was empty). Throws where the file is missing or is no incidentmap report.
    public static func storedThrough(ofReportAt path: String) throws(MapPageError) -> Date? {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .previousReportUnreadable(path: path) }
        defer { try? handle.close() }
        // The marker is in the head: the first 64 KiB hold it.
        let head = String(decoding: (try? handle.read(upToCount: 65_536)) ?? Data(), as: UTF8.self)
        guard let match = head.firstMatch(of: /<meta name="incidentmap-stored-through" content="([^"]*)">/) else {
            throw .notAReport(path: path)
        }
        return Timestamp.date(from: String(match.1))
    }

    /// What the report holds, for the command to say.
    public struct Summary: Sendable {
        /// The incidents the report covers.
        public var incidents: Int
        /// Those stored after the previous report (0 without one).
        public var new: Int
        /// Those listed with their evidence.
        public var listed: Int
    }

    /// Reads the store and writes the page; finishes the sink (which moves a file into place).
    @discardableResult
    public func write(from store: any StoreBackend, to sink: ByteSink) throws -> Summary {
        var incidents: [Incident] = []
        var map = ReportMap()
        try store.forEachIncident(matching: filter) { incident in
            incidents.append(incident)
            map.add(incident)
        }
        incidents.sort { ($0.eventDate, $0.eventID) > ($1.eventDate, $1.eventID) }
        let weekly = try store.statistics(by: [.week, .type], matching: filter).compactMap { group in
            (try? IncidentDate(parsing: group.keys[0])).flatMap { week in EventType(acledName: group.keys[1]).map { (week, $0, group.incidents) } }
        }
        let places = try store.statistics(by: [.location, .admin1], matching: filter)
        let districts = try store.statistics(by: [.admin1], matching: filter).sorted { ($0.fatalities, $0.incidents) > ($1.fatalities, $1.incidents) }
        var new: [Incident] = []
        if let previousStoredThrough {
            var newer = filter
            newer.storedAfter = previousStoredThrough
            try store.forEachIncident(matching: newer) { new.append($0) }
            new.sort { ($0.eventDate, $0.eventID) > ($1.eventDate, $1.eventID) }
        }
        let storedThrough = try store.lastStoredAt()
        let page = ReportPage(report: self, incidents: incidents, map: map, weekly: WeeklyChart(counts: weekly),
                              places: places, districts: districts, new: new, storedThrough: storedThrough)
        try sink.write(try page.html())
        try sink.finish()
        return Summary(incidents: incidents.count, new: new.count, listed: min(incidents.count, listedIncidents))
    }
}
