import IncidentMapCore

/// Incidents per week stacked by event type, as an SVG drawn here: the report's chart, the
/// same chart the map page's timeline draws in the browser.
///
/// Drawn by hand: the chart is a few dozen rectangles, and no charting library in Debian or on
/// PyPI writes SVG from Swift without a browser or a Python interpreter at report time.
///
/// ```swift
/// let chart = WeeklyChart(counts: [(week: monday, type: .battles, incidents: 4)])
/// let svg = chart.svg(width: 720, height: 180)
/// ```
public struct WeeklyChart: Sendable {
    /// Every week from the first to the last, none left out; each with its count per type.
    public private(set) var weeks: [(monday: IncidentDate, counts: [EventType: Int])]

    /// The chart of `counts` (weeks named by their Monday, as `IncidentStore`'s `week`
    /// groups are); weeks with no incident are drawn empty.
    public init(counts: [(week: IncidentDate, type: EventType, incidents: Int)]) {
        var byWeek: [IncidentDate: [EventType: Int]] = [:]
        for count in counts { byWeek[count.week, default: [:]][count.type, default: 0] += count.incidents }
        weeks = []
        guard let first = byWeek.keys.min(), let last = byWeek.keys.max() else { return }
        var monday = first
        while monday <= last {
            weeks.append((monday, byWeek[monday] ?? [:]))
            monday = monday.adding(days: 7)
        }
    }

    /// The colour of each type, the same as the map page's.
    public static let colours: [EventType: String] = [
        .battles: "#d7191c", .explosionsRemoteViolence: "#ff7f00", .violenceAgainstCivilians: "#7b3294",
        .protests: "#2c7bb6", .riots: "#e6ab02", .strategicDevelopments: "#1b9e77",
    ]

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The chart `width` × `height` pixels, with the largest week's count on the axis, month
    /// (or, over several years, year) ticks and a legend of the types present.
    public func svg(width: Int, height: Int) -> String {
        let left = 36.0, top = 10.0, bottom = 36.0
        let plot = Double(height) - top - bottom
        let bar = (Double(width) - left - 6) / Double(max(weeks.count, 1))
        let totals = weeks.map { $0.counts.values.reduce(0, +) }
        let most = max(totals.max() ?? 0, 1)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"weekly-chart\" width=\"\(width)\" height=\"\(height)\" "
                     + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Incidents per week by event type\">"]
        parts.append(text(left - 4, top + 8, "\(most)", anchor: "end"))
        parts.append(text(left - 4, top + plot, "0", anchor: "end"))
        parts.append("<line x1=\"\(left)\" x2=\"\(Double(width) - 6)\" y1=\"\(top + plot + 0.5)\" y2=\"\(top + plot + 0.5)\" stroke=\"#999\"/>")
        for (index, week) in weeks.enumerated() {
            var y = top + plot
            parts.append("<g data-week=\"\(week.monday)\" data-count=\"\(totals[index])\"><title>Week of \(week.monday): \(totals[index])</title>")
            for type in EventType.allCases {
                guard let count = week.counts[type], count > 0 else { continue }
                let barHeight = Double(count) / Double(most) * plot
                y -= barHeight
                parts.append("<rect x=\(format(left + Double(index) * bar + (bar > 4 ? 0.5 : 0))) y=\(format(y)) "
                             + "width=\(format(max(bar - (bar > 4 ? 1 : 0), 0.5))) height=\(format(barHeight)) fill=\"\(Self.colours[type] ?? "#555")\"/>")
            }
            parts.append("</g>")
        }
        parts.append(contentsOf: ticks(left: left, bar: bar, baseline: top + plot))
        parts.append(contentsOf: legend(y: Double(height) - 6, left: left))
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func ticks(left: Double, bar: Double, baseline: Double) -> [String] {
        let byYear = weeks.count > 104
        var parts: [String] = []
        var lastX = -Double.infinity
        for (index, week) in weeks.enumerated() {
            let previous = index > 0 ? weeks[index - 1].monday : nil
            let newYear = previous?.year != week.monday.year
            let newMonth = newYear || previous?.month != week.monday.month
            guard byYear ? newYear : newMonth || weeks.count <= 8 else { continue }
            let x = left + Double(index) * bar
            guard x - lastX >= 44 else { continue }
            lastX = x
            let label = weeks.count <= 8 ? "\(Self.months[week.monday.month - 1]) \(week.monday.day)"
                : byYear ? "\(week.monday.year)" : Self.months[week.monday.month - 1] + (newYear || index == 0 ? " \(week.monday.year)" : "")
            parts.append("<line x1=\(format(x)) x2=\(format(x)) y1=\(format(baseline)) y2=\(format(baseline + 4)) stroke=\"#999\"/>")
            parts.append(text(x + 2, baseline + 14, label, anchor: "start"))
        }
        return parts
    }

    private func legend(y: Double, left: Double) -> [String] {
        let present = EventType.allCases.filter { type in weeks.contains { ($0.counts[type] ?? 0) > 0 } }
        var x = left
        return present.map { type in
            defer { x += Double(type.rawValue.count) * 6.2 + 26 }
            return "<rect x=\(format(x)) y=\(format(y - 9)) width=\"10\" height=\"10\" fill=\"\(Self.colours[type] ?? "#555")\"/>"
                + text(x + 14, y, type.rawValue, anchor: "start")
        }
    }

    private func text(_ x: Double, _ y: Double, _ content: String, anchor: String) -> String {
        "<text x=\(format(x)) y=\(format(y)) font-size=\"10\" fill=\"#444\" text-anchor=\"\(anchor)\">\(MapPage.escapeHTML(content))</text>"
    }
}

/// A coordinate for SVG: one decimal, quoted.
func format(_ value: Double) -> String {
    "\"" + String((value * 10).rounded() / 10) + "\""
}
