import RegistryFormat

/// How every list and export names a jurisdiction: the one place that turns
/// a code into words, so a better name (a subdivision's own) changes them all.
package enum JurisdictionName {
    /// The jurisdiction as a reader of `language` names it: the country's
    /// name for a country ("Mexique"); for a subdivision, its code and the
    /// country's name ("MX-JAL, Mexique"), since the subdivisions' names
    /// are not carried here.
    package static func name(of jurisdiction: Jurisdiction, in language: Language) -> String {
        let country = jurisdiction.country.name(in: language)
        guard !jurisdiction.isCountry else { return country }
        return jurisdiction.code + ", " + country
    }
}
