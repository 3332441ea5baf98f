/// Where the rows of a table with a header come from: a CSV file, or a workbook's first sheet.
/// Both go through the same header matching and row checks in ``IncidentFileReader``.
enum TableRecords {
    case csv(CSVRecordReader)
    case sheet(XLSXSheetReader)

    /// The CSV delimiter; a comma for a sheet, whose refused rows are written back as CSV.
    var delimiter: UInt8 {
        switch self {
        case .csv(let reader): return reader.delimiter
        case .sheet: return UInt8(ascii: ",")
        }
    }

    /// The next record and the line (a sheet's row number) it starts on; `nil` at the end.
    func next() throws(CSVRecordReader.Failure) -> (line: Int, fields: [String])? {
        switch self {
        case .csv(let reader): return try reader.next()
        case .sheet(let reader):
            do {
                return try reader.next()
            } catch {
                throw CSVRecordReader.Failure(line: 0, reason: error.description, raw: "", endsFile: true, fileError: error)
            }
        }
    }
}
