import IncidentMapCore

/// The input's columns that are neither ACLED's nor incidentmap's, kept as one JSON object of
/// their names and text (`other_columns`): `{"event_id_no_cnty":"1234","source_file":"x.csv"}`,
/// in the order the input has them, empty values left out (as a JSON row's nulls are).
enum OtherColumns {
    /// The JSON object of `members`; `nil` when there are none.
    static func json(_ members: [(name: String, value: String)]) -> String? {
        guard !members.isEmpty else { return nil }
        var buffer: [UInt8] = [UInt8(ascii: "{")]
        for (index, member) in members.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONText.appendString(member.name, to: &buffer)
            buffer.append(UInt8(ascii: ":"))
            JSONText.appendString(member.value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The row's `other_columns`: the object an `other_columns` column gave (as incidentmap's
    /// own exports write it), with the members of `unknown` (the row's unknown columns, as
    /// ``json(_:)`` wrote them) that it does not name after its own.
    static func merged(given: String?, unknown: String?) throws(RowProblem) -> String? {
        guard let given else { return unknown }
        var members: [(name: String, value: String)]
        do {
            members = try FlatJSON.members(Array(given.utf8))
        } catch {
            throw RowProblem("other_columns must be a JSON object of column names and values, as an export writes it: \(error.reason)")
        }
        if let unknown, let extra = try? FlatJSON.members(Array(unknown.utf8)) {
            let named = Set(members.map(\.name))
            members += extra.filter { !named.contains($0.name) }
        }
        return json(members)
    }
}
