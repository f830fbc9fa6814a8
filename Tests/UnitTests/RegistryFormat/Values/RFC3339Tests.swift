import Foundation
import RegistryFormat
import Testing

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
