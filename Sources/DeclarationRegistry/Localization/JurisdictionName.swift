import RegistryFormat

/// How every list and export names a jurisdiction: the one place that turns
/// a code into words, so that they all name it alike.
package enum JurisdictionName {
    /// The jurisdiction as a reader of `language` names it
    /// (`Jurisdiction.name(in:)`): the country's name for a country
    /// ("Mexique"); for a subdivision, its own name and the country's
    /// ("Jalisco, Mexique"), or its code and the country's name when the
    /// ISO 3166-2 list the tool carries does not hold it ("US-ZZ, États-Unis").
    package static func name(of jurisdiction: Jurisdiction, in language: Language) -> String {
        jurisdiction.name(in: language)
    }
}
