/// Reading `event_date` as ACLED's files have written it since 1997.
///
/// ACLED has written its dates in many ways over the years and through the spreadsheet
/// programs its users save files with: `2020-03-21`, `21 March 2020`, `21-March-2020`,
/// `9-May-20`, `31-12-19`, `18/04/2001`. Every form but ISO puts the day first: ACLED never
/// writes month-first, so `01/02/2020` is the 1st of February.
extension IncidentDate {
    /// Reads an ACLED `event_date` in any of ACLED's layouts: ISO `YYYY-MM-DD` (or
    /// `YYYY/MM/DD`), or day, month and year separated by spaces, `-` or `/`, the month as a
    /// number, a name or its first three letters, the year in four digits or two.
    ///
    /// ```swift
    /// try IncidentDate(acledEventDate: "9-May-20")     // 2020-05-09
    /// try IncidentDate(acledEventDate: "18/04/2001")   // 2001-04-18
    /// try IncidentDate(acledEventDate: "31-12-97")     // 1997-12-31
    /// ```
    ///
    /// A two-digit year is read from 1997, ACLED's first year: `97`–`99` are 1997–1999, `00`–`96`
    /// are 2000–2096. A day that does not exist (`31-02-2019`) throws
    /// ``IncidentDateError/impossible(_:)``; text that is no date throws
    /// ``IncidentDateError/unreadableEventDate(_:)``.
    public init(acledEventDate text: String) throws(IncidentDateError) {
        if let date = IncidentDate.isoFastPath(text) {
            self = date
            return
        }
        var utf8 = Array(text.utf8)
        // Surrounding white space, which spreadsheets leave behind.
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8.removeLast() }
        let start = utf8.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? utf8.endIndex
        guard let parts = IncidentDate.threeParts(utf8[start...]) else { throw .unreadableEventDate(text) }
        let (first, second, third) = parts
        let year: Int, month: Int, day: Int
        if first.count == 4, let number = IncidentDate.decimal(first) {
            // ISO order, the only year-first form.
            guard let monthNumber = IncidentDate.decimal(second), let dayNumber = IncidentDate.decimal(third),
                  second.count <= 2, third.count <= 2 else { throw .unreadableEventDate(text) }
            (year, month, day) = (number, monthNumber, dayNumber)
        } else {
            guard first.count <= 2, let dayNumber = IncidentDate.decimal(first),
                  let yearNumber = IncidentDate.decimal(third), third.count == 2 || third.count == 4 else {
                throw .unreadableEventDate(text)
            }
            if let monthNumber = IncidentDate.decimal(second) {
                guard second.count <= 2 else { throw .unreadableEventDate(text) }
                month = monthNumber
            } else if let monthNumber = IncidentDate.englishMonth(String(decoding: second, as: UTF8.self)) {
                month = monthNumber
            } else {
                throw .unreadableEventDate(text)
            }
            day = dayNumber
            year = third.count == 4 ? yearNumber : (yearNumber >= 97 ? 1900 + yearNumber : 2000 + yearNumber)
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The three parts of `bytes` between separators (runs of spaces, or one `-` or `/`), or
    /// `nil` unless there are exactly three, none empty.
    private static func threeParts(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        var parts: [ArraySlice<UInt8>] = []
        var partStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") {
                guard index > partStart, parts.count < 2 else { return nil }
                parts.append(bytes[partStart..<index])
                index += 1
                // "21  March 2020": spaces only, never two dashes, may repeat.
                if byte == 0x20 { while index < bytes.endIndex, bytes[index] == 0x20 { index += 1 } }
                partStart = index
            } else {
                index += 1
            }
        }
        guard parts.count == 2, partStart < bytes.endIndex else { return nil }
        return (parts[0], parts[1], bytes[partStart...])
    }

    private static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 4 else { return nil }
        var value = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
