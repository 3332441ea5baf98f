import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// Reads every incident of `contents`, written to a file called `name`.
func readIncidents(_ contents: String, name: String = "input.csv") throws -> [Incident] {
    let folder = try TemporaryFolder()
    let reader = try IncidentFileReader(path: try folder.write(name, contents))
    var incidents: [Incident] = []
    while let incident = try reader.next() { incidents.append(incident) }
    return incidents
}

/// The error reading `contents` ends with, as printed, with the file's path replaced by FILE.
func importFailure(_ contents: String, name: String = "input.csv") throws -> String? {
    let folder = try TemporaryFolder()
    let path = try folder.write(name, contents)
    do {
        let reader = try IncidentFileReader(path: path)
        while try reader.next() != nil {}
        return nil
    } catch {
        return error.description.replacingOccurrences(of: path, with: "FILE")
    }
}

/// ACLED's dates, in each layout its files have used, read day first.
@Suite struct ACLEDDateImportTests {
    static let header = "event_id_cnty,event_date,event_type,latitude,longitude\n"

    @Test(arguments: [
        ("21 March 2020", "2020-03-21"), ("9-May-20", "2020-05-09"), ("01-January-2015", "2015-01-01"),
        ("31-12-19", "2019-12-31"), ("18/04/2001", "2001-04-18"), ("2020-03-21", "2020-03-21"),
        ("05/04/2019", "2019-04-05"), ("3-Mar-98", "1998-03-03"),
    ])
    func readsEachLayout(written: String, expected: String) throws {
        let incidents = try readIncidents(Self.header + "LBY1,\(written),Battles,32.1,13.2\n")
        #expect(incidents.map(\.eventDate.description) == [expected])
    }

    @Test func anImpossibleDateNamesItsLine() throws {
        let failure = try importFailure(Self.header + "LBY1,9-May-20,Battles,32.1,13.2\nLBY2,31-02-19,Battles,32.1,13.2\n")
        #expect(failure == "FILE:3: event_date '31-02-19': date 2019-02-31 does not exist")
    }

    @Test func textThatIsNoDateSaysWhichLayoutsAreRead() throws {
        let failure = try #require(try importFailure(Self.header + "LBY1,March 9 2020,Battles,32.1,13.2\n"))
        #expect(failure.hasPrefix("FILE:2: event_date 'March 9 2020' is not a date"))
        #expect(failure.contains("day first"))
    }
}

/// ACLED's event types before 2019, stored under today's types as ACLED mapped them.
@Suite struct LegacyEventTypeTests {
    static let header = "EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,INTER1,INTER2,LATITUDE,LONGITUDE\n"

    @Test(arguments: [
        ("Battle-No change of territory", "", "", "Battles", "Armed clash"),
        ("Battle-Government regains territory", "1", "2", "Battles", "Government regains territory"),
        ("Battle-Non-state actor overtakes territory", "2", "1", "Battles", "Non-state actor overtakes territory"),
        ("battle-no Change of territory", "", "", "Battles", "Armed clash"),
        ("Remote violence", "2", "7", "Explosions/Remote violence", nil),
        ("Riots/Protests", "6", "1", "Protests", nil),
        ("Riots/Protests", "6", "", "Protests", nil),
        ("Riots/Protests", "5", "", "Riots", nil),
        ("Riots/Protests", "1", "5", "Riots", nil),
        ("Strategic development", "1", "", "Strategic developments", nil),
        ("Headquarters or base established", "2", "", "Strategic developments", "Headquarters or base established"),
        ("Non-violent transfer of territory", "3", "", "Strategic developments", "Non-violent transfer of territory"),
    ] as [(String, String, String, String, String?)])
    func mapsTheOldTypeAndKeepsIt(old: String, inter1: String, inter2: String, type: String, subEventType: String?) throws {
        let incidents = try readIncidents(Self.header + "SOM1,12/03/2011,\(old),\(inter1),\(inter2),2.04,45.34\n")
        let incident = try #require(incidents.first)
        #expect(incident.eventType.rawValue == type)
        #expect(incident.subEventType == subEventType)
        #expect(incident.originalEventType == old)
    }

    @Test func violenceAgainstCiviliansKeptItsNameAndRecordsNoOriginal() throws {
        let incident = try #require(try readIncidents(Self.header + "SOM1,12/03/2011,Violence against civilians,2,7,2.04,45.34\n").first)
        #expect(incident.eventType == .violenceAgainstCivilians)
        #expect(incident.originalEventType == nil)
    }

    @Test func anOriginalTypeExportedEarlierComesBackAsItWas() throws {
        let csv = "event_date,event_type,sub_event_type,latitude,longitude,original_event_type\n"
            + "2011-03-12,Battles,Armed clash,2.04,45.34,Battle-No change of territory\n"
        let incident = try #require(try readIncidents(csv).first)
        #expect(incident.eventType == .battles && incident.originalEventType == "Battle-No change of territory")
    }

    @Test func aSubEventTypeGivenWithAnOldTypeMustBelongToItsNewType() throws {
        let csv = "event_date,event_type,sub_event_type,latitude,longitude\n"
            + "2011-03-12,Remote violence,Air/drone strike,2.04,45.34\n2011-03-12,Remote violence,Armed clash,2.04,45.34\n"
        let failure = try #require(try importFailure(csv))
        #expect(failure.hasPrefix("FILE:3: sub_event_type 'Armed clash' is not one of Explosions/Remote violence's"))
    }

    @Test func anUnknownTypeNamesTodaysAndTheOldOnes() throws {
        let failure = try #require(try importFailure(Self.header + "SOM1,12/03/2011,Skirmish,1,2,2.04,45.34\n"))
        #expect(failure.hasPrefix("FILE:2: event_type 'Skirmish' is not one of ACLED's: Battles"))
        #expect(failure.contains("before 2019"))
    }

    @Test func theTableNamesOnlyTodaysTypesAndSubEventTypes() throws {
        #expect(throws: RowProblem.self) {
            try LegacyEventTypes(tsv: "legacy_event_type\tevent_type\tsub_event_type\tcondition\nRemote violence\tExplosions/Remote violence\tArmed clash\t\n")
        }
        #expect(throws: RowProblem.self) {
            try LegacyEventTypes(tsv: "legacy_event_type\tevent_type\tsub_event_type\tcondition\nRemote violence\tBombings\t\t\n")
        }
        // The built-in table loads, and every old type the issue names is in it.
        for name in ["Riots/Protests", "Battle-No change of territory", "Battle-Government regains territory",
                     "Battle-Non-state actor overtakes territory", "Remote violence", "Strategic development",
                     "Headquarters or base established", "Non-violent transfer of territory"] {
            #expect(LegacyEventTypes.shared.map(name, inter: []) != nil, "\(name)")
        }
    }
}
