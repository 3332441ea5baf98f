import Foundation

/// The CSV file `ingest --skip-bad-rows --rejects FILE` writes: one line per refused row, with
/// the input file, the row's line, why it was refused and the row itself, so the rows can be
/// mended and ingested again.
///
/// ```swift
/// let rejects = try RejectedRowsFile(path: "rejects.csv")
/// try rejects.append(chunk.rejected, from: "acled.csv")
/// try rejects.close()
/// ```
public final class RejectedRowsFile {
    public let path: String
    private let handle: FileHandle
    /// Rows written so far.
    public private(set) var count = 0

    /// Creates (or empties) the file at `path` and writes the header `file,line,reason,row`.
    public init(path: String) throws(ImportError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: Data("file,line,reason,row\n".utf8)),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .unwritableFile(path: path, reason: "check that its folder exists and is writable")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// Appends `rows`, refused from the input file `file`.
    public func append(_ rows: [IncidentFileReader.RejectedRow], from file: String) throws(ImportError) {
        guard !rows.isEmpty else { return }
        var text = ""
        for row in rows {
            text += CSVRecordReader.line([file, String(row.line), row.reason, row.raw], delimiter: UInt8(ascii: ","))
            text += "\n"
        }
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .unwritableFile(path: path, reason: error.localizedDescription)
        }
        count += rows.count
    }

    /// Flushes and closes the file.
    public func close() throws(ImportError) {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .unwritableFile(path: path, reason: error.localizedDescription)
        }
    }
}
