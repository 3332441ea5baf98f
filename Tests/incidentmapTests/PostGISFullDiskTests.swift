import Foundation
import Testing
import TestSupport

/// A full disk under a PostGIS store: the store's database has its tables in a tablespace on a
/// small tmpfs (the cluster's WAL stays on the large disk, so PostgreSQL fails the statement,
/// SQLSTATE 53100, instead of stopping), and an ingest that fills it says the disk is full and
/// stores nothing of its file, while what the store held stays readable. Mounting a tmpfs
/// needs root (as CI runs); elsewhere the test is skipped.
@Suite struct PostGISFullDiskTests {
    /// `rows` synthetic rows, each with a kilobyte of notes that do not compress (TOAST would
    /// shrink a repeated text to nothing).
    static func wideIncidents(_ rows: Int) -> String {
        var random = SeededGenerator(state: 0xF011_D15C)
        var lines = ["event_id_cnty,event_date,event_type,latitude,longitude,notes"]
        for number in 0..<rows {
            let notes = (0..<64).map { _ in String(UInt64.random(in: 0...UInt64.max, using: &random), radix: 36) }.joined()
            lines.append("WIDE\(number),2020-03-1\(number % 10),Battles,\(30 + Double(number % 400) / 100),\(13 + Double(number % 700) / 100),\(notes.prefix(1000))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"))
    func anIngestThatFillsTheServersDiskSaysSoAndStoresNothingOfItsFile() throws {
        // A cluster of its own: a tablespace in the shared one would be copied by the hot
        // standby test's pg_basebackup, onto the same path.
        let cluster = try ThrowawayPostgres()
        let templateBytes = Int(try cluster.psql("postgres", "SELECT pg_database_size('incidentmap_template')")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(templateBytes > 0)
        // Room for the copied template and the store's schema, and about 6 MB of rows more.
        let mount = try Tmpfs(megabytes: templateBytes / 1_048_576 + 12)
        // The server first, which holds files in the tablespace, then the file system.
        defer { cluster.stop(); mount.unmount() }
        let spaceFolder = mount.path + "/tablespace"
        try FileManager.default.createDirectory(atPath: spaceFolder, withIntermediateDirectories: false)
        let (url, _) = try cluster.makeDatabase(tablespaceIn: spaceFolder)

        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        _ = try folder.write("first.csv", KilledAndConcurrentCommandTests.incidents(50, prefix: "FIRST"))
        _ = try folder.write("wide.csv", Self.wideIncidents(20_000))
        let first = try cli.run(["ingest", "--db", url, "first.csv"])
        #expect(first.status == 0, "\(first.errors)")

        let full = try cli.run(["ingest", "--db", url, "wide.csv"])
        #expect(full.status == 1, "20,000 rows of a kilobyte fitted on a disk with 6 MB free")
        #expect(full.errors.contains("disk") && full.errors.contains("is full"), "\(full.errors)")
        #expect(full.errors.contains("nothing of this write was stored"), "\(full.errors)")
        #expect(!full.errors.contains("Fatal error"), "\(full.errors)")
        #expect(try KilledAndConcurrentCommandTests.storedCount(cli, db: url) == 50)
        let export = try cli.run(["export", "--db", url, "--format", "csv"])
        #expect(export.status == 0 && export.output.split(separator: "\n").count == 51, "\(export.errors)")
    }
}
