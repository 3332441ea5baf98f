import ArgumentParser
import IncidentStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise the store: count, date range, bounding box, counts by event type.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let incidentStore = try store.open(.mustExist)
        let statistics: StoreStatistics
        do {
            statistics = try incidentStore.statistics()
        } catch {
            throw CommandFailure(error)
        }
        print("store:      \(store.path)")
        print("incidents:  \(statistics.count)")
        guard let first = statistics.firstDate, let last = statistics.lastDate, let box = statistics.boundingBox else {
            return
        }
        print("dates:      \(first) to \(last)")
        print("bbox:       \(box) (minLon,minLat,maxLon,maxLat)")
        print("by event type:")
        let width = statistics.countsByEventType.map(\.eventType.count).max() ?? 0
        for (eventType, count) in statistics.countsByEventType {
            print("  " + eventType.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(count)")
        }
    }
}
