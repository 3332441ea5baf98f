import ArgumentParser
import Foundation
import IncidentMapKit
import IncidentStorage

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise the store, or count its incidents by week, month, district, place, type or actor.",
        discussion: """
            Without --by: the count, date range, bounding box and counts by event type.
            With --by: incidents and fatalities per group, counted by the store in SQL; time \
            groups in time order, then the largest groups first. A week runs Monday to Sunday \
            and is named by its Monday. An incident between two actors counts under each.
            Examples:
              incidentmap stats --by week,type --since 2019-04-01 --format csv > weekly.csv
              incidentmap stats --by admin1 --type Battles
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: ArgumentHelp(
        "Count by these, comma-separated: " + StatisticsDimension.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        valueName: "dimension,…"),
        transform: StatsCommand.dimensions)
    var by: [StatisticsDimension] = []

    @Option(help: ArgumentHelp("How to write the counts: table, csv or json (with --by).", valueName: "format"))
    var format: StatisticsTable.Format = .table

    static func dimensions(_ text: String) throws -> [StatisticsDimension] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var dimensions: [StatisticsDimension] = []
        for name in names {
            guard let dimension = StatisticsDimension(rawValue: name) else {
                throw ValidationError("'\(name)' is not something to count by: use "
                                      + StatisticsDimension.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !dimensions.contains(dimension) else { throw ValidationError("--by names \(name) twice") }
            dimensions.append(dimension)
        }
        guard !dimensions.isEmpty else { throw ValidationError("--by needs at least one of " + StatisticsDimension.allCases.map(\.rawValue).joined(separator: ", ")) }
        return dimensions
    }

    func validate() throws {
        guard by.isEmpty else { return }
        if filters.since != nil || filters.until != nil || !filters.types.isEmpty || filters.bbox != nil {
            throw ValidationError("--since, --until, --type and --bbox filter the counts of --by: add --by (e.g. --by week)")
        }
        if format != .table { throw ValidationError("--format \(format.rawValue) writes the counts of --by: add --by (e.g. --by week)") }
    }

    func run() throws {
        let filter = try filters.filter()
        let incidentStore = try store.open(.mustExist)
        guard by.isEmpty else {
            let text: String
            do {
                text = try CountIncidents(store: incidentStore).run(by: by, matching: filter).text(as: format)
            } catch {
                throw CommandFailure(error)
            }
            // The table ends in a newline, which printOutput adds.
            printOutput(String(text.dropLast()))
            return
        }
        try printSummary(of: incidentStore)
    }

    func printSummary(of incidentStore: any StoreBackend) throws {
        let statistics: StoreStatistics
        do {
            statistics = try StoreSummary(store: incidentStore).run()
        } catch {
            throw CommandFailure(error)
        }
        printOutput("store:      \(store.location)")
        printOutput("incidents:  \(statistics.count)")
        guard let first = statistics.firstDate, let last = statistics.lastDate, let box = statistics.boundingBox else {
            return
        }
        printOutput("dates:      \(first) to \(last)")
        printOutput("bbox:       \(box) (minLon,minLat,maxLon,maxLat)")
        printOutput("by event type:")
        let width = statistics.countsByEventType.map(\.eventType.count).max() ?? 0
        for (eventType, count) in statistics.countsByEventType {
            printOutput("  " + eventType.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(count)")
        }
    }
}

extension StatisticsTable.Format: ExpressibleByArgument {}
