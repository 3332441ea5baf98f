import Gazetteer
import IncidentMapCore
import TextMatching

/// A dateline ("TRIPOLI, Aug 25 (Reuters) -") tells where and when a report was filed: never an event's place.
extension IncidentExtractor {
    /// A dateline ("TRIPOLI, Aug 25 (Reuters) -", "TRIPOLI –", "بنغازي - ") names where the
    /// report was filed, not where anything happened: a place that opens a line, written in
    /// capitals in Latin script, and followed by a comma, a dash, a colon or a bracket.
    func isDateline(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        let start = place.mention.start, end = place.mention.end
        var before = start
        while before > 0, text[before - 1] == " " || text[before - 1] == "\t" { before -= 1 }
        let first = tokens[place.mention.firstToken]
        // A page copied as one line keeps its line breaks as runs of spaces ("… in south  TRIPOLI:
        // Six days …"): a town in capitals after two spaces opens a line too.
        let opensLine = before == 0 || text[before - 1] == "\n"
        let opensCollapsedLine = first.script == .latin && start - before >= 2
        guard opensLine || opensCollapsedLine else { return false }
        if first.script == .latin {
            // The town's letters: a name the gazetteer holds with its country ("TRIPOLI, Libya")
            // is in capitals up to the comma.
            let town = text[start..<end].prefix { $0 != "," }
            let letters = town.filter { $0.properties.isAlphabetic }
            guard letters.count >= 3, letters.allSatisfy({ $0.properties.isUppercase }) else { return false }
        }
        var after = end
        while after < text.count, text[after] == " " { after += 1 }
        guard after < text.count else { return false }
        return [",", "-", "\u{2013}", "\u{2014}", "(", ":"].contains(text[after])
    }

    /// "TRIPOLI Clashes between rival tribes …": a place in capitals that opens the text and
    /// runs into a capitalised word with no comma or dash is a dateline whose punctuation was
    /// lost, not where the event was (as a punctuated dateline is not).
    func isRunInDateline(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        let start = place.mention.start, end = place.mention.end
        var before = start
        while before > 0, text[before - 1] == " " || text[before - 1] == "\t" { before -= 1 }
        guard before == 0 || text[before - 1] == "\n", tokens[place.mention.firstToken].script == .latin else { return false }
        let letters = text[start..<end].filter { $0.properties.isAlphabetic }
        guard letters.count >= 3, letters.allSatisfy({ $0.properties.isUppercase }) else { return false }
        let next = place.mention.firstToken + place.mention.tokenCount
        guard next < tokens.count, tokens[next].script == .latin, tokens[next].isCapitalised else { return false }
        // The next word is a sentence's (lower-case letters follow its capital), not a headline in capitals.
        let word = text[tokens[next].start..<tokens[next].end]
        return text[end..<tokens[next].start].allSatisfy { $0 == " " } && word.dropFirst().contains { $0.properties.isLowercase }
    }

    /// "MISRATA/KIKLA, Libya -": a dateline naming two towns with a slash between them opens the
    /// line; neither is where the report's event happened (``isDateline`` reads one town).
    func isInJoinedDateline(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        guard tokens[place.mention.firstToken].script == .latin else { return false }
        var lineStart = place.mention.start
        while lineStart > 0, text[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = place.mention.end
        while lineEnd < text.count, text[lineEnd] != ",", text[lineEnd] != "\n" { lineEnd += 1 }
        guard lineEnd < text.count, text[lineEnd] == "," else { return false }
        let head = text[lineStart..<lineEnd]
        guard head.contains("/") else { return false }
        let letters = head.filter { $0.properties.isAlphabetic }
        return letters.count >= 6 && head.allSatisfy { $0 == " " || $0 == "/" || $0 == "-" || $0.properties.isUppercase }
    }

    /// "Benghazi /Libya —", "Tripoli, Libya (AP) —": a town opening a line, then the country
    /// after a slash or a comma, then a dash or a bracket is where the report was filed, in
    /// whatever case it is written (``isDateline`` reads a town in capitals).
    func isCountryDateline(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        var before = place.mention.start
        while before > 0, text[before - 1] == " " || text[before - 1] == "\t" { before -= 1 }
        let next = place.mention.firstToken + place.mention.tokenCount
        guard before == 0 || text[before - 1] == "\n", next + 1 < tokens.count,
              PlaceFrameWords.country.contains(tokens[next].folded) else { return false }
        let separator = text[place.mention.end..<tokens[next].start].filter { $0 != " " }
        guard separator == ["/"] || separator == [","] else { return false }
        let after = text[tokens[next].end..<tokens[next + 1].start].filter { $0 != " " }
        return after.first.map { ["-", "\u{2013}", "\u{2014}", "(", ":"].contains($0) } ?? false
    }

    /// "طرابلس 26 أغسطس 2019 (شينخوا) أكدت", "سرت 12 مايو (وال) -", "Benghazi (Reuters) -": a town
    /// that opens a line, followed by nothing but a date (`dates`, the tokens of the date
    /// phrases) or the country before an agency in brackets, is where the report was filed, in
    /// whatever case it is written. So is a town right after a date or an agency and a dash that
    /// open the line (``followsALineHead(_:dates:tokens:text:)``).
    func isAgencyDateline(_ place: ResolvedPlace, dates: TokenMask, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        var before = place.mention.start
        while before > 0, text[before - 1] == " " || text[before - 1] == "\t" { before -= 1 }
        if before > 0, text[before - 1] != "\n" { return followsALineHead(place, dates: dates, tokens: tokens, text: text) }
        var token = place.mention.firstToken + place.mention.tokenCount
        var index = place.mention.end
        var dateWords = 0
        while index < text.count, index - place.mention.end <= 40 {
            let scalar = text[index]
            if scalar == "(" {
                // After a date the bracket is the agency ("(شينخوا) أكدت"); with no date, a dash
                // must follow it: "ورشفانة (غرب طرابلس) شهدت" explains a name.
                guard let close = closingOfAgency(from: index, text: text) else { return false }
                var after = close + 1
                while after < text.count, text[after] == " " { after += 1 }
                return dateWords > 0 || (after < text.count && ["-", "\u{2013}", "\u{2014}", ":"].contains(text[after]))
            }
            if token < tokens.count, tokens[token].start == index {
                let isDate = tokens[token].script == .digits || dates.contains(token)
                guard isDate || PlaceFrameWords.country.contains(tokens[token].folded) else { return false }
                if isDate { dateWords += 1 }
                index = tokens[token].end
                token += 1
                continue
            }
            guard [" ", ",", ".", "/", "\u{060C}", "\t"].contains(scalar) else { return false }
            index += 1
        }
        return false
    }

    /// Where the bracket opened at `open` closes, within a short name on its line ("(وال)",
    /// "(Reuters)"); `nil` for a bracket with a number in it, a distance or a date ("غريان (80
    /// كلم) جنوب طرابلس"), not an agency.
    func closingOfAgency(from open: Int, text: [Unicode.Scalar]) -> Int? {
        var index = open + 1
        while index < text.count, index - open <= 30 {
            if text[index] == "\n" || text[index].properties.numericType != nil { return nil }
            if text[index] == ")" { return index > open + 1 ? index : nil }
            index += 1
        }
        return nil
    }

    /// "(وال) - سرت", "الأحد 12 مايو 2019 - طرابلس - ليبيا الأحرار": a town right after a dash
    /// that ends a head of the line made of nothing but a date and an agency in brackets.
    func followsALineHead(_ place: ResolvedPlace, dates: TokenMask, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        var before = place.mention.start
        while before > 0, text[before - 1] == " " { before -= 1 }
        guard before > 0, ["-", "\u{2013}", "\u{2014}"].contains(text[before - 1]) else { return false }
        var lineStart = before - 1
        while lineStart > 0, text[lineStart - 1] != "\n", place.mention.start - lineStart <= 60 { lineStart -= 1 }
        guard lineStart == 0 || text[lineStart - 1] == "\n" else { return false }
        var first = place.mention.firstToken
        while first > 0, tokens[first - 1].start >= lineStart { first -= 1 }
        let head = text[lineStart..<before]
        // A bullet ("1 - سرت:") is a number alone: a head has an agency or a date of two words.
        guard head.contains("(") || place.mention.firstToken - first >= 2 else { return false }
        for index in first..<place.mention.firstToken {
            let upTo = text[lineStart..<tokens[index].start]
            let isInBrackets = upTo.filter { $0 == "(" }.count > upTo.filter { $0 == ")" }.count
            guard isInBrackets || tokens[index].script == .digits || dates.contains(index) else { return false }
        }
        return true
    }

    /// "Published: 01st April 2012", "date 2019-06-27", "آخر تحديث: 1 فبراير 2026": a date
    /// stamped after a label of the page it was copied from is when the page was published or
    /// updated, never an event's day. The tokens of each such stamp, from the label to the end
    /// of the date and time words that follow it (`dates`: the date phrases).
    func pageStampTokens(dates: TokenMask, tokens: [Token]) -> [Range<Int>] {
        var stamps: [Range<Int>] = []
        // Only a word before digits or a date word is looked up: most words are neither.
        for index in tokens.indices.dropLast() where tokens[index + 1].script == .digits || dates.contains(index + 1) {
            guard Self.pageStampLabels.contains(tokens[index].folded) else { continue }
            var end = index + 1
            while end < min(tokens.count, index + 12), dates.contains(end) || tokens[end].script == .digits { end += 1 }
            if end > index + 1 { stamps.append(index..<end) }
        }
        return stamps
    }

    /// The labels a page puts before its own dates.
    static let pageStampLabels = PlaceFrameWords.folded(["published", "updated", "posted", "date", "نشر", "تحديث", "التحديث", "النشر"])

    /// The tokens of a dateline: its place up to the dash or bracket that ends it, within the
    /// line ("TRIPOLI, April 9 (Reuters) -").
    func datelineTokens(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Range<Int> {
        var end = place.mention.firstToken + place.mention.tokenCount
        while end < tokens.count, end - place.mention.firstToken < 12 {
            let gap = text[tokens[end - 1].end..<tokens[end].start]
            // A closing bracket ends the agency's name ("طرابلس 26 أغسطس 2019 (شينخوا) أكدت").
            // A dash right after the place ends it too: "TRIPOLI - Clashes erupted … on Friday"
            // keeps its Friday.
            if gap.contains("\n") || gap.contains(where: { ["-", "\u{2013}", "\u{2014}", ":", ")"].contains($0) }) {
                break
            }
            end += 1
        }
        return place.mention.firstToken..<end
    }

    /// The day a dateline at the head of a line gives ("طرابلس 26 أغسطس 2019 (شينخوا)",
    /// "TRIPOLI, Aug 25 (Reuters) -"), when it is one to three days before the publication date:
    /// the day the report was filed. `dates` reads against the publication date: the dateline is
    /// read by the resolver that reads the article, not by a second one built here.
    func datelineDay(_ places: [ResolvedPlace], tokens: [Token], text: [Unicode.Scalar],
                     matches: [PhraseMatch<DateEntry>], dates: DateResolver) -> IncidentDate? {
        guard let published = dates.published else { return nil }
        for place in places where place.mention.firstToken < 60 {
            var before = place.mention.start
            while before > 0, text[before - 1] == " " { before -= 1 }
            guard before == 0 || text[before - 1] == "\n" else { continue }
            let first = place.mention.firstToken + place.mention.tokenCount
            guard first < tokens.count, !text[place.mention.end..<tokens[first].start].contains("\n") else { continue }
            let window = tokens[first..<min(tokens.count, first + 4)]
            let inWindow = matches.filter { window.indices.contains($0.firstToken) }
            guard tokens[first].script == .digits || inWindow.contains(where: { $0.firstToken == first }),
                  let day = dates.explicitDate(window, text: text, matches: inWindow)?.date,
                  day < published, day >= published.adding(days: -3) else { continue }
            return day
        }
        return nil
    }
}
