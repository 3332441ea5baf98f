import Testing
@testable import Extraction

/// A place that changed hands without a fight is ACLED's non-violent transfer of territory, not
/// a battle (`NonViolentTransfer.swift`). Sentences written for the test.
@Suite struct NonViolentTransferTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    static let transfer = "2217362 Strategic developments/Non-violent transfer of territory 2019-04-08"

    @Test(arguments: [
        // A taking that met no fight.
        ("سيطرت القوات على معسكر في غريان أمس دون قتال", [transfer]),
        ("Rebels took control of Gharyan yesterday without firing a shot.", [transfer]),
        // An entry told with no trigger of its own.
        ("دخلت وحدات الجيش غريان أمس دون أي مقاومة", [transfer]),
        ("The army entered Gharyan yesterday without a fight.", [transfer]),
        // Taken with no clashes; a night with none is no event.
        ("سيطرت القوات على غريان أمس دون اشتباكات", [transfer]),
        ("مرت الليلة الماضية في غريان دون اشتباكات", []),
        // A camp handed over.
        ("جرى أمس تسليم معسكر في غريان إلى وزارة الدفاع", [transfer]),
    ])
    func aPlaceTakenWithoutAFightIsATransfer(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    /// The words of no fight retype the trigger right before them only: a town taken after a
    /// withdrawal that met no fight is still taken in battle, and the withdrawal a transfer.
    @Test func aTakingBesideAnUnopposedWithdrawalStaysABattle() {
        #expect(Set(summary("سيطرت القوات على غريان أمس بعد انسحاب المسلحين منها دون قتال"))
                == ["2217362 Battles/Non-state actor overtakes territory 2019-04-08", Self.transfer])
    }
}
