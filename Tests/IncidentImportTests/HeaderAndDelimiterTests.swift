import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// Headers as users' files have them: any case, an unnamed index column first, and the
/// delimiter their spreadsheet program chose.
@Suite struct HeaderAndDelimiterTests {
    static let rows = [
        ["LBY1", "2019-04-08", "Battles", "32.8942", "13.2761", "Mitiga; the airport"],
        ["LBY2", "9-Apr-19", "Protests", "32.88", "13.18", "Tripoli, Martyrs' Square"],
    ]

    /// The rows under `header`, joined by `delimiter`, fields quoted where they hold it.
    static func file(header: [String], delimiter: String, index: Bool = false) -> String {
        let lines = [header] + rows.map { $0 }
        return lines.enumerated().map { number, fields in
            let cells = fields.map { $0.contains(delimiter) ? "\"\($0)\"" : $0 }
            let prefix = index ? (number == 0 ? "" : String(number - 1)) + delimiter : ""
            return prefix + cells.joined(separator: delimiter)
        }.joined(separator: "\r\n") + "\r\n"
    }

    static let header = ["event_id_cnty", "event_date", "event_type", "latitude", "longitude", "location"]

    @Test(arguments: [",", ";", "\t"])
    func readsEachDelimiter(delimiter: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("input.csv", Self.file(header: Self.header, delimiter: delimiter))
        let reader = try IncidentFileReader(path: path)
        #expect(reader.delimiter == UInt8(ascii: delimiter.unicodeScalars.first!))
        var incidents: [Incident] = []
        while let incident = try reader.next() { incidents.append(incident) }
        #expect(incidents.map(\.location) == ["Mitiga; the airport", "Tripoli, Martyrs' Square"])
        #expect(incidents.map(\.eventDate.description) == ["2019-04-08", "2019-04-09"])
    }

    @Test func readsAHeaderInCapitalsOrMixedCaseWithSpaces() throws {
        let header = ["EVENT_ID_CNTY", " Event_Date ", "Event_Type", "LATITUDE", "Longitude", "LOCATION"]
        let incidents = try readIncidents(Self.file(header: header, delimiter: ";"))
        #expect(incidents.map(\.eventID) == ["LBY1", "LBY2"])
    }

    @Test(arguments: [",", ";"])
    func skipsALeadingUnnamedIndexColumn(delimiter: String) throws {
        // pandas writes `,event_id_cnty,…` and 0, 1, … before each row; R writes `"",…`.
        let pandas = Self.file(header: Self.header, delimiter: delimiter, index: true)
        #expect(try readIncidents(pandas).map(\.eventID) == ["LBY1", "LBY2"])
        let r = "\"\"" + pandas
        #expect(try readIncidents(r).map(\.eventID) == ["LBY1", "LBY2"])
    }

    @Test func readsATabSeparatedFileNamedTSV() throws {
        let incidents = try readIncidents(Self.file(header: Self.header, delimiter: "\t"), name: "export.tsv")
        #expect(incidents.count == 2)
    }

    @Test func aHeaderThatMatchesNoLayoutNamesTheDelimiterItWasReadWith() throws {
        // Pipes: no layout incidentmap reads.
        let failure = try #require(try importFailure(Self.file(header: Self.header, delimiter: "|")))
        #expect(failure.hasPrefix("FILE:1: the header has no latitude column. Read as comma-separated"))
        #expect(failure.contains("1 column(s): 'event_id_cnty|event_date|event_type|latitude|longitude|location'"))
        #expect(failure.contains("comma-, semicolon- and tab-separated"))
    }

    @Test func aSemicolonFileMissingAColumnSaysItWasReadAsSemicolonSeparated() throws {
        let failure = try #require(try importFailure("event_date;event_type;latitude\n2019-04-08;Battles;32\n"))
        #expect(failure.hasPrefix("FILE:1: the header has no longitude column. Read as semicolon-separated"))
    }

    @Test func aRowWithTooFewFieldsNamesTheDelimiter() throws {
        let failure = try importFailure("event_date;event_type;latitude;longitude\n2019-04-08;Battles;32\n")
        #expect(failure == "FILE:2: 3 fields where the header has 4: check the semicolons and quotes in this row")
    }

    @Test(arguments: [
        ("event_date,event_type,latitude,longitude", ","),
        ("\"event_date\";\"event_type\";\"latitude\";\"longitude\"", ";"),
        ("event_date\tnotes, with a comma\tlatitude\tlongitude", "\t"),
        ("a;b;c", ";"),
        ("", ","),
    ])
    func detectsTheDelimiterFromTheHeader(header: String, expected: String) {
        #expect(IncidentFileReader.detectDelimiter(ArraySlice(header.utf8)) == UInt8(ascii: expected.unicodeScalars.first!))
    }
}
