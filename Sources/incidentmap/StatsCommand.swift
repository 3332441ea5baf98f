import ArgumentParser
import Foundation
import IncidentMapKit
import IncidentStorage

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise the store: count, date range, bounding box, counts by event type.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let incidentStore = try store.open(.mustExist)
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
