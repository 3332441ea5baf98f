import Extraction
import IncidentMapCore

extension ExtractedIncident {
    /// The incident to store, with what incidentmap knows of ACLED's columns that an article
    /// does not give: the year of its date and, for a place in Libya (extraction gives no
    /// incident at a foreign place), ACLED's country, region and ISO code
    /// (``KeptColumns/libyan(year:)``). The rest of them stay empty. `nil` when its date is unknown.
    func storedIncident() -> Incident? {
        guard var incident = incident() else { return nil }
        if place.countryCode == "LY" {
            incident.keptColumns = incident.keptColumns.filled(from: .libyan(year: incident.eventDate.year))
        } else {
            incident.keptColumns[.year] = String(incident.eventDate.year)
        }
        return incident
    }
}
