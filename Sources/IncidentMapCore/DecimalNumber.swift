extension Double {
    /// Reads a number written in decimal notation, as spreadsheets and ACLED write coordinates:
    /// an optional sign, digits with an optional point (`32.5`, `-13`, `.5`, `5.`), and an
    /// optional exponent (`1.5E-3`). `nil` for anything else.
    ///
    /// ```swift
    /// Double(decimal: "32.8942")   // 32.8942
    /// Double(decimal: "0x1p4")     // nil, where Double("0x1p4") is 16
    /// ```
    ///
    /// `Double(String)` alone also reads hexadecimal floats (`0x1p4`), `inf`, `infinity` and
    /// `nan`, none of which an incident file means as a coordinate; this checks the notation
    /// first and leaves the conversion, with its correct rounding, to the standard library.
    public init?(decimal text: some StringProtocol) {
        guard Double.isDecimalNotation(Substring(text).utf8) else { return nil }
        self.init(String(text))
    }

    static func isDecimalNotation(_ bytes: Substring.UTF8View) -> Bool {
        var index = bytes.startIndex
        func at(_ set: String) -> Bool { index < bytes.endIndex && set.utf8.contains(bytes[index]) }
        func digits() -> Int {
            var count = 0
            while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) {
                count += 1
                index = bytes.index(after: index)
            }
            return count
        }
        if at("+-") { index = bytes.index(after: index) }
        var mantissaDigits = digits()
        if at(".") {
            index = bytes.index(after: index)
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return false }
        if at("eE") {
            index = bytes.index(after: index)
            if at("+-") { index = bytes.index(after: index) }
            guard digits() > 0 else { return false }
        }
        return index == bytes.endIndex
    }
}
