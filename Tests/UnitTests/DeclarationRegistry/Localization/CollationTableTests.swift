@testable import DeclarationRegistry
import RegistryFormat
import Testing

/// The table-driven decomposition of Latin names must give exactly the keys
/// that Foundation's decomposition of the whole name gives.
@Suite struct CollationTableTests {
    @Test(arguments: Language.allCases)
    func everyLatinScalarKeysAsWholeNameDecomposition(language: Language) {
        for value in UInt32(0x20)...0x24F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let letter = String(Character(scalar))
            for name in [letter, "N" + letter + "n", letter + "ño Ñ", "Saint-" + letter + "tienne n° 7"] {
                #expect(Collation.key(for: name, in: language) == Collation.keyByFullDecomposition(for: name, in: language),
                        "U+\(String(value, radix: 16)) in \(name)")
            }
        }
    }

    @Test func namesWithMarksOrOtherScriptsKeyAsBefore() {
        for name in ["e\u{301}cole", "Ελλάδα", "İstanbul", "Đà Nẵng", "ǅemal", "Łódź", "Ærø"] {
            #expect(Collation.key(for: name, in: .es) == Collation.keyByFullDecomposition(for: name, in: .es), "\(name)")
        }
    }
}
