import Foundation
import IncidentMapCore
import ZIPFoundation

/// Reads a GeoNames country dump (`LY.txt`, or the zipped `LY.zip` GeoNames publishes) into
/// places, checking every line: 19 tab-separated columns, a numeric geonameid, coordinates in
/// range, a whole-number population. Empty feature codes and modification dates (as in the
/// cities500 extract) are accepted.
public enum GeoNamesDump {
    /// The columns of a GeoNames dump, in order.
    static let columnCount = 19

    /// Reads the dump at `location`: a file path or a `file://` URL (fetch an `http(s)://`
    /// one with `GeoNamesDownload` first). A `.zip` is opened and its country file read.
    public static func places(from location: String, districts: [String: (english: String, arabic: String)]) throws(GazetteerError) -> [Place] {
        let (text, name) = try readText(from: location)
        return try places(fromText: text, file: name, districts: districts)
    }

    /// Parses dump text; `file` names it in messages.
    public static func places(fromText text: String, file: String,
                              districts: [String: (english: String, arabic: String)]) throws(GazetteerError) -> [Place] {
        var places: [Place] = []
        var seen = Set<String>()
        for (number, rawLine) in text.lines().enumerated() {
            let content = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if content.isEmpty { continue }
            let place = try place(fromLine: content, file: file, line: number + 1, districts: districts)
            guard seen.insert(place.id).inserted else {
                throw .badLine(file: file, line: number + 1, reason: "geonameid \(place.id) appears twice")
            }
            places.append(place)
        }
        guard !places.isEmpty else {
            throw .unreadable(file: file, reason: "no places in the file: is it a GeoNames country dump?")
        }
        return places
    }

    static func place(fromLine content: Substring, file: String, line: Int,
                      districts: [String: (english: String, arabic: String)]) throws(GazetteerError) -> Place {
        let fields = content.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == columnCount else {
            throw .badLine(file: file, line: line, reason: "\(fields.count) columns where a GeoNames dump has \(columnCount) (tab-separated)")
        }
        guard let id = Int(fields[0]), id > 0 else {
            throw .badLine(file: file, line: line, reason: "geonameid '\(fields[0])' is not a positive whole number")
        }
        let coordinate = try PlaceFile.coordinate(latitude: fields[4], longitude: fields[5], file: file, line: line)
        var population: Int?
        if !fields[14].isEmpty {
            guard let value = Int(fields[14]), value >= 0 else {
                throw .badLine(file: file, line: line, reason: "population '\(fields[14])' is not a whole number")
            }
            population = value > 0 ? value : nil
        }
        let name = fields[1].isEmpty ? fields[2] : fields[1]
        guard !name.isEmpty else { throw .badLine(file: file, line: line, reason: "the place has no name") }
        let english = fields[2].isEmpty ? name : fields[2]
        let alternates = fields[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let arabic = alternates.filter(isArabicName).sorted { administrativePrefix($0) < administrativePrefix($1) }
        let latin = ([name] + alternates.filter(isLatinName)).filter { $0 != english }
        var variants: [String] = []
        for candidate in latin + arabic.dropFirst() where !variants.contains(candidate) { variants.append(candidate) }
        let country = fields[8].isEmpty ? "LY" : fields[8]
        let district = districts[fields[10]]
        return Place(id: String(id), kind: PlaceKind(geoNamesClass: fields[6], code: fields[7], population: population),
                     nameEnglish: english, nameArabic: arabic.first, variants: variants,
                     admin1: country == "LY" ? district?.english : nil, parentID: nil, coordinate: coordinate,
                     population: population, countryCode: country, source: "GeoNames \(id)",
                     sourceIDs: ["GeoNames \(id)"])
    }

    /// Words GeoNames lists alone as alternate names of some places ("شعبية", district) that are
    /// not names, and prefixes that make a longer form of one ("مدينة هون", the city of Hun).
    static let administrativeWords: Set<String> = ["شعبية", "مدينة", "بلدية", "قرية", "منطقة", "محلة"]

    /// 1 for a name led by an administrative word, so that the bare name is preferred.
    static func administrativePrefix(_ name: String) -> Int {
        administrativeWords.contains(String(name.split(separator: " ").first ?? "")) ? 1 : 0
    }

    /// An Arabic-script name without digits.
    static func isArabicName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && !administrativeWords.contains(name)
            && name.unicodeScalars.allSatisfy { (0x0600...0x06FF).contains($0.value) || $0 == " " || $0 == "-" }
            && !name.unicodeScalars.contains { (0x0660...0x0669).contains($0.value) }
    }

    /// A Latin-script proper name: capitalised (GeoNames' lower-case alternates are letter-by-
    /// letter transliterations such as `albrdyt`, which would match noise), no digits.
    static func isLatinName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isUppercase, name.count <= 40 else { return false }
        return name.unicodeScalars.allSatisfy { isLatinNameScalar($0) && !CharacterSet.decimalDigits.contains($0) }
    }

    /// A letter, digit, space or punctuation of a Latin-script place name: Basic Latin to
    /// Latin Extended-B, Latin Extended Additional (ḩ, ṭ), and the half rings and quotes that
    /// transliterate ع and ء (ʿ ʾ ‘ ’). GeoNames' and OpenStreetMap's names are read with it.
    static func isLatinNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x0250 || (0x1E00...0x1EFF).contains(scalar.value) || [0x02BE, 0x02BF, 0x2019, 0x2018].contains(scalar.value)
    }

    static func readText(from location: String) throws(GazetteerError) -> (text: String, name: String) {
        if let remote = GazetteerError.remoteLocation(location) { throw remote }
        let parsed = URL(string: location)
        let url = parsed.flatMap { $0.scheme == "file" ? $0 : nil } ?? URL(fileURLWithPath: location)
        let name = location
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .unreadable(file: name, reason: "no such file")
        }
        let data: Data
        do {
            data = url.pathExtension.lowercased() == "zip" ? try unzipCountryFile(url) : try Data(contentsOf: url)
        } catch let error as GazetteerError {
            throw error
        } catch {
            throw .unreadable(file: name, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: name, reason: "not UTF-8 text: GeoNames dumps are UTF-8")
        }
        return (text, name)
    }
}
