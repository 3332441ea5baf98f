/// An incident's columns that incidentmap keeps as its input gave them, without reading them:
/// ACLED's `year`, `disorder_type`, `assoc_actor_1`, `inter1`, `assoc_actor_2`, `inter2`,
/// `interaction`, `civilian_targeting`, `iso`, `region`, `country`, `admin2`, `admin3`,
/// `source_scale`, `tags`, `timestamp`, and `other_columns`, the input's columns that no one
/// names, as one JSON object.
///
/// Their text is stored and exported as it came in (`"434"`, `"2019"`, `"1618431137"`): ACLED
/// has changed what some of them hold (`inter1` was a number until 2024, a name since), and an
/// export must give back what the file said.
///
/// ```swift
/// var kept = KeptColumns()
/// kept[.country] = "Libya"
/// kept[.iso] = "434"
/// ```
public struct KeptColumns: Hashable, Sendable {
    /// Values by ``Incident/Column/keptIndex``; empty (no allocation) for an incident that has
    /// none, as extracted incidents and older files have.
    private var values: [String?] = []

    public init() {}

    /// The columns kept as given, in ``Incident/Column`` order.
    public static let columns: [Incident.Column] = Incident.Column.allCases.filter { $0.keptIndex != nil }

    /// The text of `column`, `nil` where the input had none (or for a column that is not kept as given).
    public subscript(column: Incident.Column) -> String? {
        get {
            guard let index = column.keptIndex, index < values.count else { return nil }
            return values[index]
        }
        set {
            guard let index = column.keptIndex else { return }
            if values.count <= index {
                guard newValue != nil else { return }
                values += [String?](repeating: nil, count: KeptColumns.columns.count - values.count)
            }
            values[index] = newValue
            if newValue == nil && values.allSatisfy({ $0 == nil }) { values = [] }
        }
    }

    /// Whether no column is set.
    public var isEmpty: Bool { values.isEmpty }

    /// These columns, each one these lack taken from `other`: how a second report of the same
    /// event adds what the first did not say.
    public func filled(from other: KeptColumns) -> KeptColumns {
        var filled = self
        for column in KeptColumns.columns where filled[column] == nil { filled[column] = other[column] }
        return filled
    }

    /// What incidentmap knows of an incident it read from an article: the year of its date and,
    /// as the gazetteer's places are Libya's, ACLED's country, its ISO 3166-1 numeric code
    /// (`iso`, 434) and ACLED's region (`Northern Africa`, as ACLED's country list places Libya).
    public static func libyan(year: Int) -> KeptColumns {
        var kept = KeptColumns()
        kept[.year] = String(year)
        kept[.iso] = "434"
        kept[.region] = "Northern Africa"
        kept[.country] = "Libya"
        return kept
    }
}

extension KeptColumns {
    /// The kept columns of a row in ``Incident/Column`` order (a store's row read back).
    public init(row: some IncidentColumns) {
        self.init()
        for column in KeptColumns.columns {
            if let text = row.text(column.index) { self[column] = String(decoding: text, as: UTF8.self) }
        }
    }
}
