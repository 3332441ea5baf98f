extension StringProtocol {
    /// The text's lines, split at `\n` and at `\r\n`, the line end Windows tools and many
    /// servers write. Swift's `Character` holds `"\r\n"` as one grapheme, which a split on
    /// `"\n"` never meets: a CRLF file would read as a single line.
    package func lines() -> [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
