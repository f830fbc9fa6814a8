/// Why a country or jurisdiction code was refused.
public enum JurisdictionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code was empty.
    case empty
    /// The code is not shaped like "CC" or "CC-SSS" (uppercase ASCII letters
    /// and digits, one hyphen at most).
    case malformed(found: String)
    /// The country part is well formed but ISO 3166-1 assigns no such code.
    case unknownCountry(code: String)
    /// The part after the hyphen is not 1 to 3 uppercase letters or digits.
    case malformedSubdivision(code: String, subdivision: String)
    /// The code is well formed but ISO 3166-2, as the project carries it,
    /// lists no such subdivision ("US-ZZ").
    case unknownSubdivision(code: String)

    public var description: String {
        switch self {
        case .empty:
            return "the jurisdiction code is empty; expected an ISO 3166-1 alpha-2 country code such as \"FR\" "
                + "or an ISO 3166-2 subdivision code such as \"US-TX\""
        case .malformed(let found):
            return "\"\(found)\" is not a jurisdiction code; expected an ISO 3166-1 alpha-2 country code "
                + "such as \"FR\" or an ISO 3166-2 subdivision code such as \"US-TX\"" + JurisdictionError.hint(for: found)
        case .unknownCountry(let code):
            return "\"\(code)\" is not an assigned ISO 3166-1 alpha-2 country code; "
                + (JurisdictionError.offer(suggestions) ?? "expected one such as \"FR\", \"KE\" or \"US\"")
        case .malformedSubdivision(let code, let subdivision):
            return "\"\(code)\" has the subdivision part \"\(subdivision)\"; expected 1 to 3 uppercase letters "
                + "or digits after the hyphen, as in \"US-TX\", \"GB-SCT\" or \"KE-11\""
                + JurisdictionError.hint(for: code)
        case .unknownSubdivision(let code):
            let country = (try? Jurisdiction(code: code))?.country
            let countryCode = country?.code ?? String(code.prefix(2))
            let listed = country.map { Subdivision.all(in: $0).count } ?? 0
            let what = "\"\(code)\" is not a subdivision of \(country?.name(in: .en) ?? countryCode) in ISO 3166-2 "
                + "(iso-codes \(Subdivision.isoCodesVersion) lists \(listed) for \(countryCode))"
            let next = "use \"\(countryCode)\" for the whole country, or the code ISO 3166-2 gives the subdivision"
            if let offer = JurisdictionError.offer(suggestions) {
                return what + "; " + offer + " Otherwise " + next
            }
            return what + "; " + next
        }
    }

    /// Listed jurisdictions the person may have meant, best first: for an
    /// unassigned country code, the country an alias stands for ("UK" → GB,
    /// "FRA" → FR) or the code with its letters swapped ("RF" → FR); for an unlisted
    /// subdivision, subdivisions of the same country whose code is one
    /// mistake away ("US-ZZ" → US-AZ) or whose name starts with the part
    /// typed ("MX-JA" → MX-JAL, Jalisco). Empty for the other errors.
    public var suggestions: [Jurisdiction] {
        switch self {
        case .empty, .malformed, .malformedSubdivision:
            return []
        case .unknownCountry(let code):
            if let country = CountryAliases.country(for: code), let jurisdiction = try? Jurisdiction(code: country.code) {
                return [jurisdiction]
            }
            // A two-letter code has dozens of neighbours one letter away, too
            // many to mean anything; only the two letters swapped are offered.
            return (try? Jurisdiction(code: String(code.reversed()))).map { [$0] } ?? []
        case .unknownSubdivision(let code):
            guard let parsed = try? Jurisdiction(code: code), let part = parsed.subdivision else { return [] }
            let typed = Array(part.utf8)
            let folded = NameFolding.folded(part)
            let near: [(distance: Int, subdivision: Subdivision)] = Subdivision.all(in: parsed.country).compactMap { listed in
                let listedPart = Array(listed.code.utf8.dropFirst(3))
                if let distance = NameFolding.distance(listedPart, typed, limit: 1) { return (distance, listed) }
                let named = Language.allCases.contains { NameFolding.folded(listed.name(in: $0)).starts(with: folded) }
                return named ? (2, listed) : nil
            }
            return near.sorted { ($0.distance, $0.subdivision.code) < ($1.distance, $1.subdivision.code) }
                .prefix(JurisdictionError.suggestionLimit).compactMap { try? Jurisdiction(code: $0.subdivision.code) }
        }
    }

    private static let suggestionLimit = 5

    /// "did you mean "US-AZ" (Arizona)?", or nil when there is nothing to offer.
    private static func offer(_ suggestions: [Jurisdiction]) -> String? {
        guard !suggestions.isEmpty else { return nil }
        let listed = suggestions.map { "\"\($0.code)\" (\($0.listedSubdivision?.name(in: .en) ?? $0.country.name(in: .en)))" }
        return "did you mean " + listed.joined(separator: ", ") + "?"
    }

    /// Codes are case-sensitive; point at the uppercase form when that would do.
    private static func hint(for found: String) -> String {
        let upper = String(decoding: found.utf8.map { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
        }, as: UTF8.self)
        guard upper != found, (try? Jurisdiction(code: upper)) != nil else { return "" }
        return " (codes are uppercase: did you mean \"\(upper)\"?)"
    }
}
