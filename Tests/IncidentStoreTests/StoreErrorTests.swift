import Foundation
import Testing
@testable import IncidentStore

/// The store's errors tell the user what to do, and what they name exists.
@Suite struct StoreErrorTests {
    /// The Debian packages Scripts/setup installs, read from its `packages=(…)` list.
    static func packagesSetupInstalls() throws -> Set<String> {
        let setup = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/setup")
        let text = try String(contentsOf: setup, encoding: .utf8)
        let list = try #require(text.firstMatch(of: /packages=\(([^)]*)\)/)?.1)
        return Set(list.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    @Test func withoutSpatiaLiteItNamesThePackageSetupInstalls() throws {
        let message = StoreError.spatiaLiteUnavailable(reason: "cannot load mod_spatialite: not found").description
        let packages = try Self.packagesSetupInstalls()
        #expect(packages.contains("libsqlite3-mod-spatialite"))
        let named = Set(message.matches(of: /lib[a-z0-9.+-]*[a-z0-9]/).map { String($0.0) })
        #expect(!named.isEmpty)
        #expect(named.isSubset(of: packages), "\(message) names \(named.subtracting(packages)), which Scripts/setup does not install")
        #expect(message.contains("Scripts/setup"))
    }
}
