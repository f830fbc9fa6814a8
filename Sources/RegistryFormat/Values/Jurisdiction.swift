/// Where a signatory sits: a country, or a subdivision of one, named by its
/// ISO 3166 code.
///
/// Accepted forms:
/// - an ISO 3166-1 alpha-2 country code: "FR", "KE";
/// - an ISO 3166-2 subdivision code: the country code, a hyphen and 1 to 3
///   uppercase letters or digits: "US-TX", "GB-SCT", "FR-75C", "KE-11".
///
/// The country part must be a code ISO 3166-1 assigns. The subdivision part is
/// checked for its form only, not looked up in the ISO 3166-2 list, which
/// changes often and which the project does not carry. Parsing is strict: no
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

    private init(code: String, country: Country, subdivision: String?) {
        self.code = code
        self.country = country
        self.subdivision = subdivision
    }

    /// True when the jurisdiction is a whole country rather than a subdivision.
    public var isCountry: Bool { subdivision == nil }

    /// The code, such as "US-TX".
    public var description: String { code }

}
