import CryptoPrimitives
import Foundation
@testable import RegistryFormat
import Testing
import TestSupport

/// The verifier's fast path reads only lines the general path reads, and
/// reads them the same; the byte-level checks it relies on agree with the
/// rules they stand in for.
@Suite struct LedgerLineDecoderTests {
    static let origin = "decoder.declaration-registry.example/test"
    static let digest = SHA256.hash(Array("declaration".utf8))

    /// A ledger line holding `content`, signed with a key from `seed`.
    static func line(_ content: Statement.Content, seed: UInt8, sequence: Int64 = 7,
                     signedAt: String = "2016-12-09T10:00:00Z") throws -> [UInt8] {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32))
        let statement = try Statement.signed(content, registry: origin, declarationDigest: digest,
                                             signedAt: signedAt, key: key)
        let entry = Entry(sequence: sequence, previous: SHA256.hash([seed]), appendedAt: "2016-12-09T10:00:05Z",
                          statement: statement)
        return entry.line
    }

    static func signatory(name: String, website: String? = "https://www.paris.fr",
                          jurisdiction: String = "FR-75C") throws -> Statement.Content {
        .signature(language: .fr, signatory: Signatory(
            kind: .government, name: name, jurisdiction: try Jurisdiction(code: jurisdiction),
            representative: "Office of the Mayor", title: "Maire", website: website))
    }

    /// What the general path makes of `line`: the entry and its signed
    /// message, or nil when it refuses the line.
    static func general(_ line: [UInt8]) -> (entry: Entry, message: [UInt8])? {
        guard let json = try? CanonicalJSON.parseCanonical(line), let entry = try? Entry(json: json) else { return nil }
        return (entry, entry.statement.signedMessage)
    }

    /// The fast path's answer is nil, or the general path's.
    static func expectAgreement(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard let fast = LedgerLineCodec.decode(line) else { return }
        let general = general(line)
        #expect(general != nil, "the fast path read a line the general path refuses: \(String(decoding: line, as: UTF8.self))",
                sourceLocation: sourceLocation)
        guard let general else { return }
        #expect(fast.entry == general.entry, sourceLocation: sourceLocation)
        #expect(fast.signedMessage(in: line) == general.message, sourceLocation: sourceLocation)
    }

    static var validContents: [Statement.Content] {
        get throws {
            [
                try signatory(name: "Paris"),
                try signatory(name: "Île-de-France", website: nil),
                try signatory(name: "Straße der Ämter ß ŉ ǅ", jurisdiction: "DE"),
                try signatory(name: "Москва", website: "https://www.mos.ru/ru/"),
                try signatory(name: "São Paulo", website: "https://www.prefeitura.sp.gov.br/cidade?x=1&y=2"),
                try signatory(name: "Ciudad de México", website: "http://cdmx.gob.mx:8080"),
                try signatory(name: "Town with an address to check", website: "https://EXAMPLE.org/Path"),
                .withdrawal(reason: nil),
                .withdrawal(reason: "Merged with a neighbouring municipality"),
                .withdrawal(reason: "Fusionnée avec une commune voisine"),
            ]
        }
    }

    @Test func readsEveryWellFormedLineAsTheGeneralPathDoes() throws {
        for (index, content) in try Self.validContents.enumerated() {
            let line = try Self.line(content, seed: UInt8(index + 1))
            let fast = try #require(LedgerLineCodec.decode(line), "fast path refused \(String(decoding: line, as: UTF8.self))")
            let general = try #require(Self.general(line))
            #expect(fast.entry == general.entry)
            #expect(fast.signedMessage(in: line) == general.message)
            #expect(fast.entry.statement.publicKey.isValidSignature(fast.entry.statement.signature,
                                                                     for: fast.signedMessage(in: line)))
        }
    }

    @Test func readsTheDemoRegistry() throws {
        let fixture = try RegistryFixture()
        for text in try fixture.ledgerLines() {
            let line = Array(text.utf8.dropLast())
            let fast = try #require(LedgerLineCodec.decode(line))
            #expect(fast.entry == Self.general(line)?.entry)
        }
    }

    /// The partial read that finds a signatory's lines: the key's base64
    /// where the fast path would read it, and nil (parse the line) for any
    /// line not laid out so; it never names a key a line does not have.
    @Test func publicKeyTextIsTheStatementsKey() throws {
        var random = SeededGenerator(seed: 8032)
        for (index, content) in try Self.validContents.enumerated() {
            let line = try Self.line(content, seed: UInt8(index + 1), sequence: Int64(index * 977 + 1))
            let key = try #require(Self.general(line)?.entry.statement.publicKey)
            let range = try #require(line.withUnsafeBytes { LedgerLineCodec.publicKeyText(inLine: $0) })
            #expect(Array(line[range]) == Array(Base64.encode(key.rawRepresentation).utf8))
            for _ in 0..<200 {
                var damaged = line
                let position = Int.random(in: 0..<damaged.count, using: &random)
                damaged[position] = [0x22, 0x5C, 0x2C, 0x7B, 0x61, 0x41][Int.random(in: 0..<6, using: &random)]
                guard let found = damaged.withUnsafeBytes({ LedgerLineCodec.publicKeyText(inLine: $0) }) else { continue }
                // Whatever it finds, a line that parses has that key there.
                if let entry = Self.general(damaged)?.entry {
                    #expect(Array(damaged[found]) == Array(Base64.encode(entry.statement.publicKey.rawRepresentation).utf8))
                }
            }
        }
        #expect(Array("{}".utf8).withUnsafeBytes { LedgerLineCodec.publicKeyText(inLine: $0) } == nil)
        let reordered = Array(#"{"previous":"00","appended_at":"x"}"#.utf8)
        #expect(reordered.withUnsafeBytes { LedgerLineCodec.publicKeyText(inLine: $0) } == nil)
    }

    @Test func leavesEveryDamagedLineToTheGeneralPath() throws {
        var random = SeededGenerator(seed: 2016)
        let replacements: [[UInt8]] = [[0x5C], [0x22], [0x00], [0x1F], [0x7F], [0x20], [0xC3], [0xC3, 0xA9], [0xC2, 0x85],
                                       [0xE2, 0x80, 0xAE], [0xCC, 0x81], [0xFF], Array("\\u0041".utf8), [0x7B], [0x2C],
                                       [0x30], [0x39], [0x41], [0x61], [0x3D], [0x2B]]
        var refused = 0
        for (index, content) in try Self.validContents.enumerated() {
            let line = try Self.line(content, seed: UInt8(index + 1))
            for _ in 0..<400 {
                var damaged = line
                let position = Int.random(in: 0..<damaged.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: damaged.replaceSubrange(position...position, with: replacements.randomElement(using: &random) ?? [])
                case 1: damaged.insert(contentsOf: replacements.randomElement(using: &random) ?? [], at: position)
                default: damaged.remove(at: position)
                }
                if LedgerLineCodec.decode(damaged) == nil { refused += 1 }
                Self.expectAgreement(damaged)
            }
        }
        #expect(refused > 0)
    }

    @Test func refusesLinesThatBreakARule() throws {
        let good = String(decoding: try Self.line(try Self.signatory(name: "Paris"), seed: 1), as: UTF8.self)
        let broken = [
            good.replacingOccurrences(of: "\"Paris\"", with: "\" Paris\""),
            good.replacingOccurrences(of: "\"Paris\"", with: "\"Paris\u{00A0}\""),
            good.replacingOccurrences(of: "\"Paris\"", with: "\"\""),
            good.replacingOccurrences(of: "\"Paris\"", with: "\"Pa\u{0085}ris\""),
            good.replacingOccurrences(of: "\"Paris\"", with: "\"" + String(repeating: "P", count: 301) + "\""),
            good.replacingOccurrences(of: "\"Paris\"", with: "\"Pe\u{0301}ris\""),
            good.replacingOccurrences(of: "2016-12-09T10:00:00Z", with: "2016-02-30T10:00:00Z"),
            good.replacingOccurrences(of: "2016-12-09T10:00:00Z", with: "2016-12-09T24:00:00Z"),
            good.replacingOccurrences(of: "\"sequence\":7", with: "\"sequence\":07"),
            good.replacingOccurrences(of: "\"sequence\":7", with: "\"sequence\":0"),
            good.replacingOccurrences(of: "\"language\":\"fr\"", with: "\"language\":\"de\""),
            good.replacingOccurrences(of: "\"type\":\"signature\"", with: "\"type\":\"withdrawal\""),
            good.replacingOccurrences(of: "https://www.paris.fr", with: "https://"),
            good.replacingOccurrences(of: "FR-75C", with: "XX"),
        ]
        for line in broken {
            #expect(LedgerLineCodec.decode(Array(line.utf8)) == nil, "\(line)")
            #expect(Self.general(Array(line.utf8)) == nil, "\(line)")
        }
    }

    @Test func latinTextIsCheckedAsTextRulesChecksIt() throws {
        // Every character below U+0300 in a name, alone, between letters and
        // at either end: the fast path accepts exactly what TextRules does.
        for value in 0xA0..<0x300 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for name in ["a\(scalar)b", "\(scalar)", "\(scalar)b", "a\(scalar)"] {
                let line = try Self.line(try Self.signatory(name: name), seed: 3)
                let accepted = (try? TextRules.check(name, field: "name", limit: 300)) != nil
                #expect((LedgerLineCodec.decode(line) != nil) == accepted, "U+\(String(value, radix: 16))")
                Self.expectAgreement(line)
            }
        }
    }

    @Test func asciiAndLatinNamesFoldAsTheIdentityDoes() throws {
        var random = SeededGenerator(seed: 9)
        let samples = ["Paris", "PARIS", "Straße", "STRASSE", "İstanbul", "ǅemal", "µ", "ÿ", "ŉ", "Σ", "Москва", "ﬃ"]
        var names = samples
        for _ in 0..<300 {
            let length = Int.random(in: 1...12, using: &random)
            names.append(String(String.UnicodeScalarView((0..<length).compactMap { _ in
                Unicode.Scalar(Int.random(in: 0x41..<0x300, using: &random))
            })))
        }
        for name in names {
            let signatory = Signatory(kind: .civilSociety, name: name, jurisdiction: try Jurisdiction(code: "KE"),
                                      representative: "Board", title: "Chair")
            #expect(SignatoryIdentity.digest(of: signatory) == signatory.identity.digest, "\(name)")
        }
    }

    @Test func plainAddressesAreAddressesTheWebsiteRuleAccepts() {
        var random = SeededGenerator(seed: 75)
        let hostCharacters = Array("abcdefghijklmnopqrstuvwxyz0123456789.-")
        let pathCharacters = Array("abcXYZ019-._~/?=&+,;:@!$'()*")
        var plain = 0
        for _ in 0..<2_000 {
            var address = Bool.random(using: &random) ? "https://" : "http://"
            address += String((0..<Int.random(in: 0...12, using: &random)).map { _ in hostCharacters.randomElement(using: &random) ?? "a" })
            if Int.random(in: 0..<4, using: &random) == 0 { address += ":" + String(Int.random(in: 0...99_999, using: &random)) }
            if Bool.random(using: &random) {
                address += "/" + String((0..<Int.random(in: 0...20, using: &random)).map { _ in pathCharacters.randomElement(using: &random) ?? "a" })
            }
            let isPlain = address.utf8.withContiguousStorageIfAvailable { WebsiteRules.matchesGrammar(UnsafeRawBufferPointer($0)) } ?? false
            guard isPlain else { continue }
            plain += 1
            #expect((try? WebsiteRules.check(address, field: "website")) != nil, "\(address)")
        }
        #expect(plain > 500)
    }

    @Test func timestampsAreCheckedAsRFC3339Does() {
        var random = SeededGenerator(seed: 1209)
        let characters = Array("0123456789-T:Z")
        var samples = ["2016-12-09T10:00:00Z", "2016-02-29T23:59:59Z", "2015-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
                       "1900-02-29T00:00:00Z", "2016-12-09T10:00:60Z", "2016-13-01T00:00:00Z", "2016-00-01T00:00:00Z",
                       "2016-04-31T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2016-12-09t10:00:00Z",
                       "2016-12-09T10:00:00z", "2016-12-09T10:00:00.5Z", "2016-12-09T10:00:00+01:00"]
        for _ in 0..<5_000 {
            var text = Array("2016-12-09T10:00:00Z")
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                text[Int.random(in: 0..<text.count, using: &random)] = characters.randomElement(using: &random) ?? "0"
            }
            samples.append(String(text))
        }
        for sample in samples {
            let fast = Array(sample.utf8).withUnsafeBytes { RFC3339.isValid($0) }
            #expect(fast == ((try? Timestamp.check(sample, field: "t")) != nil), "\(sample)")
        }
    }

    @Test func base64DecodesExactlyTheCanonicalEncodings() {
        var random = SeededGenerator(seed: 64)
        for length in 0..<70 {
            let bytes = random.bytes(length)
            let text = Base64.encode(bytes)
            #expect(Base64.decode(text) == bytes)
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n")
        for _ in 0..<20_000 {
            let text = String((0..<(4 * Int.random(in: 0...3, using: &random) + Int.random(in: 0...1, using: &random)))
                .map { _ in alphabet.randomElement(using: &random) ?? "A" })
            let decoded = Base64.decode(text)
            // The definition: the standard decoder's bytes, when they encode back to the text.
            let reference = Data(base64Encoded: text).map { [UInt8]($0) }.flatMap { Base64.encode($0) == text ? $0 : nil }
            #expect(decoded == reference, "\(text)")
        }
        for text in ["AB==", "ABC=", "A===", "====", "AAA=AAAA", "AA=A"] {
            #expect(Base64.decode(text) == nil, "\(text)")
        }
    }
}
