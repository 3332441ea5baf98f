import Foundation
import ZIPFoundation

/// A zipped input file (GDELT publishes its exports as `YYYYMMDDHHMMSS.export.CSV.zip`): the
/// one data file inside, unpacked to a temporary file and read from there.
///
/// Unpacked to disk rather than into memory so a file of any size is read in the same constant
/// memory as an unzipped one (ZIPFoundation hands the entry out in chunks by callback, which the
/// pull-based readers cannot consume in place). The temporary file is unlinked as soon as it is
/// open: the open handle keeps it readable, and nothing is left behind however the ingest ends.
enum ZippedInput {
    /// The most an entry may unpack to: 4 GiB, far above a day of GDELT exports (about 100 MB),
    /// so a zip bomb stops before it fills the disk.
    static let maximumUncompressedSize: UInt64 = 4 << 30

    /// Why the unpacking stopped past ``maximumUncompressedSize``.
    private struct EntryTooLarge: Error {}

    /// Whether `path` names a zip file.
    static func isZip(_ path: String) -> Bool { (path as NSString).pathExtension.lowercased() == "zip" }

    /// The data file inside the zip at `path` (its only entry that is not a folder or a
    /// readme), unpacked and open for reading, with its name inside the zip and its size
    /// unpacked (for progress, which counts unpacked bytes).
    static func open(_ path: String) throws(ImportError) -> (source: ByteSource, entryName: String, size: Int64) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .unreadableFile(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not a readable zip archive" : "no such file")
        }
        let entries = archive.filter { $0.type == .file && !$0.path.lowercased().contains("readme") }
        guard entries.count == 1, let entry = entries.first else {
            throw .unreadableFile(path: path, reason: "the zip holds \(entries.count) data files (\(entries.prefix(5).map(\.path).joined(separator: ", "))): "
                                  + "incidentmap reads a zip with one, such as GDELT's YYYYMMDDHHMMSS.export.CSV.zip; unzip it and name the files")
        }
        guard entry.uncompressedSize <= maximumUncompressedSize else { throw tooLarge(path, entry) }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-unzipped-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let output = FileHandle(forWritingAtPath: temporary) else {
            throw .unreadableFile(path: path, reason: "cannot unpack it: \(temporary) cannot be written")
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        var written: UInt64 = 0
        do {
            _ = try archive.extract(entry) { chunk in
                written += UInt64(chunk.count)
                guard written <= maximumUncompressedSize else { throw EntryTooLarge() }
                try output.write(contentsOf: chunk)
            }
            try output.close()
        } catch is EntryTooLarge {
            throw tooLarge(path, entry)
        } catch {
            throw .unreadableFile(path: path, reason: "\(entry.path) in the zip cannot be unpacked (\(error))")
        }
        return (try ByteSource(path: temporary), (entry.path as NSString).lastPathComponent, Int64(written))
    }

    private static func tooLarge(_ path: String, _ entry: Entry) -> ImportError {
        .unreadableFile(path: path, reason: "\(entry.path) in the zip unpacks to more than \(maximumUncompressedSize >> 30) GiB: unzip it yourself and ingest the file")
    }
}
