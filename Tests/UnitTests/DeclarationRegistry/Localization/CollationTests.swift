import DeclarationRegistry
import RegistryFormat
import Testing

@Suite struct CollationTests {
    let places = ["Zürich", "Åland", "Ávila", "avila", "Ñuñoa", "Nuevo León", "Nuuk"]

    @Test func englishTreatsÑAsN() {
        #expect(Collation.sorted(places, in: .en) == ["Åland", "avila", "Ávila", "Nuevo León", "Ñuñoa", "Nuuk", "Zürich"])
        #expect(Collation.sorted(places, in: .fr) == Collation.sorted(places, in: .en))
    }

    @Test func spanishSortsÑAfterN() {
        #expect(Collation.sorted(places, in: .es) == ["Åland", "avila", "Ávila", "Nuevo León", "Nuuk", "Ñuñoa", "Zürich"])
        #expect(Collation.sorted(["Peña", "Penalty", "Pena", "Pez"], in: .es) == ["Pena", "Penalty", "Peña", "Pez"])
        #expect(Collation.sorted(["Peña", "Penalty", "Pena", "Pez"], in: .en) == ["Pena", "Peña", "Penalty", "Pez"])
        // Uppercase Ñ is the same letter.
        #expect(Collation.sorted(["Ñandú", "Nube", "ñame", "Oca"], in: .es) == ["Nube", "ñame", "Ñandú", "Oca"])
    }

    @Test func accentsAndCaseOnlyBreakTies() {
        #expect(Collation.sorted(["côté", "côte", "coté", "cote"], in: .fr) == ["cote", "coté", "côte", "côté"])
        #expect(Collation.sorted(["B", "a", "b", "A"], in: .en) == ["a", "A", "b", "B"])
        #expect(Collation.sorted(["Éclair", "eclair", "Eclair", "éclair", "ecluse"], in: .fr)
            == ["eclair", "Eclair", "éclair", "Éclair", "ecluse"])
        #expect(Collation.sorted(["Cdiz", "Çanakkale", "Canada", "Cape"], in: .en)
            == ["Canada", "Çanakkale", "Cape", "Cdiz"])
    }

    @Test func specialLettersExpand() {
        #expect(Collation.sorted(["Strassen", "Straße", "Strasse", "Strast"], in: .en)
            == ["Strasse", "Straße", "Strassen", "Strast"])
        #expect(Collation.sorted(["Łódź", "Lyon", "Lodz"], in: .en) == ["Lodz", "Łódź", "Lyon"])
        #expect(Collation.sorted(["Œuvre", "Oeuf", "Ofir"], in: .fr) == ["Oeuf", "Œuvre", "Ofir"])
        #expect(Collation.sorted(["Oslo", "Øresund", "Odense"], in: .en) == ["Odense", "Øresund", "Oslo"])
    }

    @Test func countryNamesInFrench() throws {
        let names = try ["US", "ES", "EG", "EC", "DE"].map { try Country(code: $0).name(in: .fr) }
        #expect(Collation.sorted(names, in: .fr) == ["Allemagne", "Égypte", "Équateur", "Espagne", "États-Unis"])
    }

    @Test func nonLatinScriptsFollowLatinByCodePoint() {
        let names = ["서울", "Tbilisi", "თბილისი", "القاهرة", "Seoul", "Zürich", "Αθήνα"]
        #expect(Collation.sorted(names, in: .en)
            == ["Seoul", "Tbilisi", "Zürich", "Αθήνα", "القاهرة", "თბილისი", "서울"])
    }

    @Test func spacesAndPunctuationBeforeLettersAndDigitsAsText() {
        #expect(Collation.sorted(["SaintDenis", "Saint-Denis", "Saint Denis"], in: .fr)
            == ["Saint Denis", "Saint-Denis", "SaintDenis"])
        #expect(Collation.sorted(["District 9", "District 10", "District A"], in: .en)
            == ["District 10", "District 9", "District A"])
    }

    @Test func orderIsTotal() {
        // Canonically equivalent spellings are equal as Swift strings but not
        // byte for byte; the bytes decide, so the order never depends on input order.
        let composed = "Chişinău"
        let decomposed = "Chis\u{0327}ina\u{0306}u"
        #expect(composed == decomposed)
        #expect(Collation.key(for: composed, in: .en) != Collation.key(for: decomposed, in: .en))
        #expect(Collation.areInIncreasingOrder(decomposed, composed, in: .en))
        #expect(!Collation.areInIncreasingOrder(composed, decomposed, in: .en))
        #expect(Collation.key(for: "Ávila", in: .es) == Collation.key(for: "Ávila", in: .es))
    }

    @Test(arguments: Language.allCases)
    func resultDoesNotDependOnInputOrder(language: Language) {
        var names = places + ["São Paulo", "Sao Paulo", "SÃO PAULO", "Sekondi-Takoradi", "Seoul", "Elgeyo-Marakwet",
                              "Kigoma-Ujiji", "La Libertad", "Madrid", "Ontario", "Paris", "Jalisco", "Austin"]
        names += Country.all.prefix(40).map { $0.name(in: language) }
        let reference = Collation.sorted(names, in: language)
        #expect(Collation.sorted(names.reversed(), in: language) == reference)
        for shift in [1, 7, 23] {
            let rotated = Array(names[shift...] + names[..<shift])
            #expect(Collation.sorted(rotated, in: language) == reference)
        }
        // Adjacent names are strictly increasing unless identical.
        for (lhs, rhs) in zip(reference, reference.dropFirst()) {
            #expect(Collation.areInIncreasingOrder(lhs, rhs, in: language) || Array(lhs.utf8) == Array(rhs.utf8))
        }
    }

    @Test func sortingRecordsByNameKeepsTiesInPlace() {
        let records = [("Paris", 1), ("Madrid", 2), ("paris", 3), ("Paris", 4)]
        let sorted = Collation.sorted(records, in: .fr, by: { $0.0 })
        #expect(sorted.map(\.1) == [2, 3, 1, 4])
    }
}
