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

    public var description: String {
        switch self {
        case .empty:
            return "the jurisdiction code is empty; expected an ISO 3166-1 alpha-2 country code such as \"FR\" "
                + "or an ISO 3166-2 subdivision code such as \"US-TX\""
        case .malformed(let found):
            return "\"\(found)\" is not a jurisdiction code; expected an ISO 3166-1 alpha-2 country code "
                + "such as \"FR\" or an ISO 3166-2 subdivision code such as \"US-TX\"" + JurisdictionError.hint(for: found)
        case .unknownCountry(let code):
            return "\"\(code)\" is not an assigned ISO 3166-1 alpha-2 country code; expected one such as "
                + "\"FR\", \"KE\" or \"US\""
        case .malformedSubdivision(let code, let subdivision):
            return "\"\(code)\" has the subdivision part \"\(subdivision)\"; expected 1 to 3 uppercase letters "
                + "or digits after the hyphen, as in \"US-TX\", \"GB-SCT\" or \"KE-11\""
                + JurisdictionError.hint(for: code)
        }
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
