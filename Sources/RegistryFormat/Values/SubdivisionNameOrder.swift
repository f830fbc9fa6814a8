/// Subdivision names in the order a reader says them.
///
/// iso-codes writes some names inverted, as a gazetteer sorts them: the
/// proper name, a comma, then the designator ("Madrid, Comunidad de",
/// "Bristol, City of", "Tatarstan, Respublika"). Set beside a country's
/// name ("Madrid, Comunidad de, España") that reads as a list. Where the
/// part after the one comma is a designator, it goes first: "Comunidad de
/// Madrid", "City of Bristol", "Respublika Tatarstan". Names whose comma
/// separates two names ("Armagh City, Banbridge and Craigavon", "Virgin
/// Islands, U.S.") are left as they are.
enum SubdivisionNameOrder {
    /// `name` in reading order.
    static func readingOrder(_ name: String) -> String {
        let parts = name.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].first == " " else { return name }
        let proper = parts[0]
        let designator = parts[1].dropFirst()
        guard !proper.isEmpty, isDesignator(designator) else { return name }
        return designator + " " + proper
    }

    /// Whether `text` is a designator: one of the words iso-codes puts
    /// after the comma, or words ending in a preposition that wants the
    /// name after it ("Región de", "principauté des", "City of").
    private static func isDesignator(_ text: Substring) -> Bool {
        let words = text.split(separator: " ")
        guard let last = words.last, words.count <= 4 else { return false }
        if ["de", "del", "des", "du", "of", "din"].contains(last) { return true }
        return designators.contains(String(text))
    }

    private static let designators: Set<String> = [
        "Respublika", "County", "Région", "Region", "Comunidad", "isla", "islas", "Hlavní město",
    ]
}
