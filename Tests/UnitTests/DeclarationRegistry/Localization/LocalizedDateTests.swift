import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing

@Suite struct LocalizedDateTests {
    @Test(arguments: [
        (2016, 12, 9, "9 December 2016", "9 décembre 2016", "9 de diciembre de 2016"),
        (2016, 12, 1, "1 December 2016", "1er décembre 2016", "1 de diciembre de 2016"),
        (2016, 2, 29, "29 February 2016", "29 février 2016", "29 de febrero de 2016"),
        (2017, 1, 1, "1 January 2017", "1er janvier 2017", "1 de enero de 2017"),
        (2017, 8, 15, "15 August 2017", "15 août 2017", "15 de agosto de 2017"),
        (2017, 9, 21, "21 September 2017", "21 septembre 2017", "21 de septiembre de 2017"),
        (2017, 12, 31, "31 December 2017", "31 décembre 2017", "31 de diciembre de 2017"),
    ])
    func longForms(year: Int, month: Int, day: Int, en: String, fr: String, es: String) throws {
        let date = try LocalizedDate(year: year, month: month, day: day)
        #expect(date.formatted(in: .en) == en)
        #expect(date.formatted(in: .fr) == fr)
        #expect(date.formatted(in: .es) == es)
    }

    @Test func everyMonthHasItsOwnName() throws {
        for language in Language.allCases {
            let names = try (1...12).map { try LocalizedDate(year: 2016, month: $0, day: 2).formatted(in: language) }
            #expect(Set(names).count == 12, "\(language)")
        }
        #expect(try LocalizedDate(year: 2016, month: 2, day: 3).formatted(in: .fr) == "3 février 2016")
        #expect(try LocalizedDate(year: 2016, month: 6, day: 3).formatted(in: .es) == "3 de junio de 2016")
    }

    @Test func fromRFC3339Time() throws {
        let date = try LocalizedDate(rfc3339: "2016-12-09T10:00:00Z")
        #expect(date == (try LocalizedDate(year: 2016, month: 12, day: 9)))
        #expect(date.description == "2016-12-09")
        #expect(try LocalizedDate(rfc3339: "2016-12-09T23:59:59Z").formatted(in: .fr) == "9 décembre 2016")
        #expect(throws: RFC3339Error.self) { try LocalizedDate(rfc3339: "2016-12-09") }
    }

    @Test func fromDateTakesTheUTCDay() throws {
        // 2016-12-09T00:00:00Z is 1 481 241 600 s after the epoch, whatever the machine's time zone.
        #expect(try LocalizedDate(Date(timeIntervalSince1970: 1_481_241_600)).description == "2016-12-09")
        #expect(try LocalizedDate(Date(timeIntervalSince1970: 1_481_241_599.5)).description == "2016-12-08")
        #expect(try LocalizedDate(Date(timeIntervalSince1970: -1)).description == "1969-12-31")
        #expect(throws: RFC3339Error.self) { try LocalizedDate(Date(timeIntervalSince1970: .nan)) }
    }

    @Test(arguments: [
        (2017, 2, 29, "day", 1...28),
        (1900, 2, 29, "day", 1...28),
        (2016, 4, 31, "day", 1...30),
        (2016, 12, 0, "day", 1...31),
        (2016, 13, 1, "month", 1...12),
        (2016, 0, 1, "month", 1...12),
        (10_000, 1, 1, "year", 0...9999),
        (-1, 1, 1, "year", 0...9999),
    ])
    func invalidDatesAreRefused(year: Int, month: Int, day: Int, field: String, expected: ClosedRange<Int>) {
        let value = field == "year" ? year : field == "month" ? month : day
        #expect(throws: RFC3339Error.outOfRange(found: "\(year)-\(month)-\(day)", field: field, value: value,
                                                 expected: expected)) {
            try LocalizedDate(year: year, month: month, day: day)
        }
    }

    @Test func leapDays() throws {
        for year in [2000, 2016, 2020, 2400] {
            #expect(throws: Never.self) { try LocalizedDate(year: year, month: 2, day: 29) }
        }
        for year in [1900, 2017, 2100, 2200] {
            #expect(throws: RFC3339Error.self) { try LocalizedDate(year: year, month: 2, day: 29) }
        }
    }

    @Test func chronologicalOrder() throws {
        let days = try [(2017, 1, 1), (2016, 12, 9), (2016, 2, 29)]
            .map { try LocalizedDate(year: $0.0, month: $0.1, day: $0.2) }
        #expect(days.sorted().map(\.description) == ["2016-02-29", "2016-12-09", "2017-01-01"])
    }
}

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0),
        ("2016-12-09T10:00:00Z", 1_481_277_600),
        ("2000-02-29T23:59:59Z", 951_868_799),
        ("2000-03-01T00:00:00Z", 951_868_800),
        ("1969-12-31T23:59:59Z", -1),
        ("2038-01-19T03:14:08Z", 2_147_483_648),
        ("0000-01-01T00:00:00Z", -62_167_219_200),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ])
    func knownInstants(text: String, secondsSince1970: Int) throws {
        let date = try RFC3339.date(from: text)
        #expect(date.timeIntervalSince1970 == TimeInterval(secondsSince1970))
        #expect(try RFC3339.string(from: date) == text)
    }

    @Test func formattingDropsFractionsTowardsThePast() throws {
        #expect(try RFC3339.string(from: Date(timeIntervalSince1970: 1_481_277_600.999)) == "2016-12-09T10:00:00Z")
        #expect(try RFC3339.string(from: Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 253_402_300_800, -62_167_219_201])
    func unrepresentableDatesAreRefused(seconds: Double) {
        #expect(throws: RFC3339Error.self) { try RFC3339.string(from: Date(timeIntervalSince1970: seconds)) }
    }

    @Test(arguments: [
        ("2017-02-29T00:00:00Z", "day", 29, 1...28),
        ("2100-02-29T00:00:00Z", "day", 29, 1...28),
        ("2016-04-31T00:00:00Z", "day", 31, 1...30),
        ("2016-12-00T00:00:00Z", "day", 0, 1...31),
        ("2016-13-09T00:00:00Z", "month", 13, 1...12),
        ("2016-00-09T00:00:00Z", "month", 0, 1...12),
        ("2016-12-09T24:00:00Z", "hour", 24, 0...23),
        ("2016-12-09T10:60:00Z", "minute", 60, 0...59),
        ("2016-12-09T10:00:61Z", "second", 61, 0...59),
    ])
    func outOfRangeFieldsAreRefused(text: String, field: String, value: Int, expected: ClosedRange<Int>) {
        #expect(throws: RFC3339Error.outOfRange(found: text, field: field, value: value, expected: expected)) {
            try RFC3339.date(from: text)
        }
    }

    @Test(arguments: [
        ("2016-12-09T10:00:00.5Z", RFC3339Error.fractionalSeconds(found: "2016-12-09T10:00:00.5Z")),
        ("2016-12-09T10:00:00.000Z", .fractionalSeconds(found: "2016-12-09T10:00:00.000Z")),
        ("2016-12-09T11:00:00+01:00", .notUTC(found: "2016-12-09T11:00:00+01:00")),
        ("2016-12-09T10:00:00-00:00", .notUTC(found: "2016-12-09T10:00:00-00:00")),
        ("2016-12-31T23:59:60Z", .leapSecond(found: "2016-12-31T23:59:60Z")),
        ("2016-12-09t10:00:00Z", .malformed(found: "2016-12-09t10:00:00Z")),
        ("2016-12-09T10:00:00z", .malformed(found: "2016-12-09T10:00:00z")),
        ("2016-12-09 10:00:00Z", .malformed(found: "2016-12-09 10:00:00Z")),
        ("2016-12-09T10:00Z", .malformed(found: "2016-12-09T10:00Z")),
        ("2016-12-09", .malformed(found: "2016-12-09")),
        ("2016-12-09T10:00:00ZZ", .malformed(found: "2016-12-09T10:00:00ZZ")),
        ("2016-12-9T10:00:00Z", .malformed(found: "2016-12-9T10:00:00Z")),
        ("+2016-12-09T10:00:00Z", .malformed(found: "+2016-12-09T10:00:00Z")),
        ("２０１６-12-09T10:00:00Z", .malformed(found: "２０１６-12-09T10:00:00Z")),
        ("", .malformed(found: "")),
    ])
    func badFormsAreRefused(text: String, error: RFC3339Error) {
        #expect(throws: error) { try RFC3339.date(from: text) }
    }

    @Test func messagesShowTheExpectedForm() {
        let message = RFC3339Error.malformed(found: "9/12/2016").description
        #expect(message.contains("\"9/12/2016\"") && message.contains("YYYY-MM-DDTHH:MM:SSZ")
            && message.contains("2016-12-09T10:00:00Z"))
        #expect(RFC3339Error.outOfRange(found: "2017-02-29T00:00:00Z", field: "day", value: 29, expected: 1...28)
            .description.contains("day 29; expected 1 to 28"))
    }

    /// Cross-checks the calendar arithmetic against Foundation's Gregorian
    /// calendar (which the library itself does not use) on one day in 97 from
    /// 1600 to 9999, a step that meets every month and leap-year rule.
    @Test func agreesWithFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = try RFC3339.date(from: "1600-01-01T00:00:00Z").timeIntervalSince1970
        let last = try RFC3339.date(from: "9999-12-31T00:00:00Z").timeIntervalSince1970
        var checked = 0
        for seconds in stride(from: first, through: last, by: 97 * 86_400 + 3_661) {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year ?? -1, parts.month ?? -1,
                                  parts.day ?? -1, parts.hour ?? -1, parts.minute ?? -1, parts.second ?? -1)
            let text = try RFC3339.string(from: date)
            #expect(text == expected)
            #expect(try RFC3339.date(from: text) == date)
            checked += 1
        }
        #expect(checked > 30_000)
    }
}
