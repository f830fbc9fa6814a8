/// Codes people write for a country that are not its ISO 3166-1 alpha-2
/// code: reserved codes in common use, and the alpha-3 codes.
///
/// These are never accepted as a jurisdiction (a signed code has one
/// spelling); they are offered as "did you mean GB?" and found by the lookup.
/// docs/LOCALIZATION.md lists them.
package enum CountryAliases {
    /// Codes ISO 3166 reserves, or that other standards use, to the assigned
    /// code a person writing them means.
    package static let reserved: [String: String] = [
        "UK": "GB", // the United Kingdom: exceptionally reserved, used by the EU and the .uk domain
        "EL": "GR", // Greece in the EU's own codes
        "FX": "FR", // "Metropolitan France": exceptionally reserved
        "IC": "ES", // the Canary Islands: exceptionally reserved
        "EA": "ES", // Ceuta and Melilla: exceptionally reserved
        "CP": "FR", // Clipperton: exceptionally reserved
        "AC": "SH", // Ascension Island: exceptionally reserved
        "TA": "SH", // Tristan da Cunha: exceptionally reserved
        "DG": "IO", // Diego Garcia: exceptionally reserved
        "BU": "MM", // Burma: transitionally reserved
        "TP": "TL", // East Timor: transitionally reserved
        "ZR": "CD", // Zaire: transitionally reserved
        "YU": "RS", // Yugoslavia: transitionally reserved
    ]

    /// The assigned alpha-2 code `code` stands for, if it is one of the
    /// reserved codes above or an ISO 3166-1 alpha-3 code ("FRA", "USA").
    package static func country(for code: String) -> Country? {
        guard let alpha2 = reserved[code] ?? Country.alpha3[code] else { return nil }
        return try? Country(code: alpha2)
    }
}
