import Foundation
import IncidentMapCore
import IncidentStorage

/// The report's HTML, from what ``Report`` read.
struct ReportPage {
    var report: Report
    var incidents: [Incident]
    var map: ReportMap
    var weekly: WeeklyChart
    var places: [StatisticsGroup]
    var districts: [StatisticsGroup]
    var new: [Incident]
    var storedThrough: Date?

    static let topPlaces = 15

    func html() throws(MapPageError) -> String {
        guard let style = MapPage.resource("report.css") else { throw .templateBroken("report.css is not embedded") }
        let basemap = try Basemap.load()
        let escape = MapPage.escapeHTML
        let dates = incidents.map(\.eventDate)
        let period = [report.filter.since ?? dates.min(), report.filter.until ?? dates.max()]
            .map { $0.map(\.description) ?? "…" }.joined(separator: " to ")
        let fatalities = incidents.map(\.fatalities).reduce(0, +)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="incidentmap">
            <meta name="\(Report.storedThroughMeta)" content="\(storedThrough.map(Timestamp.string(from:)) ?? "")">
            <title>\(escape(report.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(report.title))</h1>
            <p class="summary"><b>\(incidents.count)</b> incident\(incidents.count == 1 ? "" : "s"), <b>\(fatalities)</b> reported fatalities, \(escape(period))\(filterNote()).
            Made \(Timestamp.string(from: report.madeAt)) from the incidents stored through \(storedThrough.map(Timestamp.string(from:)) ?? "(none)").</p>
            </header>
            <section id="map"><h2>Where</h2>
            \(map.svg(width: 900, height: 520, basemap: basemap))
            <p class="note">Each circle is a place (incidents within about 1 km); its area grows with the incidents there, its colour is the type most of them have.</p>
            </section>
            <section id="weekly"><h2>Week by week</h2>
            \(weekly.svg(width: 900, height: 200))
            </section>
            <div class="tables">
            \(table(id: "top-places", title: "Top places", columns: ["Place", "District", "Incidents", "Fatalities"],
                    rows: places.prefix(Self.topPlaces).map { [$0.keys[0], $0.keys[1], String($0.incidents), String($0.fatalities)] }))
            \(table(id: "fatalities-by-district", title: "Fatalities by district", columns: ["District (admin1)", "Fatalities", "Incidents"],
                    rows: districts.map { [$0.keys[0], String($0.fatalities), String($0.incidents)] }))
            </div>
            \(newSection())
            <section id="incidents"><h2>The incidents and their evidence</h2>
            \(incidents.count > report.listedIncidents ? "<p class=\"note\">The newest \(report.listedIncidents) of \(incidents.count) are listed.</p>" : "")
            \(incidents.prefix(report.listedIncidents).map(incidentHTML).joined(separator: "\n"))
            </section>
            <footer class="credits">Made by incidentmap. Shoreline: GSHHG 2.3.7 high resolution (LGPL-3+; the outlines here are a modified
            version of it). Borders: Natural Earth (public domain). Districts: geoBoundaries, © OpenStreetMap contributors (ODbL).
            Event types: ACLED's codebook.</footer>
            </body>
            </html>

            """
        html = html.replacingOccurrences(of: "\n\n\n", with: "\n")
        return html
    }

    func filterNote() -> String {
        var notes: [String] = []
        if !report.filter.eventTypes.isEmpty { notes.append(report.filter.eventTypes.map(\.rawValue).sorted().joined(separator: ", ")) }
        if let box = report.filter.boundingBox { notes.append("inside \(box)") }
        return notes.isEmpty ? "" : " (" + MapPage.escapeHTML(notes.joined(separator: "; ")) + ")"
    }

    func table(id: String, title: String, columns: [String], rows: [[String]]) -> String {
        let escape = MapPage.escapeHTML
        var html = "<section id=\"\(id)\"><h2>\(escape(title))</h2><table><thead><tr>"
        html += columns.map { $0 == "Incidents" || $0 == "Fatalities" ? "<th class=\"number\">\(escape($0))</th>" : "<th>\(escape($0))</th>" }.joined()
            + "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + row.enumerated().map { column, value in
                let shown = value.isEmpty ? "(none)" : value
                return column >= 2 || Int(value) != nil ? "<td class=\"number\">\(escape(shown))</td>" : "<td\(Self.direction(shown))>\(escape(shown))</td>"
            }.joined() + "</tr>"
        }
        return html + (rows.isEmpty ? "<tr><td colspan=\"\(columns.count)\">No incidents.</td></tr>" : "") + "</tbody></table></section>"
    }

    func newSection() -> String {
        guard report.previousStoredThrough != nil else {
            return "<section id=\"new\"><h2>New since the last report</h2><p class=\"note\">No earlier report: every incident is new. "
                + "(The last report is the file this one replaces, or the one named by --since-report.)</p></section>"
        }
        let since = report.previousStoredThrough.map(Timestamp.string(from:)) ?? ""
        let rows = new.map { incident in
            [incident.eventDate.description, incident.eventType.rawValue, incident.location ?? "", incident.admin1 ?? "", String(incident.fatalities)]
        }
        return table(id: "new", title: "New since the last report (stored after \(since)): \(new.count)",
                     columns: ["Date", "Type", "Place", "District", "Fatalities"], rows: rows)
    }

    static func direction(_ text: String) -> String {
        text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } ? " dir=\"rtl\" lang=\"ar\"" : ""
    }

    func incidentHTML(_ incident: Incident) -> String {
        let escape = MapPage.escapeHTML
        var html = "<article class=\"incident\" data-id=\"\(escape(incident.eventID))\"><h3><span class=\"swatch\" style=\"background:"
            + "\(WeeklyChart.colours[incident.eventType] ?? "#555")\"></span>\(escape(incident.eventDate.description)) · "
            + escape(incident.eventType.rawValue) + (incident.subEventType.map { " — " + escape($0) } ?? "") + " · "
            + escape(incident.location ?? "unnamed place")
            + (incident.locationArabic.map { " · <span lang=\"ar\" dir=\"rtl\">\(escape($0))</span>" } ?? "")
            + (incident.admin1.map { ", " + escape($0) } ?? "") + "</h3>"
        let actors = [incident.actor1, incident.actor2].compactMap { $0 }.filter { !$0.isEmpty }
        if !actors.isEmpty { html += "<p class=\"who\">" + actors.map { "<span\(Self.direction($0))>\(escape($0))</span>" }.joined(separator: " vs ") + "</p>" }
        if incident.fatalities > 0 { html += "<p>Fatalities: \(incident.fatalities)</p>" }
        for span in incident.evidence {
            html += "<blockquote\(Self.direction(span.text))>\(escape(span.text))</blockquote>"
            if let source = span.source { html += "<p class=\"meta\">— \(escape(source))</p>" }
        }
        if incident.evidence.isEmpty, let notes = incident.notes { html += "<blockquote\(Self.direction(notes))>\(escape(notes))</blockquote>" }
        let urls = (incident.sourceURL ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.lowercased().hasPrefix("http://") || $0.lowercased().hasPrefix("https://") }
        if incident.source != nil || !urls.isEmpty {
            html += "<p class=\"source\">Source: <span\(Self.direction(incident.source ?? ""))>\(escape(incident.source ?? ""))</span>"
                + urls.map { " <a href=\"\(escape($0))\">\(escape($0))</a>" }.joined() + "</p>"
        }
        return html + "</article>"
    }
}
