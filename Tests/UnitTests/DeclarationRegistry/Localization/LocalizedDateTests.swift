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
