import IncidentMapCore
import TextMatching

/// One spelling search compares a query with: the place it names, the name as the place has it
/// (or as `NameVariants` writes it), and its `SearchKey`.
package struct SearchEntry: Hashable, Sendable {
    package var placeID: String
    package var name: String
    package var key: SearchKey

    package init(placeID: String, name: String, key: SearchKey) {
        self.placeID = placeID
        self.name = name
        self.key = key
    }

    /// Every spelling of `places` (in their order, each place's names then the forms the spelling
    /// rules make), but names the context rules ignore for that place.
    package static func entries(of places: [Place], rules: ContextRules, tokens known: TokenCache) -> [SearchEntry] {
        var entries: [SearchEntry] = []
        for place in places {
            for name in NameVariants.expanded(place.names) {
                let tokens = known.tokens(of: name)
                let keys = tokens.map(\.key)
                guard !keys.isEmpty, !rules.isIgnored(keys, for: place.id) else { continue }
                entries.append(SearchEntry(placeID: place.id, name: name, key: SearchKey(tokens: tokens)))
            }
        }
        return entries
    }
}
