import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// ACLED's columns incidentmap does not read are kept as the file gives them; columns no one
/// names are kept in `other_columns`; monadic rows are folded. Fixtures invented here.
@Suite struct KeptColumnsImportTests {
    static func read(_ name: String, _ text: String) throws -> (incidents: [Incident], reader: IncidentFileReader) {
        let folder = try TemporaryFolder()
        let reader = try IncidentFileReader(path: try folder.write(name, text))
        var incidents: [Incident] = []
        while let incident = try reader.next() { incidents.append(incident) }
        return (incidents, reader)
    }

    @Test func acledsColumnsAreKeptAsTheRowGivesThem() throws {
        let csv = "event_id_cnty,event_date,year,event_type,latitude,longitude,iso,inter1,tags,Admin2,Timestamp\n"
            + "X1,2019-04-08,2019,Battles,32.1,13.0,434,Rebel group,\"crowd size=dozens, local\",Tripoli,1554768000\n"
            + "X2,2019-04-09,,Battles,32.1,13.0,,,,,\n"
        let (incidents, _) = try Self.read("in.csv", csv)
        let kept = incidents[0].keptColumns
        #expect(kept[.year] == "2019" && kept[.iso] == "434" && kept[.inter1] == "Rebel group")
        #expect(kept[.tags] == "crowd size=dozens, local" && kept[.admin2] == "Tripoli" && kept[.timestamp] == "1554768000")
        #expect(kept[.otherColumns] == nil)
        #expect(incidents[1].keptColumns.isEmpty)
    }

    @Test func columnsNoOneNamesAreKeptInOrderButNotAnIndexColumn() throws {
        let csv = ",event_date,event_type,latitude,longitude,Source File,event_id_no_cnty,empty\n"
            + "0,2019-04-08,Battles,32.1,13.0,\"a \"\"b\"\".csv\",1234,\n"
        let (incidents, _) = try Self.read("in.csv", csv)
        #expect(incidents[0].keptColumns[.otherColumns] == #"{"Source File":"a \"b\".csv","event_id_no_cnty":"1234"}"#)
        let pandas = "Unnamed: 0,event_date,event_type,latitude,longitude\n0,2019-04-08,Battles,32.1,13.0\n"
        #expect(try Self.read("in.csv", pandas).incidents[0].keptColumns[.otherColumns] == nil)
    }

    @Test func aJSONRowsOtherMembersAreKeptAsText() throws {
        let jsonl = #"{"event_date":"2019-04-08","event_type":"Battles","latitude":32.1,"longitude":13,"iso":"434","data_id":77,"flags":[1,2],"gone":null}"#
        let (incidents, _) = try Self.read("in.jsonl", jsonl + "\n")
        #expect(incidents[0].keptColumns[.iso] == "434")
        #expect(incidents[0].keptColumns[.otherColumns] == #"{"data_id":"77","flags":"[1,2]"}"#)
        let api = #"{"status":200,"success":true,"count":1,"data":[{"event_date":"2019-04-08","event_type":"Battles","latitude":"32.1","longitude":"13","region":"Northern Africa","event_id_no_cnty":"5"}]}"#
        let fromAPI = try Self.read("answer.json", api).incidents[0]
        #expect(fromAPI.keptColumns[.region] == "Northern Africa" && fromAPI.keptColumns[.otherColumns] == #"{"event_id_no_cnty":"5"}"#)
    }

    /// `other_columns` as an export writes it comes back as it was, with the file's own unknown
    /// columns added; one that is not a JSON object is the row's fault.
    @Test func anOtherColumnsColumnIsReadBackAndChecked() throws {
        let csv = "event_date,event_type,latitude,longitude,other_columns,batch\n"
            + "2019-04-08,Battles,32.1,13.0,\"{\"\"analyst\"\":\"\"Amal\"\"}\",7\n"
        #expect(try Self.read("in.csv", csv).incidents[0].keptColumns[.otherColumns] == #"{"analyst":"Amal","batch":"7"}"#)
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.csv", "event_date,event_type,latitude,longitude,other_columns\n2019-04-08,Battles,32.1,13.0,analyst=Amal\n")
        #expect(throws: ImportError.self) { try IncidentFileReader(path: path).next() }
        guard case .rejected(let row) = try IncidentFileReader(path: path).nextRow() else {
            Issue.record("a broken other_columns was read")
            return
        }
        #expect(row.line == 2 && row.reason.hasPrefix("other_columns must be a JSON object"))
    }

    static let monadicHeader = "event_id_cnty,event_date,event_type,actor1,assoc_actor_1,inter1,actor2,latitude,longitude,notes\n"

    @Test func monadicRowsFoldIntoOneEventWhereverTheyStandInTheirDay() throws {
        let csv = Self.monadicHeader
            + "M1,2019-04-08,Battles,Militia A,Tribe A,Rebel group,,32.1,13.0,clash\n"
            + "M2,2019-04-08,Riots,Rioters (Libya),,Rioters,,32.2,13.1,riot\n"
            + "M1,2019-04-08,Battles,Militia B,Tribe B,Identity militia,,32.1,13.0,clash\n"
            + "M3,2019-04-09,Battles,Militia C,,,Militia D,32.3,13.2,other day\n"
            // The same event told the other way round: the second row names nothing new.
            + "M3,2019-04-09,Battles,Militia D,,,Militia C,32.3,13.2,other day\n"
        let (incidents, reader) = try Self.read("in.csv", csv)
        #expect(incidents.map(\.eventID) == ["M1", "M2", "M3"])
        #expect(incidents[0].actor1 == "Militia A" && incidents[0].actor2 == "Militia B")
        #expect(incidents[0].keptColumns[.assocActor2] == "Tribe B" && incidents[0].keptColumns[.inter2] == "Identity militia")
        #expect(incidents[2].actor1 == "Militia C" && incidents[2].actor2 == "Militia D")
        #expect(reader.foldedRows == 2 && reader.repeatedRows == 0)
    }

    @Test func aRepeatedIDWithOtherValuesIsCountedNotFolded() throws {
        let csv = Self.monadicHeader
            + "M1,2019-04-08,Battles,Militia A,,,,32.1,13.0,clash\n"
            + "M1,2019-04-08,Battles,Militia B,,,,32.1,13.0,another clash\n"
            + "M1,2019-04-08,Battles,Militia A,,,,32.1,13.0,clash\n"
        let (incidents, reader) = try Self.read("in.csv", csv)
        #expect(incidents.count == 1 && incidents[0].actor2 == nil && incidents[0].notes == "clash")
        #expect(reader.foldedRows == 0 && reader.repeatedRows == 2)
    }

    /// A refused row still comes after the rows before it, though they were held for folding.
    @Test func aRefusedRowComesAfterTheRowsHeldBeforeIt() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("in.csv", Self.monadicHeader
            + "M1,2019-04-08,Battles,Militia A,,,,32.1,13.0,\n"
            + "M2,2019-04-08,Battles,Militia A,,,,91,13.0,\n")
        let reader = try IncidentFileReader(path: path)
        guard case .incident(let first) = try reader.nextRow(), case .rejected(let refused) = try reader.nextRow() else {
            Issue.record("the rows came out of order")
            return
        }
        #expect(first.eventID == "M1" && refused.line == 3)
        #expect(try reader.nextRow() == nil)
    }
}

extension IncidentFileReader.Row: Equatable {
    public static func == (left: Self, right: Self) -> Bool {
        switch (left, right) {
        case let (.incident(a), .incident(b)): return a == b
        case let (.rejected(a), .rejected(b)): return a == b
        default: return false
        }
    }
}
