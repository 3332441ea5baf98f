import IncidentMapCore

/// The files of `Gazetteer/` read into the layers the gazetteer joins, by their names:
/// `osm-*.tsv` (OpenStreetMap), `geonames-*.tsv` (GeoNames), `places-*.tsv` (curated) and
/// `context.tsv` (the context rules). Whatever files of these names are there are read, in the
/// order of their names.
///
/// ```swift
/// let layers = try GazetteerLayers(files: [("places-libya.tsv", text), ("context.tsv", rules)])
/// layers.curated.count
/// ```
public struct GazetteerLayers: Sendable {
    public var geoNames: [Place] = []
    public var openStreetMap: [Place] = []
    public var curated: [Place] = []
    public var rules = ContextRules()

    public init() {}

    /// Reads `files` (each file's name and text); messages name them as `Gazetteer/NAME`.
    public init(files: [(name: String, text: String)]) throws(GazetteerError) {
        for file in files.sorted(by: { $0.name < $1.name }) {
            let path = "Gazetteer/" + file.name
            if file.name == Self.contextFileName {
                rules = try ContextRules(text: file.text, file: path)
            } else if file.name.hasPrefix("geonames-") {
                geoNames += try PlaceFile.places(fromText: file.text, file: path)
            } else if file.name.hasPrefix("osm-") {
                openStreetMap += try PlaceFile.places(fromText: file.text, file: path)
            } else if file.name.hasPrefix("places-") {
                curated += try PlaceFile.places(fromText: file.text, file: path)
            }
        }
    }

    /// The file of the context rules.
    public static let contextFileName = "context.tsv"

    /// The layers lowest first, as the gazetteer joins them: OpenStreetMap, then GeoNames, then
    /// the curated places (see `PlaceConflation`).
    package var lowestFirst: [[Place]] { [openStreetMap, geoNames, curated] }
}
