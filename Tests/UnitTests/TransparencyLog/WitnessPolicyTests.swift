import CryptoPrimitives
import Foundation
import TestSupport
import Testing
import TransparencyLog

/// Keys for policy tests, from fixed seeds, written as vkeys by the test
/// itself (not by the code under test).
enum PolicyFixture {
    /// A vkey of `type` for the Ed25519 key from `seed`, its key ID computed
    /// here from c2sp.org/signed-note: SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4].
    static func vkey(_ name: String, seed: UInt8, type: UInt8 = 0x04) throws -> String {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32)).publicKey.rawRepresentation
        return vkey(name, type: type, publicKey: key)
    }

    static func vkey(_ name: String, type: UInt8, publicKey: [UInt8]) -> String {
        let digest = SHA256.hash(Array(name.utf8) + [0x0A, type] + publicKey).bytes
        let id = digest.prefix(4).map { String(format: "%02x", $0) }.joined()
        return "\(name)+\(id)+\(Data([type] + publicKey).base64EncodedString())"
    }

    /// `witness <name> <vkey>` for each name, seeds counting from `seed`.
    static func witnesses(_ names: [String], seed: UInt8 = 0x40) throws -> String {
        try names.enumerated().map { offset, name in
            "witness \(name) \(try vkey("witness.example/\(name)", seed: seed + UInt8(offset)))\n"
        }.joined()
    }

    /// The spec's example policy (c2sp.org/tlog-policy "Example policy"),
    /// with the elided keys filled in.
    static func specExample() throws -> String {
        """
        log \(try vkey("example.org/log", seed: 0x01, type: 0x01))

        \(try witnesses(["X1", "X2", "X3"], seed: 0x10))\
        group X-witnesses 2 X1 X2 X3

        \(try witnesses(["Y1", "Y2", "Y3"], seed: 0x20))\
        group Y-witnesses any Y1 Y2 Y3

        group X-and-Y all X-witnesses Y-witnesses
        quorum X-and-Y

        """
    }
}

@Suite struct AnyVerifierKeyTests {
    @Test func signedNoteExampleKeyIsReadAsType1() throws {
        let text = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
        let key = try AnyVerifierKey(parsing: text)
        #expect(key.name == "example.com/foo")
        #expect(key.keyHash == 0x530d_903a)
        #expect(key.signatureType == 0x01)
        #expect(key.publicKey.count == 32)
        #expect(key.text == text)
        #expect(key.noteVerifierKey == (try NoteVerifierKey(parsing: text)))
    }

    @Test func cosignatureKeysOfType4And6() throws {
        let ed25519 = try AnyVerifierKey(parsing: try PolicyFixture.vkey("w.example", seed: 7))
        #expect(ed25519.signatureType == 0x04)
        #expect(ed25519.ed25519PublicKey != nil)
        #expect(ed25519.noteVerifierKey == nil)
        var generator = SeededGenerator(seed: 6)
        let mlDSA = try AnyVerifierKey(
            parsing: PolicyFixture.vkey("w.example", type: 0x06, publicKey: generator.bytes(1312))
        )
        #expect(mlDSA.signatureType == 0x06)
        #expect(mlDSA.publicKey.count == 1312)
        #expect(mlDSA.ed25519PublicKey == nil)
    }

    @Test func keyHashMustMatchTheType() throws {
        // The same name and key, but the key ID of type 0x01 over type 0x04.
        let type1 = try PolicyFixture.vkey("w.example", seed: 7, type: 0x01)
        let type4 = try PolicyFixture.vkey("w.example", seed: 7, type: 0x04)
        let mixed = type1.split(separator: "+")[0...1].joined(separator: "+") + "+" + type4.split(separator: "+")[2]
        #expect(throws: TransparencyError.self) { try AnyVerifierKey(parsing: mixed) }
    }

    @Test(arguments: [
        "no-plus-signs",
        "name+530d903a",
        "+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2",
        "example.com/foo+530d903a+Aekye",
        "example.com/foo+530d903a+",
        "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
    ])
    func malformedKeysAreRefused(text: String) {
        #expect(throws: TransparencyError.self) { try AnyVerifierKey(parsing: text) }
    }
}

@Suite struct WitnessPolicyTests {
    // MARK: The spec's examples

    @Test func specExampleParses() throws {
        let policy = try WitnessPolicy(parsing: try PolicyFixture.specExample())
        #expect(policy.logs.count == 1)
        #expect(policy.logs[0].key.signatureType == 0x01)
        #expect(policy.logs[0].url == nil)
        #expect(policy.witnesses.map(\.name) == ["X1", "X2", "X3", "Y1", "Y2", "Y3"])
        #expect(policy.witnesses.allSatisfy { $0.key.signatureType == 0x04 && $0.url == nil })
        #expect(policy.groups.map(\.name) == ["X-witnesses", "Y-witnesses", "X-and-Y"])
        #expect(policy.groups.map(\.threshold) == [2, 1, 2])
        #expect(policy.group(named: "X-and-Y")?.members == ["X-witnesses", "Y-witnesses"])
        #expect(policy.group(named: "X-witnesses")?.line == 6)
        #expect(policy.quorum == "X-and-Y")
    }

    @Test func quorumNoneNeedsNoWitnesses() throws {
        let log = try PolicyFixture.vkey("example.org/log", seed: 1, type: 0x01)
        let policy = try WitnessPolicy(parsing: "log \(log) https://example.org/log/\nquorum none\n")
        #expect(policy.witnesses.isEmpty)
        #expect(policy.quorum == .none)
        #expect(policy.logs[0].url == "https://example.org/log/")
        #expect(policy.evaluate(cosigners: []).isSatisfied)
    }

    @Test func onlyTheQuorumIsMandatory() throws {
        let policy = try WitnessPolicy(parsing: "quorum none\n")
        #expect(policy.logs.isEmpty && policy.witnesses.isEmpty && policy.groups.isEmpty)
    }

    @Test func singleWitnessQuorum() throws {
        let policy = try WitnessPolicy(parsing: try PolicyFixture.witnesses(["a"]) + "quorum a\n")
        #expect(policy.quorum == "a")
        #expect(policy.evaluate(cosigners: ["a"]).isSatisfied)
        #expect(!policy.evaluate(cosigners: []).isSatisfied)
    }

    // MARK: What the syntax allows

    @Test func whitespaceCommentsAndURLs() throws {
        let key = try PolicyFixture.vkey("w.example/a", seed: 0x40)
        let text = """
            # a comment
              \t# an indented comment
            \t \t
            \twitness \t a   \(key)\thttps://w.example/a/  \t

            group\tg  01 a
              quorum g\t

            """
        let policy = try WitnessPolicy(parsing: text)
        #expect(policy.witnesses[0].url == "https://w.example/a/")
        #expect(policy.witnesses[0].line == 4)
        let group = try #require(policy.group(named: "g"))
        #expect(group.threshold == 1 && group.members == ["a"] && group.line == 6)
        #expect(policy.quorum == "g")
    }

    @Test func decimalThresholdsWithLeadingZeros() throws {
        let text = try PolicyFixture.witnesses(["a", "b", "c"]) + "group g 002 a b c\nquorum g\n"
        #expect(try WitnessPolicy(parsing: text).groups[0].threshold == 2)
    }

    @Test func anyAndAllAreOneAndEveryMember() throws {
        let text = try PolicyFixture.witnesses(["a", "b", "c", "d"])
            + "group g1 any a b\ngroup g2 all c d\ngroup g3 all g1 g2\nquorum g3\n"
        let policy = try WitnessPolicy(parsing: text)
        #expect(policy.groups.map(\.threshold) == [1, 2, 2])
    }

    @Test func namesAreOpaqueOctets() throws {
        // "K" and the Kelvin sign are equal as Swift strings, not as octets.
        let kelvin = "\u{212A}"
        #expect("K" == kelvin)
        var bytes = Array(try PolicyFixture.witnesses(["K", kelvin]).utf8)
        bytes += Array("witness ".utf8) + [0xFF, 0xFE]
        bytes += Array(" \(try PolicyFixture.vkey("w.example/ff", seed: 0x50))\n".utf8)
        bytes += Array("group g all K \(kelvin) ".utf8) + [0xFF, 0xFE] + Array("\nquorum g\n".utf8)
        let policy = try WitnessPolicy(parsing: bytes)
        #expect(policy.witnesses.map(\.name) == ["K", PolicyName(kelvin), PolicyName(bytes: [0xFF, 0xFE])])
        #expect(!policy.evaluate(cosigners: ["K", PolicyName(bytes: [0xFF, 0xFE])]).isSatisfied)
        #expect(policy.evaluate(cosigners: ["K", PolicyName(kelvin), PolicyName(bytes: [0xFF, 0xFE])]).isSatisfied)
    }

    @Test func definitionsMayFollowTheQuorum() throws {
        let text = try "quorum none\n" + PolicyFixture.witnesses(["a"]) + "group g any a\n"
        #expect(try WitnessPolicy(parsing: text).groups.count == 1)
    }

    @Test func mlDSAWitnessKeysAreAccepted() throws {
        var generator = SeededGenerator(seed: 9)
        let key = PolicyFixture.vkey("w.example/pq", type: 0x06, publicKey: generator.bytes(1312))
        let policy = try WitnessPolicy(parsing: "witness pq \(key)\nquorum pq\n")
        #expect(policy.witnesses[0].key.signatureType == 0x06)
    }

    // MARK: What the syntax refuses, line by line

    /// Three witnesses a, b, c on lines 1-3.
    static func abc() throws -> String { try PolicyFixture.witnesses(["a", "b", "c"]) }

    @Test func unknownOrLaterMembersAreRefused() throws {
        try expect(try Self.abc() + "group g any a d\nquorum g\n", .undefinedName(line: 4, name: "d"))
        let later = try PolicyFixture.witnesses(["a"]) + "group g any a b\n"
            + PolicyFixture.witnesses(["b"], seed: 0x60) + "quorum g\n"
        try expect(later, .undefinedName(line: 2, name: "b"))
        try expect(try Self.abc() + "group g any a g\nquorum g\n", .undefinedName(line: 4, name: "g"))
        try expect(try "quorum a\n" + PolicyFixture.witnesses(["a"]), .undefinedName(line: 1, name: "a"))
        try expect(try Self.abc() + "quorum d\n", .undefinedName(line: 4, name: "d"))
    }

    @Test func thresholdsOutOfRangeAreRefused() throws {
        for threshold in ["0", "4", "00", "-1", "+1", "two", "ALL", "99999999999999999999999"] {
            try expect(
                try Self.abc() + "group g \(threshold) a b c\nquorum g\n",
                .thresholdOutOfRange(line: 4, threshold: threshold, memberCount: 3)
            )
        }
    }

    @Test func groupsNeedAMember() throws {
        try expect(try Self.abc() + "group g any\nquorum none\n", .malformedLine(
            line: 4, expected: "\"group <name> <k|any|all> <name>...\" with at least one member", found: "group g any"
        ))
    }

    @Test func namesAreDefinedOnce() throws {
        let twice = try PolicyFixture.witnesses(["a"]) + PolicyFixture.witnesses(["a"], seed: 0x60) + "quorum a\n"
        try expect(twice, .duplicateName(line: 2, name: "a", firstLine: 1))
        try expect(try Self.abc() + "group b any a\nquorum none\n", .duplicateName(line: 4, name: "b", firstLine: 2))
        try expect(
            try Self.abc() + "group g any a\ngroup g any b\nquorum g\n",
            .duplicateName(line: 5, name: "g", firstLine: 4)
        )
    }

    @Test func noneIsReserved() throws {
        try expect(try PolicyFixture.witnesses(["none"]) + "quorum none\n", .reservedName(line: 1))
        try expect(try Self.abc() + "group none any a\nquorum none\n", .reservedName(line: 4))
        try expect(try Self.abc() + "group g any a none\nquorum g\n", .reservedName(line: 4))
    }

    @Test func aNameIsAMemberOnce() throws {
        try expect(try Self.abc() + "group g 1 a a\nquorum g\n", .memberReused(line: 4, name: "a", firstLine: 4))
        try expect(
            try Self.abc() + "group g1 any a b\ngroup g2 any b c\nquorum g2\n",
            .memberReused(line: 5, name: "b", firstLine: 4)
        )
    }

    @Test func exactlyOneQuorum() throws {
        try expect(try Self.abc(), .missingQuorum(lineCount: 3))
        try expect("", .missingQuorum(lineCount: 0))
        try expect("# only a comment\n\n", .missingQuorum(lineCount: 2))
        try expect(try Self.abc() + "quorum a\nquorum b\n", .duplicateQuorum(line: 5, firstLine: 4))
        try expect("quorum none\nquorum none\n", .duplicateQuorum(line: 2, firstLine: 1))
    }

    @Test func duplicateKeysAreRefused() throws {
        let key = try PolicyFixture.vkey("w.example/a", seed: 0x40)
        // The same public key under another key name is a duplicate too.
        let renamed = try PolicyFixture.vkey("w.example/renamed", seed: 0x40)
        try expect("witness a \(key)\nwitness b \(renamed)\nquorum a\n",
                   .duplicateKey(line: 2, key: renamed, firstLine: 1))
        let log = try PolicyFixture.vkey("example.org/log", seed: 1, type: 0x01)
        try expect("log \(log)\n\nlog \(log) https://example.org/\nquorum none\n",
                   .duplicateKey(line: 3, key: log, firstLine: 1))
    }

    @Test func witnessKeysMustBeCosignatureKeys() throws {
        let noteKey = try PolicyFixture.vkey("w.example/a", seed: 0x40, type: 0x01)
        let error = try #require(throws: PolicyError.self) {
            try WitnessPolicy(parsing: "witness a \(noteKey)\nquorum a\n")
        }
        guard case .malformedVerifierKey(line: 1, _, found: noteKey) = error else {
            Issue.record("expected a malformed key on line 1, got \(error)")
            return
        }
    }

    @Test func malformedKeysNameTheirLine() throws {
        let bad = "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
        for text in ["quorum none\nlog \(bad)\n", "# c\nwitness a \(bad)\nquorum none\n"] {
            let error = try #require(throws: PolicyError.self) { try WitnessPolicy(parsing: text) }
            guard case .malformedVerifierKey(line: 2, _, found: bad) = error else {
                Issue.record("expected a malformed key on line 2, got \(error)")
                continue
            }
            #expect(error.description.contains("line 2"))
        }
    }

    @Test func malformedLinesAreNamed() throws {
        let key = try PolicyFixture.vkey("w.example/a", seed: 0x40)
        let cases: [(String, String)] = [
            ("witnesses a \(key)", PolicyErrorForms.lineForms),
            ("Quorum none", PolicyErrorForms.lineForms),
            ("quorum", "\"quorum <name>\" or \"quorum none\""),
            ("quorum none # no inline comments", "\"quorum <name>\" or \"quorum none\""),
            ("witness a", "\"witness <name> <vkey> [<url>]\""),
            ("witness a \(key) https://w.example/ extra", "\"witness <name> <vkey> [<url>]\""),
            ("log", "\"log <vkey> [<url>]\""),
            ("log \(key) https://example.org/ extra", "\"log <vkey> [<url>]\""),
        ]
        for (line, expected) in cases {
            try expect("# first\n\(line)\nquorum none\n", .malformedLine(line: 2, expected: expected, found: line))
        }
    }

    @Test func forbiddenBytesAreNamed() throws {
        try expect("quorum none\r\n", .forbiddenByte(line: 1, column: 12, byte: 0x0D))
        try expect(Array("# x\n# \u{7F}\nquorum none\n".utf8), .forbiddenByte(line: 2, column: 3, byte: 0x7F))
        try expect(Array("quorum none\n#".utf8) + [0x00, 0x0A], .forbiddenByte(line: 2, column: 2, byte: 0x00))
        try expect("quorum\u{0B}none\n", .forbiddenByte(line: 1, column: 7, byte: 0x0B))
    }

    @Test func everyLineEndsInANewline() throws {
        try expect("quorum none", .unterminatedLine(line: 1))
        try expect("quorum none\n# trailing", .unterminatedLine(line: 2))
    }

    @Test func oversizedPoliciesAreRefused() throws {
        let bytes = [UInt8](repeating: 0x0A, count: WitnessPolicy.maximumByteCount + 1)
        try expect(bytes, .tooLarge(byteCount: bytes.count, limit: WitnessPolicy.maximumByteCount))
    }

    @Test func messagesSayWhereAndWhat() throws {
        let error = try #require(throws: PolicyError.self) {
            try WitnessPolicy(parsing: try Self.abc() + "group g 0 a b\nquorum g\n")
        }
        #expect(error.description == "policy line 4: the threshold \"0\" must be \"any\", \"all\" "
            + "or a decimal number from 1 to 2, the number of members")
    }

    private func expect(_ text: String, _ expected: PolicyError, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expect(Array(text.utf8), expected, sourceLocation: sourceLocation)
    }

    private func expect(_ bytes: [UInt8], _ expected: PolicyError, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(throws: expected, sourceLocation: sourceLocation) { try WitnessPolicy(parsing: bytes) }
    }
}

/// The expectation the parser states for a line of no known form, spelled
/// out here so that a change to it is a visible change to the tests.
enum PolicyErrorForms {
    static let lineForms = "\"log\", \"witness\", \"group\" or \"quorum\" and its fields, a comment "
        + "starting with \"#\", or an empty line"
}
