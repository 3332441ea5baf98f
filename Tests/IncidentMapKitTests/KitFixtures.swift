import Foundation

/// Where the use cases' tests find the sample data we wrote.
enum KitFixtures {
    /// The repository's root (for `Data/`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The sample incidents we wrote: 14 around Tripoli in April 2019.
    static let sampleIncidents = repository.appendingPathComponent("Data/incidents/tripoli-offensive-2019-04.csv").path
}
