/// A country or territory named by its ISO 3166-1 alpha-2 code, with its name
/// in each of the registry's languages.
///
/// The names come from a table the project carries (`CountryNames.swift`,
/// generated once from CLDR by `scripts/generate-countries.swift`), so they do
/// not depend on the ICU or CLDR version of the machine that runs the registry.
public struct Country: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The ISO 3166-1 alpha-2 code, two uppercase ASCII letters such as "FR".
    public let code: String

    /// The country with the assigned ISO 3166-1 alpha-2 code `code`.
    ///
    /// The code must be written exactly as ISO writes it: two uppercase
    /// letters. Lowercase input is refused rather than normalised, so that a
    /// value read back from the registry is byte for byte the value that was
    /// signed; a command line may uppercase what a user typed before calling this.
    /// - Throws: `JurisdictionError.malformed` if `code` is not two uppercase
    ///   letters, `.unknownCountry` if ISO 3166-1 does not assign it.
    public init(code: String) throws(JurisdictionError) {
        guard code.utf8.count == 2, code.utf8.allSatisfy(CodeCharacters.isUppercaseLetter) else {
            throw JurisdictionError.malformed(found: code)
        }
        guard Country.index[code] != nil else {
            throw JurisdictionError.unknownCountry(code: code)
        }
        self.code = code
    }

    /// Every country with an assigned ISO 3166-1 alpha-2 code, sorted by code.
    public static let all: [Country] = names.map { Country(trustedCode: $0.code) }

    /// The country's common short name in `language`, such as "South Korea",
    /// "Corée du Sud" or "Corea del Sur" for KR.
    public func name(in language: Language) -> String {
        // `init(code:)` admits only codes in the table, so the lookup succeeds;
        // the code itself is the fallback rather than a trap.
        guard let entry = Country.index[code].map({ Country.names[$0] }) else { return code }
        switch language {
        case .en: return entry.en
        case .fr: return entry.fr
        case .es: return entry.es
        }
    }

    /// The alpha-2 code.
    public var description: String { code }

    /// Orders countries by code; use `Collation` to order them by name.
    public static func < (lhs: Country, rhs: Country) -> Bool {
        lhs.code.utf8.lexicographicallyPrecedes(rhs.code.utf8)
    }


    private init(trustedCode: String) {
        self.code = trustedCode
    }

    /// Position of each code in `names`.
    private static let index: [String: Int] = Dictionary(
        names.enumerated().map { ($0.element.code, $0.offset) },
        uniquingKeysWith: { first, _ in first }
    )
}

/// One row of the generated country-name table.
struct CountryName: Sendable {
    let code: String
    let en: String
    let fr: String
    let es: String

    init(_ code: String, en: String, fr: String, es: String) {
        self.code = code
        self.en = en
        self.fr = fr
        self.es = es
    }
}

/// Byte classes for the ASCII-only codes of ISO 3166 and RFC 3339.
enum CodeCharacters {
    static func isUppercaseLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
