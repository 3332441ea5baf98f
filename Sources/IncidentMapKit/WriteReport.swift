import Foundation
import GeoJSON
import IncidentStorage
import MapPage

/// `report`: one self-contained HTML page of the incidents matching a filter, for a desk editor,
/// with the incidents new since the last report. The last report is the one `sinceReport`
/// names, or else the report the new one replaces at its path.
///
/// ```swift
/// let written = try WriteReport(store: store).run(WriteReport.Request(filter: filter, path: "april.html"))
/// print("\(written.summary.incidents) incidents, \(written.summary.new) new")
/// ```
public struct WriteReport: Sendable {
    /// What to write.
    public struct Request: Sendable {
        /// Which incidents the report covers.
        public var filter: IncidentFilter
        /// The HTML file written (it appears only once complete).
        public var path: String
        /// The page's title.
        public var title: String
        /// The previous report, whose stored-through time says what is new; `nil`: the report
        /// at ``path``, where there is one.
        public var sinceReport: String?
        /// How many incidents the evidence section lists, the newest first.
        public var listedIncidents: Int

        public init(filter: IncidentFilter, path: String, title: String = "incidentmap: report",
                    sinceReport: String? = nil, listedIncidents: Int = 1000) {
            self.filter = filter
            self.path = path
            self.title = title
            self.sinceReport = sinceReport
            self.listedIncidents = listedIncidents
        }
    }

    /// What was written.
    public struct Written: Sendable {
        /// The incidents the report counts, lists and shows as new.
        public var summary: Report.Summary
        /// Whether there was an earlier report to tell the new incidents by.
        public var hadEarlierReport: Bool
    }

    /// The store reported on.
    public let store: any StoreBackend

    /// Reports on `store`.
    public init(store: any StoreBackend) { self.store = store }

    /// Writes the report. A `sinceReport` that is missing or is no report throws before anything
    /// is written; a file at ``Request/path`` that is no report is replaced, with nothing "new".
    public func run(_ request: Request) throws -> Written {
        let previous: Date?
        if let sinceReport = request.sinceReport {
            previous = try Report.storedThrough(ofReportAt: sinceReport)
        } else {
            previous = FileManager.default.fileExists(atPath: request.path) ? try? Report.storedThrough(ofReportAt: request.path) : nil
        }
        let report = Report(title: request.title, filter: request.filter, previousStoredThrough: previous,
                            listedIncidents: request.listedIncidents)
        let summary = try report.write(from: store, to: try ByteSink(path: request.path))
        return Written(summary: summary, hadEarlierReport: previous != nil)
    }
}
