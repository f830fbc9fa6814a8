/// Where a signatory sits: a country, or a subdivision of one, named by its
/// ISO 3166 code.
///
/// Accepted forms:
/// - an ISO 3166-1 alpha-2 country code: "FR", "KE";
/// - an ISO 3166-2 subdivision code: the country code, a hyphen and 1 to 3
///   uppercase letters or digits: "US-TX", "GB-SCT", "FR-75C", "KE-11".
///
/// The country part must be a code ISO 3166-1 assigns. `init(code:)`, the rule
/// of the format that verification applies, checks the subdivision part for
/// its form only; `init(assignedCode:)`, the rule for new statements, also
/// requires it to be in the ISO 3166-2 list the project carries (`Subdivision`),
/// which changes every year (docs/FORMAT.md 5.3 says why). Parsing is strict: no
/// lowercase, no spaces, no other separator. A value read back from the
/// registry is then byte for byte the value that was signed; a command line
/// may uppercase and trim what a user typed before parsing it.
public struct Jurisdiction: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The code exactly as parsed, such as "US-TX".
    public let code: String
    /// The country the jurisdiction is in (all of it, for a country code).
    public let country: Country
    /// The part after the hyphen, such as "TX", or nil for a whole country.
    public let subdivision: String?

    /// Parses an ISO 3166-1 alpha-2 or ISO 3166-2 code.
    /// - Throws: `JurisdictionError` saying which part is wrong.
    public init(code: String) throws(JurisdictionError) {
        guard !code.isEmpty else { throw JurisdictionError.empty }
        let bytes = Array(code.utf8)
        guard bytes.count >= 2, bytes[0..<2].allSatisfy(CodeCharacters.isUppercaseLetter),
              bytes.count == 2 || bytes[2] == UInt8(ascii: "-")
        else {
            throw JurisdictionError.malformed(found: code)
        }
        let country = try Country(code: String(decoding: bytes[0..<2], as: UTF8.self))
        if bytes.count == 2 {
            self.init(code: code, country: country, subdivision: nil)
            return
        }
        let part = bytes[3...]
        let subdivision = String(decoding: part, as: UTF8.self)
        guard (1...3).contains(part.count),
              part.allSatisfy({ CodeCharacters.isUppercaseLetter($0) || CodeCharacters.isDigit($0) })
        else {
            throw JurisdictionError.malformedSubdivision(code: code, subdivision: subdivision)
        }
        self.init(code: code, country: country, subdivision: subdivision)
    }

    /// Parses a code as `init(code:)` does, and also requires a subdivision
    /// code to be one ISO 3166-2 lists (iso-codes `Subdivision.isoCodesVersion`):
    /// the check `sign` and `append` make of a new statement.
    /// - Throws: `JurisdictionError`, `.unknownSubdivision` for a well-formed
    ///   code the list does not hold ("US-ZZ"), with near misses to offer.
    public init(assignedCode code: String) throws(JurisdictionError) {
        try self.init(code: code)
        guard isListed else { throw JurisdictionError.unknownSubdivision(code: code) }
    }

    private init(code: String, country: Country, subdivision: String?) {
        self.code = code
        self.country = country
        self.subdivision = subdivision
    }

    /// True when the jurisdiction is a whole country rather than a subdivision.
    public var isCountry: Bool { subdivision == nil }

    /// The code, such as "US-TX".
    public var description: String { code }

    /// The subdivision, if the code is one ISO 3166-2 lists; nil for a
    /// country, and for a subdivision code that is well formed but not listed
    /// (which a registry written before the list was carried may hold).
    public var listedSubdivision: Subdivision? {
        subdivision == nil ? nil : Subdivision(code: code)
    }

    /// True for a country, and for a subdivision ISO 3166-2 lists.
    public var isListed: Bool { isCountry || listedSubdivision != nil }

    /// The jurisdiction's name in `language`, for people to read: a
    /// country's name ("Mexique"), or a subdivision's followed by its
    /// country's ("Jalisco, Mexique", "Jalisco, México", "Jalisco, Mexico").
    /// A subdivision code the list does not hold keeps its code
    /// ("US-ZZ, États-Unis").
    public func name(in language: Language) -> String {
        guard subdivision != nil else { return country.name(in: language) }
        let own = listedSubdivision?.name(in: language) ?? code
        return own + ", " + country.name(in: language)
    }
}
