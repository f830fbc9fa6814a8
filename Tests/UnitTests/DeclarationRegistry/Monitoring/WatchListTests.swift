import DeclarationRegistry
import RegistryFormat
import Testing

@Suite struct WatchListTests {
    static func signatory(_ name: String, _ code: String) throws -> Signatory {
        Signatory(kind: .government, name: name, jurisdiction: try Jurisdiction(code: code),
                  representative: "Office of the Mayor", title: "Mayor")
    }

    @Test func aNameMatchesAsWholeWordsIgnoringCaseAndAccents() throws {
        let watches = WatchList(["paris"])
        #expect(watches.claims(of: try Self.signatory("Ville de Paris", "FR")).map(\.field) == [.name])
        #expect(watches.claims(of: try Self.signatory("PARÍS", "ES")).map(\.field) == [.name])
        #expect(watches.claims(of: try Self.signatory("Ｐａｒｉｓ", "FR")).map(\.field) == [.name])
        #expect(watches.claims(of: try Self.signatory("Parisot", "FR")).isEmpty)
        #expect(watches.claims(of: try Self.signatory("Lyon", "FR")).isEmpty)
    }

    @Test func aNameOfSeveralWordsMatchesThoseWordsInOrder() throws {
        let watches = WatchList(["São  Paulo"])
        #expect(!watches.claims(of: try Self.signatory("Prefeitura de Sao Paulo", "BR")).isEmpty)
        #expect(watches.claims(of: try Self.signatory("Paulo São", "BR")).isEmpty)
    }

    @Test func aJurisdictionMatchesItsCodeIgnoringCase() throws {
        let watches = WatchList(["fr-75c"])
        #expect(watches.claims(of: try Self.signatory("Paris", "FR-75C")).map(\.field) == [.jurisdiction])
        #expect(watches.claims(of: try Self.signatory("Paris", "FR")).isEmpty)
    }

    @Test func aKeyIDMatchesWholeOrByAPrefixOfAtLeastEightDigits() {
        let id = "3f2a-91bc-07de-5511"
        #expect(WatchList([id]).keyMatches(id).count == 1)
        #expect(WatchList(["3F2A91BC"]).keyMatches(id).count == 1)
        #expect(WatchList(["3f2a-91b"]).keyMatches(id).isEmpty, "seven digits are too few")
        #expect(WatchList(["3f2a-91bd"]).keyMatches(id).isEmpty)
        #expect(WatchList(["Paris"]).keyMatches(id).isEmpty)
    }

    @Test func emptyValuesAreDropped() {
        #expect(WatchList(["", "  "]).isEmpty)
    }
}
