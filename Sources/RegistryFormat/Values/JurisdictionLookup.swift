/// Finds the jurisdictions a person may mean by what they typed: a code, or a
/// country's or subdivision's name in English, French, Spanish or the local
/// language, in any case, with or without accents ("texas", "Île de France",
/// "Nouvelle-Zélande", "uk").
///
/// For a dialogue to offer "Texas → US-TX" and for error messages' "did you
/// mean"; never to decide what is signed: the person picks a code.
public enum JurisdictionLookup {
    /// The jurisdictions matching `typed`, best first, at most `limit`:
    /// the exact code, then an alias of a code (UK for GB, FRA for FR), then
    /// exact names, then names beginning with (or with a word beginning
    /// with) what was typed, then names within a few typing mistakes. Within
    /// each kind of match, countries come before subdivisions, then codes in
    /// order. Each jurisdiction appears once, for its best match.
    public static func candidates(for typed: String, limit: Int = 8) -> [JurisdictionCandidate] {
        let trimmed = String(typed.unicodeScalars.filter { !$0.properties.isWhitespace || $0 == " " })
        var found: [String: JurisdictionCandidate] = [:]
        func offer(_ candidate: JurisdictionCandidate) {
            if let known = found[candidate.jurisdiction.code], known.rank <= candidate.rank { return }
            found[candidate.jurisdiction.code] = candidate
        }
        let code = codeForm(of: trimmed)
        if let jurisdiction = try? Jurisdiction(assignedCode: code) {
            offer(JurisdictionCandidate(jurisdiction, match: .code, matched: code, language: nil))
        }
        if let alias = aliased(code) {
            offer(JurisdictionCandidate(alias, match: .alias, matched: code, language: nil))
        }
        let query = NameFolding.folded(trimmed)
        if query.count >= 2 {
            let limit = query.count < 4 ? 0 : query.count <= 6 ? 1 : query.count <= 10 ? 2 : 3
            let wordStart: [Unicode.Scalar] = [" "] + query
            for entry in index {
                let match: JurisdictionCandidate.Match
                var distance = 0
                if entry.folded == query {
                    match = .name
                } else if entry.folded.starts(with: query)
                    || (query.count >= 3 && entry.folded.contains(wordStart)) {
                    match = .prefix
                } else if limit > 0, let within = NameFolding.distance(entry.folded, query, limit: limit) {
                    match = .fuzzy
                    distance = within
                } else {
                    continue
                }
                guard let jurisdiction = try? Jurisdiction(code: entry.code) else { continue }
                offer(JurisdictionCandidate(jurisdiction, match: match, matched: entry.name,
                                            language: entry.language, distance: distance))
            }
        }
        return found.values.sorted { $0.rank < $1.rank }.prefix(max(0, limit)).map { $0 }
    }

    /// What was typed as a code would be written: uppercase ASCII, a space,
    /// underscore or dot between the two parts read as the hyphen.
    private static func codeForm(of text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count <= 8, scalars.allSatisfy(\.isASCII) else { return text }
        return String(String.UnicodeScalarView(scalars.map { scalar in
            switch scalar {
            case "a"..."z": Unicode.Scalar(scalar.value - 32) ?? scalar
            case " ", "_", ".": "-"
            default: scalar
            }
        }))
    }

    /// The jurisdiction an alias code stands for: "UK" → GB, "UK-SCT" → GB-SCT, "FRA" → FR.
    private static func aliased(_ code: String) -> Jurisdiction? {
        let parts = code.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let country = CountryAliases.country(for: String(first)) else { return nil }
        let target = parts.count == 2 ? country.code + "-" + parts[1] : country.code
        return try? Jurisdiction(assignedCode: target)
    }

    /// One name of one jurisdiction, folded once.
    private struct IndexEntry: Sendable {
        let code: String
        let name: String
        let language: Language?
        let folded: [Unicode.Scalar]
    }

    /// Every country's and subdivision's names, each distinct folded form once.
    private static let index: [IndexEntry] = {
        var entries: [IndexEntry] = []
        func add(_ code: String, _ names: [(String, Language?)]) {
            var seen: Set<[Unicode.Scalar]> = []
            for (name, language) in names {
                let folded = NameFolding.folded(name)
                if seen.insert(folded.map { $0 }).inserted {
                    entries.append(IndexEntry(code: code, name: name, language: language, folded: folded))
                }
            }
        }
        for country in Country.all {
            add(country.code, Language.allCases.map { (country.name(in: $0), $0) })
        }
        for subdivision in Subdivision.all {
            add(subdivision.code, Language.allCases.map { (subdivision.name(in: $0), $0) } + [(subdivision.localName, nil)])
        }
        return entries
    }()
}

/// A jurisdiction `JurisdictionLookup` found, and how.
public struct JurisdictionCandidate: Sendable, Hashable {
    /// How what was typed matched, best first.
    public enum Match: Int, Sendable, Hashable, Comparable {
        /// The jurisdiction's code, in any case ("us-tx").
        case code
        /// A code people use for the country that is not its ISO code ("UK", "FRA").
        case alias
        /// A name, ignoring case, accents and punctuation ("ile de france").
        case name
        /// The beginning of a name or of one of its words ("jal", "zelande").
        case prefix
        /// A name within a few typing mistakes ("Méjico", "Texsa").
        case fuzzy

        public static func < (lhs: Match, rhs: Match) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The jurisdiction.
    public let jurisdiction: Jurisdiction
    /// How it matched.
    public let match: Match
    /// The code or name that matched, as the table writes it ("Nouvelle-Zélande").
    public let matched: String
    /// The language of the name that matched; nil for a code or an
    /// iso-codes local name that is not one of the three languages.
    public let language: Language?
    /// For a fuzzy match, the number of typing mistakes; otherwise 0.
    public let distance: Int

    init(_ jurisdiction: Jurisdiction, match: Match, matched: String, language: Language?, distance: Int = 0) {
        self.jurisdiction = jurisdiction
        self.match = match
        self.matched = matched
        self.language = language
        self.distance = distance
    }

    /// The order of `candidates(for:)`.
    fileprivate var rank: Rank {
        Rank(match: match, distance: distance, isSubdivision: !jurisdiction.isCountry, code: jurisdiction.code)
    }
}

/// Sort key of a candidate.
private struct Rank: Comparable {
    let match: JurisdictionCandidate.Match
    let distance: Int
    let isSubdivision: Bool
    let code: String

    static func < (lhs: Rank, rhs: Rank) -> Bool {
        if lhs.match != rhs.match { return lhs.match < rhs.match }
        if lhs.distance != rhs.distance { return lhs.distance < rhs.distance }
        if lhs.isSubdivision != rhs.isSubdivision { return !lhs.isSubdivision }
        return lhs.code.utf8.lexicographicallyPrecedes(rhs.code.utf8)
    }
}
