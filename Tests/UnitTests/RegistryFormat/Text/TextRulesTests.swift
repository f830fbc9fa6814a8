import CryptoPrimitives
import Foundation
@testable import RegistryFormat
import Testing

/// Text may hold no character that displays as nothing, and names that
/// differ only in case or in their canonical spelling are one identity.
@Suite struct TextRulesTests {
    /// Default-ignorable and format code points: each once made "Paris"
    /// with it inside a second active signatory beside "Paris".
    @Test(arguments: [0x00AD, 0x180E, 0xE0001, 0xE0041, 0xE007F, 0x034F, 0xFE0F, 0xFE00, 0xE0100, 0x115F, 0x1160,
                      0x3164, 0xFFA0, 0x17B4, 0x200C, 0x200D, 0x0600, 0x06DD, 0x110BD, 0x1D173, 0x13430, 0x2065])
    func invisibleCodePointsAreRefused(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        for name in ["Pa\(scalar)ris", "\(scalar)Paris", "Paris\(scalar)"] {
            let error = #expect(throws: FieldError.self) { try TextRules.check(name, field: "signatory.name", limit: 300) }
            #expect(error?.field == "signatory.name")
            #expect(error?.description.contains("U+" + String(value, radix: 16, uppercase: true).leftPadded(to: 4)) == true)
        }
    }

    /// A code point Unicode 15.1 leaves unassigned is refused as such, so
    /// that a reader can tell "not yet known" from "never allowed".
    @Test(arguments: [0x0378, 0x1FAF9, 0x2EE5E, 0x30000 + 0x134B])
    func unassignedCodePointsAreRefusedNamingTheVersion(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let error = #expect(throws: FieldError.self) { try TextRules.check("a\(scalar)", field: "name", limit: 300) }
        guard case .unassignedCharacter(let found, 1, "15.1.0") = error?.problem else {
            Issue.record("expected an unassigned character, got \(String(describing: error))")
            return
        }
        #expect(found == value)
    }

    @Test(arguments: ["Paris", "Île-de-France", "Москва", "東京都", "ਪੰਜਾਬ", "Ταΰγετος", "نيويورك"])
    func visibleTextIsAccepted(name: String) throws {
        try TextRules.check(name, field: "name", limit: 300)
    }

    static func identity(_ name: String, kind: SignatoryKind = .government, jurisdiction: String = "GR") throws -> SignatoryIdentity {
        Signatory(kind: kind, name: name, jurisdiction: try Jurisdiction(code: jurisdiction),
                  representative: "Office", title: "Mayor").identity
    }

    /// Pairs that full case folding after NFD, then NFC, makes one name.
    @Test(arguments: [
        ("Ταΰγετος", "ΤΑΫ́ΓΕΤΟΣ"),           // U+03B0 against U+03AB U+0301: the same after folding
        ("Straße", "STRASSE"),
        ("ẞ", "ss"),
        ("σας", "ΣΑΣ"),
        ("ᾳ", "ΑΙ"),                           // U+1FB3 folds to α ι
        ("ﬃ", "FFI"),
        ("İzmir", "i\u{307}zmir"),
        ("ᏣᎳᎩ", "ꮳꮃꭹ"),                         // Cherokee folds to its uppercase
        ("Ǆ", "ǆ"),
    ])
    func namesThatFoldAlikeAreOneIdentity(first: String, second: String) throws {
        let a = try Self.identity(first)
        let b = try Self.identity(second)
        #expect(a == b)
        #expect(a.digest == b.digest)
        #expect(SignatoryIdentity.fold(first).utf8.elementsEqual(SignatoryIdentity.fold(second).utf8))
    }

    @Test func theFoldIsInNFCWhateverTheSpelling() {
        for name in ["ΤΑΫ́ΓΕΤΟΣ", "Ταΰγετος", "Sa\u{303}o", "Ǻ", "ﬀ"] {
            let folded = SignatoryIdentity.fold(name)
            #expect(folded.precomposedStringWithCanonicalMapping.utf8.elementsEqual(folded.utf8), "\(name)")
        }
    }

    @Test func differentNamesStayApart() throws {
        #expect(try Self.identity("Paris") != Self.identity("Pâris"))
        #expect(try Self.identity("Lyon") != Self.identity("Lyon", jurisdiction: "FR"))
        #expect(try Self.identity("Lyon") != Self.identity("Lyon", kind: .civilSociety))
    }

    /// The table's fold is the generated one, not the runtime's case
    /// mappings: a few values CaseFolding.txt 15.1 gives.
    @Test func theCaseFoldingTableIsUnicodes() {
        #expect(SignatoryIdentity.fold("ΐ") == "ΐ")          // U+0390 → ι ̈ ́ → NFC U+0390
        #expect(SignatoryIdentity.fold("ŉ") == "ʼn")
        #expect(SignatoryIdentity.fold("µ") == "μ")          // U+00B5 → U+03BC
        #expect(SignatoryIdentity.fold("K") == "k")          // Kelvin sign
        #expect(SignatoryIdentity.fold("Ꭰ") == "Ꭰ")          // Cherokee uppercase stays
        #expect(SignatoryIdentity.fold("ꭰ") == "Ꭰ")          // and lowercase folds to it
        #expect(UnicodeTables.version == "15.1.0")
    }

    /// The fast path's byte-level fold agrees with the general fold for
    /// every character below U+0300, alone and between letters.
    @Test func latinFastFoldAgreesForEveryCharacter() throws {
        for value in 0x20..<0x300 {
            guard let scalar = Unicode.Scalar(value), UnicodeTables.refusal(of: scalar) == nil else { continue }
            for name in ["\(scalar)", "a\(scalar)b", "\(scalar)\(scalar)"] {
                let signatory = Signatory(kind: .government, name: name, jurisdiction: try Jurisdiction(code: "FR"),
                                          representative: "Office", title: "Mayor")
                #expect(SignatoryIdentity.digest(of: signatory) == signatory.identity.digest, "U+\(String(value, radix: 16))")
            }
        }
    }
}
