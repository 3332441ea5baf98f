import Foundation
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentMapKit

/// `statistics(by:matching:)`, part of every backend's contract, asked through ``StoreBackend``
/// of each backend (real SpatiaLite files): hand-checked groups, and every combination of
/// dimensions against a slow reference that groups in Swift; and the table `stats --by` writes.
@Suite struct GroupedStatisticsTests {
    typealias Backend = StoreBackendContractTests.Backend

    static func incident(_ id: String, _ date: String, _ type: EventType, admin1: String?, location: String?,
                         actors: (String?, String?) = (nil, nil), fatalities: Int = 0) -> Incident {
        Incident(eventID: id, eventDate: try! IncidentDate(parsing: date), eventType: type, actor1: actors.0, actor2: actors.1,
                 admin1: admin1, location: location, coordinate: try! Coordinate(latitude: 32.89, longitude: 13.19),
                 fatalities: fatalities)
    }

    /// Sunday 2019-04-07 ends the week of Monday 2019-04-01; Monday 2019-04-08 starts the next.
    static let handChecked: [Incident] = [
        incident("A", "2019-04-01", .battles, admin1: "Tripoli", location: "Ain Zara", actors: ("GNA", "LNA"), fatalities: 3),
        incident("B", "2019-04-07", .battles, admin1: "Tripoli", location: "Ain Zara", actors: ("LNA", "GNA"), fatalities: 2),
        incident("C", "2019-04-08", .explosionsRemoteViolence, admin1: "Tripoli", location: "Mitiga", actors: ("LNA", nil)),
        incident("D", "2019-03-31", .protests, admin1: nil, location: nil, actors: ("Protesters", "Protesters"), fatalities: 0),
        incident("E", "2019-05-01", .battles, admin1: "Benghazi", location: "Benghazi", fatalities: 7),
    ]

    static func store(_ backend: Backend, _ folder: TemporaryFolder, _ incidents: [Incident]) throws -> any StoreBackend {
        let store = try backend.emptyStore(in: folder)
        _ = try store.ingest { batch in for incident in incidents { try batch.add(incident) } }
        return store
    }

    @Test(arguments: Backend.allCases)
    func weeksRunMondayToSundayAndAreNamedByTheirMonday(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(backend, folder, Self.handChecked)
        #expect(try store.statistics(by: [.week], matching: IncidentFilter()) == [
            StatisticsGroup(keys: ["2019-03-25"], incidents: 1, fatalities: 0),
            StatisticsGroup(keys: ["2019-04-01"], incidents: 2, fatalities: 5),
            StatisticsGroup(keys: ["2019-04-08"], incidents: 1, fatalities: 0),
            StatisticsGroup(keys: ["2019-04-29"], incidents: 1, fatalities: 7),
        ])
        #expect(try store.statistics(by: [.month], matching: IncidentFilter()).map(\.keys) == [["2019-03"], ["2019-04"], ["2019-05"]])
    }

    @Test(arguments: Backend.allCases)
    func combinesDimensionsAndTakesTheExportFilters(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(backend, folder, Self.handChecked)
        let april = IncidentFilter(since: try IncidentDate(parsing: "2019-04-01"), until: try IncidentDate(parsing: "2019-04-30"))
        #expect(try store.statistics(by: [.week, .type], matching: april) == [
            StatisticsGroup(keys: ["2019-04-01", "Battles"], incidents: 2, fatalities: 5),
            StatisticsGroup(keys: ["2019-04-08", "Explosions/Remote violence"], incidents: 1, fatalities: 0),
        ])
        // Not a time: the largest group first; an incident with no district is counted under "".
        #expect(try store.statistics(by: [.admin1], matching: IncidentFilter()) == [
            StatisticsGroup(keys: ["Tripoli"], incidents: 3, fatalities: 5),
            StatisticsGroup(keys: [""], incidents: 1, fatalities: 0),
            StatisticsGroup(keys: ["Benghazi"], incidents: 1, fatalities: 7),
        ])
        #expect(try store.statistics(by: [.type], matching: IncidentFilter(eventTypes: [.battles])).map(\.incidents) == [3])
        let tripoliBox = IncidentFilter(boundingBox: try BoundingBox(parsing: "13,32,14,33"))
        #expect(try store.statistics(by: [.location], matching: tripoliBox).map(\.incidents).reduce(0, +) == 5)
    }

    @Test(arguments: Backend.allCases)
    func anIncidentCountsOnceUnderEachOfItsActors(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(backend, folder, Self.handChecked)
        #expect(try store.statistics(by: [.actor], matching: IncidentFilter()) == [
            StatisticsGroup(keys: ["LNA"], incidents: 3, fatalities: 5),
            StatisticsGroup(keys: ["GNA"], incidents: 2, fatalities: 5),
            StatisticsGroup(keys: [""], incidents: 1, fatalities: 7),
            // Named on both sides, counted once.
            StatisticsGroup(keys: ["Protesters"], incidents: 1, fatalities: 0),
        ])
    }

    /// Groups in Swift: weeks from the Julian day number (Monday is 0 modulo 7), not SQL.
    static func reference(_ incidents: [Incident], by dimensions: [StatisticsDimension], filter: IncidentFilter) -> Set<StatisticsGroup> {
        var groups: [[String]: (Int, Int)] = [:]
        for incident in incidents {
            if let since = filter.since, incident.eventDate < since { continue }
            if let until = filter.until, until < incident.eventDate { continue }
            if !filter.eventTypes.isEmpty && !filter.eventTypes.contains(incident.eventType) { continue }
            let actors = Set([incident.actor1, incident.actor2].compactMap { $0 }.filter { !$0.isEmpty })
            for actor in dimensions.contains(.actor) ? (actors.isEmpty ? [""] : Array(actors)) : [""] {
                let keys = dimensions.map { dimension -> String in
                    switch dimension {
                    case .week: return incident.eventDate.adding(days: -(incident.eventDate.isoWeekday - 1)).description
                    case .month: return String(incident.eventDate.description.prefix(7))
                    case .admin1: return incident.admin1 ?? ""
                    case .location: return incident.location ?? ""
                    case .type: return incident.eventType.rawValue
                    case .actor: return actor
                    }
                }
                let sum = groups[keys, default: (0, 0)]
                groups[keys] = (sum.0 + 1, sum.1 + incident.fatalities)
            }
        }
        return Set(groups.map { StatisticsGroup(keys: $0.key, incidents: $0.value.0, fatalities: $0.value.1) })
    }

    @Test(arguments: Backend.allCases)
    func everyCombinationAgreesWithGroupingInSwift(backend: Backend) throws {
        var generator = SeededGenerator(state: 17)
        let actors = ["GNA", "LNA", "Protesters", "Civilians", ""]
        let places = [("Tripoli", "Ain Zara"), ("Tripoli", "Mitiga"), ("Misratah", "Misrata"), ("Benghazi", "Benina")]
        let start = try IncidentDate(parsing: "2018-12-20")
        let incidents = (0..<300).map { index -> Incident in
            let place = places.randomElement(using: &generator)!
            return Self.incident("R\(index)", start.adding(days: Int.random(in: 0..<500, using: &generator)).description,
                                 EventType.allCases.randomElement(using: &generator)!,
                                 admin1: Bool.random(using: &generator) ? place.0 : nil, location: place.1,
                                 actors: (actors.randomElement(using: &generator), actors.randomElement(using: &generator)),
                                 fatalities: Int.random(in: 0..<4, using: &generator))
        }
        let folder = try TemporaryFolder()
        let store = try Self.store(backend, folder, incidents)
        let filters = [IncidentFilter(),
                       IncidentFilter(since: try IncidentDate(parsing: "2019-03-01"), until: try IncidentDate(parsing: "2019-06-30"),
                                      eventTypes: [.battles, .protests])]
        for filter in filters {
            for first in StatisticsDimension.allCases {
                for second in [nil] + StatisticsDimension.allCases where second != first {
                    let dimensions = [first] + (second.map { [$0] } ?? [])
                    let groups = try store.statistics(by: dimensions, matching: filter)
                    #expect(Set(groups) == Self.reference(incidents, by: dimensions, filter: filter), "\(dimensions)")
                    #expect(groups.count == Set(groups.map(\.keys)).count, "each group once")
                    if first.isTime {
                        #expect(groups.map { $0.keys[0] } == groups.map { $0.keys[0] }.sorted(), "\(dimensions) in time order")
                    }
                }
            }
        }
    }

    @Test func writesTableCSVAndJSON() throws {
        let table = StatisticsTable(dimensions: [.location, .type], groups: [
            StatisticsGroup(keys: ["Souq al-Juma, Tripoli", "Battles"], incidents: 12, fatalities: 3),
            StatisticsGroup(keys: ["", "Protests"], incidents: 1, fatalities: 0),
        ])
        #expect(table.text(as: .csv) == """
            location,type,incidents,fatalities
            "Souq al-Juma, Tripoli",Battles,12,3
            ,Protests,1,0

            """)
        #expect(table.text(as: .table) == """
            location               type      incidents  fatalities
            Souq al-Juma, Tripoli  Battles          12           3
            (none)                 Protests          1           0

            """)
        let json = try JSONSerialization.jsonObject(with: Data(table.text(as: .json).utf8)) as? [[String: Any]]
        #expect(json?.first?["location"] as? String == "Souq al-Juma, Tripoli")
        #expect(json?.first?["incidents"] as? Int == 12)
        #expect(json?.last?["location"] as? String == "")
    }

    @Test(arguments: Backend.allCases)
    func remembersWhenTheLastIncidentWasStored(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.emptyStore(in: folder)
        #expect(try store.lastStoredAt() == nil)
        _ = try store.ingest { batch in try batch.add(Self.handChecked[0]) }
        let first = try #require(try store.lastStoredAt())
        #expect(try store.count(matching: IncidentFilter(storedAfter: first)) == 0)
        #expect(try store.count(matching: IncidentFilter(storedAfter: first.addingTimeInterval(-1))) == 1)
    }
}
