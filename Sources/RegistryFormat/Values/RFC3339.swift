import Foundation

/// Reads and writes UTC times in the one RFC 3339 form the registry uses:
/// `YYYY-MM-DDTHH:MM:SSZ`, such as "2016-12-09T10:00:00Z".
///
/// The form is strict so that every instant has exactly one spelling, which
/// matters because these strings are signed and hashed:
/// - UTC only, written "Z" (uppercase); numeric offsets are refused;
/// - whole seconds only; fractional seconds are refused, and `string(from:)`
///   drops any fraction of a second a `Date` carries (rounding towards the past);
/// - uppercase "T" between date and time; no lowercase, no space;
/// - years 0000 to 9999 of the proleptic Gregorian calendar, months and days
///   checked against the calendar (29 February in leap years only);
/// - no leap second (":60"), since `Date` counts seconds without them.
package enum RFC3339 {
    /// The instant `text` names.
    /// - Throws: `RFC3339Error` naming what is wrong and what was expected.
    package static func date(from text: String) throws(RFC3339Error) -> Date {
        let fields = try parse(text)
        let days = CivilDate.days(year: fields.year, month: fields.month, day: fields.day)
        let seconds = days * 86_400 + fields.hour * 3_600 + fields.minute * 60 + fields.second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The RFC 3339 UTC spelling of `date`, to the second.
    /// - Throws: `RFC3339Error.unrepresentable` for dates outside years 0000–9999.
    package static func string(from date: Date) throws(RFC3339Error) -> String {
        let (days, secondOfDay) = try daysAndSeconds(of: date)
        let civil = CivilDate.date(days: days)
        return pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2) + "T"
            + pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    /// The fields of a well-formed timestamp, range-checked.
    package static func parse(_ text: String) throws(RFC3339Error)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    {
        // Read in place, without copying or allocating: exports parse two
        // timestamps per signatory.
        let scanned = text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
        switch scanned {
        case .fields(let year, let month, let day, let hour, let minute, let second):
            return try checked(text, year, month, day, hour, minute, second)
        case .malformed: throw RFC3339Error.malformed(found: text)
        case .fractionalSeconds: throw RFC3339Error.fractionalSeconds(found: text)
        case .notUTC: throw RFC3339Error.notUTC(found: text)
        }
    }

    /// What the bytes of a timestamp hold, before range checks.
    private enum Scan {
        case fields(Int, Int, Int, Int, Int, Int)
        case malformed
        case fractionalSeconds
        case notUTC
    }

    /// Checks the layout "YYYY-MM-DDTHH:MM:SSZ" and reads its numbers.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
        guard bytes.count >= 20 else { return .malformed }
        for position in 0..<19 {
            let valid: Bool
            switch position {
            case 4, 7: valid = bytes[position] == UInt8(ascii: "-")
            case 10: valid = bytes[position] == UInt8(ascii: "T")
            case 13, 16: valid = bytes[position] == UInt8(ascii: ":")
            default: valid = CodeCharacters.isDigit(bytes[position])
            }
            guard valid else { return .malformed }
        }
        guard bytes.count == 20, bytes[19] == UInt8(ascii: "Z") else {
            switch bytes[19] {
            case UInt8(ascii: "."): return .fractionalSeconds
            case UInt8(ascii: "+"), UInt8(ascii: "-"): return .notUTC
            default: return .malformed
            }
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return .fields(number(0..<4), number(5..<7), number(8..<10), number(11..<13), number(14..<16), number(17..<19))
    }

    /// The fields of a timestamp of the right layout, range-checked.
    private static func checked(_ text: String, _ year: Int, _ month: Int, _ day: Int,
                                _ hour: Int, _ minute: Int, _ second: Int) throws(RFC3339Error)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    {
        func check(_ field: String, _ value: Int, _ expected: ClosedRange<Int>) throws(RFC3339Error) {
            guard expected.contains(value) else {
                throw RFC3339Error.outOfRange(found: text, field: field, value: value, expected: expected)
            }
        }
        try check("month", month, 1...12)
        try check("day", day, 1...CivilDate.daysInMonth(month, of: year))
        try check("hour", hour, 0...23)
        try check("minute", minute, 0...59)
        if second == 60 { throw RFC3339Error.leapSecond(found: text) }
        try check("second", second, 0...59)
        return (year, month, day, hour, minute, second)
    }

    /// Whether `bytes` are a timestamp `date(from:)` accepts, judged without
    /// making a `String` or an error: the verifier's fast path.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard case .fields(let year, let month, let day, let hour, let minute, let second)
                = bytes.withMemoryRebound(to: UInt8.self, scan)
        else { return false }
        // The text is only quoted in the error, made when the check fails.
        return (try? checked("", year, month, day, hour, minute, second)) != nil
    }

    /// Whole days since 1970-01-01 and the second within the day, flooring.
    package static func daysAndSeconds(of date: Date) throws(RFC3339Error) -> (days: Int, secondOfDay: Int) {
        let interval = date.timeIntervalSince1970
        let earliest = TimeInterval(CivilDate.days(year: 0, month: 1, day: 1) * 86_400)
        let latest = TimeInterval(CivilDate.days(year: 10_000, month: 1, day: 1) * 86_400)
        // The comparisons are false for NaN, so it is refused here too.
        guard interval >= earliest, interval < latest else {
            throw RFC3339Error.unrepresentable(secondsSince1970: interval)
        }
        let seconds = Int(interval.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (days, seconds - days * 86_400)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
