/// GDELT 2.0 event rows composed for tests (not real rows): 61 tab-separated columns in the
/// GDELT 2.0 Event Codebook's order, the columns incidentmap reads filled in, the others given
/// plausible values so a row has the shape of a real export.
public enum GDELTFixture {
    /// One row. `eventCode` gives EventCode, and its first three and two digits EventBaseCode
    /// and EventRootCode, as GDELT derives them.
    public static func row(id: String = "834120001", date: String = "20190408", eventCode: String = "193",
                           actor1: String = "LIBYAN NATIONAL ARMY", actor2: String = "TRIPOLI",
                           geoType: String = "4", country: String = "LY", place: String = "Tripoli, Tarabulus, Libya",
                           latitude: String = "32.8925", longitude: String = "13.18",
                           url: String = "https://news.example.org/tripoli-clashes") -> String {
        var fields = [String](repeating: "", count: 61)
        fields[0] = id
        fields[1] = date
        fields[2] = String(date.prefix(6))
        fields[3] = String(date.prefix(4))
        fields[4] = "2019.2658"
        fields[6] = actor1
        fields[16] = actor2
        fields[25] = "1"
        fields[26] = eventCode
        fields[27] = String(eventCode.prefix(3))
        fields[28] = String(eventCode.prefix(2))
        fields[29] = "4"
        fields[30] = "-10.0"
        fields[31] = "4"; fields[32] = "1"; fields[33] = "4"
        fields[34] = "-6.25"
        fields[51] = geoType
        fields[52] = place
        fields[53] = country
        fields[54] = country + "34"
        fields[56] = latitude
        fields[57] = longitude
        fields[58] = "-1564011"
        fields[59] = date + "120000"
        fields[60] = url
        return fields.joined(separator: "\t")
    }
}
