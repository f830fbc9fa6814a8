import Foundation
import RegistryFormat

/// A calendar day in UTC, written out in each language's usual long form.
///
/// - English: day, month, year, as in "9 December 2016" (the order the
///   French and Spanish forms use too, and the one international
///   organisations use in English);
/// - French: "9 décembre 2016", with "1er" for the first of the month;
/// - Spanish: "9 de diciembre de 2016".
///
/// Month names come from the project's own tables, not from ICU, so the text
/// is the same on every machine.
package struct LocalizedDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 0 to 9999.
    package let year: Int
    /// The month, 1 to 12.
    package let month: Int
    /// The day of the month, 1 to 31.
    package let day: Int

    /// The UTC calendar day on which `date` falls.
    /// - Throws: `RFC3339Error.unrepresentable` outside years 0000–9999.
    package init(_ date: Date) throws(RFC3339Error) {
        let civil = CivilDate.date(days: try RFC3339.daysAndSeconds(of: date).days)
        (year, month, day) = (civil.year, civil.month, civil.day)
    }

    /// The UTC calendar day of an RFC 3339 UTC time such as "2016-12-09T10:00:00Z".
    /// - Throws: `RFC3339Error` if `rfc3339` is not in the registry's strict form.
    package init(rfc3339: String) throws(RFC3339Error) {
        let fields = try RFC3339.parse(rfc3339)
        (year, month, day) = (fields.year, fields.month, fields.day)
    }

    /// The given day of the proleptic Gregorian calendar.
    /// - Throws: `RFC3339Error.outOfRange` for a year outside 0–9999, a month
    ///   outside 1–12 or a day the month does not have (29 February 2017).
    package init(year: Int, month: Int, day: Int) throws(RFC3339Error) {
        let found = "\(year)-\(month)-\(day)"
        guard (0...9999).contains(year) else {
            throw RFC3339Error.outOfRange(found: found, field: "year", value: year, expected: 0...9999)
        }
        guard (1...12).contains(month) else {
            throw RFC3339Error.outOfRange(found: found, field: "month", value: month, expected: 1...12)
        }
        let days = CivilDate.daysInMonth(month, of: year)
        guard (1...days).contains(day) else {
            throw RFC3339Error.outOfRange(found: found, field: "day", value: day, expected: 1...days)
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The long form of the date in `language`, such as "1er décembre 2016".
    package func formatted(in language: Language) -> String {
        let monthName = LocalizedDate.monthNames(in: language)[month - 1]
        switch language {
        case .en: return "\(day) \(monthName) \(year)"
        case .fr: return "\(day == 1 ? "1er" : String(day)) \(monthName) \(year)"
        case .es: return "\(day) de \(monthName) de \(year)"
        }
    }

    /// The ISO 8601 calendar date, such as "2016-12-09".
    package var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// Orders days chronologically.
    package static func < (lhs: LocalizedDate, rhs: LocalizedDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Month names as written inside a date: lowercase in French and Spanish.
    static func monthNames(in language: Language) -> [String] {
        switch language {
        case .en:
            return ["January", "February", "March", "April", "May", "June",
                    "July", "August", "September", "October", "November", "December"]
        case .fr:
            return ["janvier", "février", "mars", "avril", "mai", "juin",
                    "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        case .es:
            return ["enero", "febrero", "marzo", "abril", "mayo", "junio",
                    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
        }
    }
}
