import CryptoPrimitives
import DeclarationRegistry
import Foundation
@testable import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// Checks that every value docs/FORMAT.md shows is what the code produces:
/// the example registry is rebuilt from fixed keys, times and texts, and
/// each byte string the document prints is compared with it.
@Suite struct FormatExampleTests {
    @Test func declarationDigestIsTheSha256sumListing() throws {
        let example = try FormatExample()
        #expect(example.declaration.digestListing == """
            99739082e2818437f1d5106e6a8625478160ac7a6697266f07ef74c25b69507d  en.txt
            59850d7333f978aa73b7ad36201806a181be1826353fcb695b28d75e32776556  es.txt
            bbaebccb459d620e7a4c5a09dcd04fe415d97cfcfd2e8e704a25ff295e9de8e8  fr.txt
            b3324b6b18bb1dcc264eab5d472b8fac1bbb1da3911013309a3a52aecc0186cc  manifest.json
            """ + "\n")
        #expect(example.declaration.digest.hex == "aef5599be2cf22217ee5edf0deca56bc3973dad6c89c8eb4035376f05de4bad2")
    }

    @Test func keysAndKeyIDs() throws {
        let example = try FormatExample()
        #expect(Base64.encode(example.registrar.publicKey.rawRepresentation) == "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=")
        #expect(example.registrar.publicKey.keyID == "3475-0f98-bd59-fcfc")
        #expect(Base64.encode(example.signatory.publicKey.rawRepresentation) == "gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=")
        #expect(example.signatory.publicKey.keyID == "6a38-03d5-f059-902a")
        #expect(example.signatory.publicKey.pemRepresentation == """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAgTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=
            -----END PUBLIC KEY-----
            """ + "\n")
        #expect(example.header.checkpointVerifierKeyText == "registry.example.org/subnational-declaration+19701665+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c")
    }

    @Test func headerFileAndHash() throws {
        let example = try FormatExample()
        #expect(example.headerFile == Array(#"{"declaration":{"digest":"aef5599be2cf22217ee5edf0deca56bc3973dad6c89c8eb4035376f05de4bad2","id":"example-declaration","version":"1.0.0"},"format":"declaration-registry/v1","origin":"registry.example.org/subnational-declaration","registrar_key":"iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w="}"#.utf8) + [0x0A])
        #expect(example.header.hash.hex == "5f53af13ac1cc530e2bba3dbdb34bb5c483c0aa5747c730d9954acd63de18bac")
    }

    @Test func emptyRegistryCheckpoint() throws {
        let example = try FormatExample()
        #expect(String(decoding: example.checkpoint0, as: UTF8.self) == """
            registry.example.org/subnational-declaration
            0
            47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
            chain-head 5f53af13ac1cc530e2bba3dbdb34bb5c483c0aa5747c730d9954acd63de18bac
            
            — registry.example.org/subnational-declaration GXAWZReVA2gV0wvLIAvzJmqpkLq07vGeHAOJyEnZozURgm9CyjqLK6KkkirTPyXKU16FnZxWfiefvFMTNZc/bqb/yw0=
            """ + "\n")
    }

    @Test func signatureStatementEntry() throws {
        let example = try FormatExample()
        let entry = example.entries[0]
        #expect(entry.statement.signedMessage == Array("declaration-registry/statement/v1\n".utf8)
            + Array(#"{"declaration":"aef5599be2cf22217ee5edf0deca56bc3973dad6c89c8eb4035376f05de4bad2","language":"fr","public_key":"gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=","registry":"registry.example.org/subnational-declaration","signatory":{"jurisdiction":"FR","kind":"government","name":"Paris","representative":"Cabinet de la Maire de Paris","title":"Maire de Paris","website":"https://www.paris.fr"},"signed_at":"2016-12-09T10:00:00Z","type":"signature"}"#.utf8))
        #expect(Base64.encode(entry.statement.signature) == "oScJQ/UjbjdHRxFkRedqGFKrFbBNQlP8fe/IlbKwDJKRJjQCvcL+AWGpZ6oJMJ8gIfRPHBCvH5d6faMAyoobDg==")
        #expect(entry.line == Array(#"{"appended_at":"2016-12-09T10:05:00Z","previous":"5f53af13ac1cc530e2bba3dbdb34bb5c483c0aa5747c730d9954acd63de18bac","sequence":1,"statement":{"declaration":"aef5599be2cf22217ee5edf0deca56bc3973dad6c89c8eb4035376f05de4bad2","language":"fr","public_key":"gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=","registry":"registry.example.org/subnational-declaration","signatory":{"jurisdiction":"FR","kind":"government","name":"Paris","representative":"Cabinet de la Maire de Paris","title":"Maire de Paris","website":"https://www.paris.fr"},"signature":"oScJQ/UjbjdHRxFkRedqGFKrFbBNQlP8fe/IlbKwDJKRJjQCvcL+AWGpZ6oJMJ8gIfRPHBCvH5d6faMAyoobDg==","signed_at":"2016-12-09T10:00:00Z","type":"signature"}}"#.utf8))
        #expect(entry.previous == example.header.hash)
        #expect(SHA256.hash(entry.line).hex == "97f5ce7e8fff5e43398f8af6a127988146b88602daea35cb147b37ad20db0033")
        #expect(MerkleTree.leafHash(entry.line).hex == "9c3dcb115c88183f8e22b463b08c394979819eb2d699cddd8ed2d28f27d251bd")
    }

    @Test func withdrawalStatementEntry() throws {
        let example = try FormatExample()
        let entry = example.entries[1]
        #expect(entry.statement.signedMessage == Array("declaration-registry/statement/v1\n".utf8)
            + Array(#"{"declaration":"aef5599be2cf22217ee5edf0deca56bc3973dad6c89c8eb4035376f05de4bad2","public_key":"gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=","reason":"Signée en double","registry":"registry.example.org/subnational-declaration","signed_at":"2017-01-15T09:30:00Z","type":"withdrawal"}"#.utf8))
        #expect(Base64.encode(entry.statement.signature) == "yiNc+fFbfPHPTg89U11oTuEZtuSnig4X4y2p5efZ/CG5NCYZRIzYXXoApRCfZwTVBoZh3GjjC9LdvW7yfig1BA==")
        #expect(entry.line == Array(#"{"appended_at":"2017-01-15T09:45:00Z","previous":"97f5ce7e8fff5e43398f8af6a127988146b88602daea35cb147b37ad20db0033","sequence":2,"statement":{"declaration":"aef5599be2cf22217ee5edf0deca56bc3973dad6c89c8eb4035376f05de4bad2","public_key":"gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=","reason":"Signée en double","registry":"registry.example.org/subnational-declaration","signature":"yiNc+fFbfPHPTg89U11oTuEZtuSnig4X4y2p5efZ/CG5NCYZRIzYXXoApRCfZwTVBoZh3GjjC9LdvW7yfig1BA==","signed_at":"2017-01-15T09:30:00Z","type":"withdrawal"}}"#.utf8))
        #expect(entry.previous == SHA256.hash(example.entries[0].line))
        #expect(SHA256.hash(entry.line).hex == "a73cbcc3faca8e0441db609da6067274a5fde89ba864013dddb8f4f7b24f36ab")
        #expect(MerkleTree.leafHash(entry.line).hex == "c70e4a17c3b7c924cbf662d6252a101510ad0f8b25591f98c08ccf1807fef5df")
    }

    @Test func ledgerTreeAndCheckpoint() throws {
        let example = try FormatExample()
        #expect(example.ledger == example.entries.flatMap { $0.line + [0x0A] })
        let root = MerkleTree.nodeHash(MerkleTree.leafHash(example.entries[0].line),
                                       MerkleTree.leafHash(example.entries[1].line))
        #expect(root.hex == "6cdffcfe69bceaee4f7313dea9c38e90b01909a42b27c06639165d870230d653")
        #expect(Base64.encode(root.bytes) == "bN/8/mm86u5PcxPeqcOOkLAZCaQrJ8BmORZdhwIw1lM=")
        #expect(String(decoding: example.checkpoint2, as: UTF8.self) == """
            registry.example.org/subnational-declaration
            2
            bN/8/mm86u5PcxPeqcOOkLAZCaQrJ8BmORZdhwIw1lM=
            chain-head a73cbcc3faca8e0441db609da6067274a5fde89ba864013dddb8f4f7b24f36ab
            
            — registry.example.org/subnational-declaration GXAWZdWOHeIGjKld/NZtZwu2wlMCI26psUUZfD23ZlbLj5enDQQDUjLaL+lI8cxKjx14lnTQSgZE34ZDZy4JjMtQtAo=
            """ + "\n")
        let report = try RegistryVerifier(layout: RegistryLayout(directory: example.directory.path("registry"))).verify()
        #expect(report.entryCount == 2)
        #expect(report.roll.active.isEmpty)
    }

    @Test func namesAreComparedAfterCaseFolding() {
        // Full case folding (CaseFolding.txt C + F) of the NFD form, then NFC; no locale.
        #expect(SignatoryIdentity.fold("ΣΑΣ İSTANBUL ẞ Straße") == "σασ i\u{307}stanbul ss strasse")
        #expect(SignatoryIdentity.fold("σας") == SignatoryIdentity.fold("ΣΑΣ"))
        #expect(SignatoryIdentity.fold("STRASSE") == SignatoryIdentity.fold("Straße"))
    }
}

/// Renders docs/FORMAT.md section 13 from the example registry, every value
/// in it produced by the code, and compares it with the document, so that
/// the worked example cannot drift from the code (as its "previous chain"
/// once did). Run with DECLARATION_RECORD_FORMAT_EXAMPLE=1 to write the
/// rendered section into the document instead.
@Suite struct FormatExampleSectionTests {
    static let documentURL = DocumentSection.formatDocument
    static let sectionStart = "## 13. Worked example"
    static let nextSection = "## 14. "

    @Test func section13IsWhatTheCodeProduces() throws {
        let example = try FormatExample()
        let rendered = try Self.render(example)
        try DocumentSection(url: Self.documentURL, start: Self.sectionStart, next: Self.nextSection,
                            name: "docs/FORMAT.md section 13").expectEqual(to: rendered)
    }

    /// The first 8 and last 4 hex digits of a digest, as the chain shows it.
    static func short(_ digest: SHA256Digest) -> String {
        String(digest.hex.prefix(8)) + "…" + String(digest.hex.suffix(4))
    }

    /// JSON with two-space indentation, members in canonical order and
    /// strings as canonical JSON writes them.
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        switch value {
        case .object(let members):
            let inner = indent + "  "
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            let lines = keys.map { key in
                inner + text(.string(key)) + ": " + pretty(members[key] ?? .null, indent: inner)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let elements):
            let inner = indent + "  "
            return "[\n" + elements.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return text(value)
        }
    }

    static func text(_ value: JSONValue) -> String {
        String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
    }

    static func text(_ bytes: [UInt8], droppingFinalLineFeed: Bool = false) -> String {
        String(decoding: droppingFinalLineFeed && bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes, as: UTF8.self)
    }

    static func render(_ example: FormatExample) throws -> String {
        func file(_ name: String) -> String {
            text(FormatExample.declarationFiles[name] ?? [], droppingFinalLineFeed: true)
        }
        let text_en = file("en.txt"), text_es = file("es.txt"), text_fr = file("fr.txt")
        let manifest = file("manifest.json")
        let listing = String(example.declaration.digestListing.dropLast())
        let digest = example.declaration.digest.hex
        let registrarKey = Base64.encode(example.registrar.publicKey.rawRepresentation)
        let registrarKeyID = example.registrar.publicKey.keyID
        let signatoryKey = Base64.encode(example.signatory.publicKey.rawRepresentation)
        let signatoryKeyID = example.signatory.publicKey.keyID
        let pem = String(example.signatory.publicKey.pemRepresentation.dropLast())
        let vkey = example.header.checkpointVerifierKeyText
        let keyHash = try NoteVerifierKey(parsing: vkey).keyHash
        let keyHashHex = String(String(keyHash, radix: 16).leftPadded(to: 8))
        let keyHashBytes = stride(from: 0, to: 8, by: 2).map { offset in
            String(keyHashHex.dropFirst(offset).prefix(2))
        }.joined(separator: " ")
        let headerLength = example.headerFile.count - 1
        let headerLine = text(example.headerFile, droppingFinalLineFeed: true)
        let headerHash = example.header.hash.hex
        let checkpoint0 = text(example.checkpoint0, droppingFinalLineFeed: true)
        let (first, second) = (example.entries[0], example.entries[1])
        let prettyStatement = pretty(first.statement.json)
        let domainLength = Statement.signingDomain.utf8.count + 1
        let unsigned1 = text(Array(first.statement.signedMessage.dropFirst(domainLength)))
        let unsigned2 = text(Array(second.statement.signedMessage.dropFirst(domainLength)))
        let signature1 = Base64.encode(first.statement.signature)
        let signature2 = Base64.encode(second.statement.signature)
        let line1 = text(first.line), line2 = text(second.line)
        let lineHash1 = SHA256.hash(first.line).hex, lineHash2 = SHA256.hash(second.line).hex
        let leafHash1 = MerkleTree.leafHash(first.line).hex, leafHash2 = MerkleTree.leafHash(second.line).hex
        let shortHeaderHash = short(example.header.hash)
        let shortLineHash1 = short(SHA256.hash(first.line)), shortLineHash2 = short(SHA256.hash(second.line))
        let report = try RegistryVerifier(layout: RegistryLayout(directory: example.directory.path("registry"))).verify()
        let rootHex = report.checkpoint.rootHash.hex
        let rootBase64 = Base64.encode(report.checkpoint.rootHash.bytes)
        let checkpoint2 = text(example.checkpoint2, droppingFinalLineFeed: true)
        let note = try SignedNote(parsing: text(example.checkpoint2))
        let payload = try #require(note.signatures.first)
        let keyHashBase64 = String(Base64.encode(withUnsafeBytes(of: payload.keyHash.bigEndian) { Array($0) }
                                                 + payload.signature).prefix(5))
        return #"""
        ## 13. Worked example

        A registry with origin `registry.example.org/subnational-declaration`,
        built by `FormatExampleTests` with:

        - a tiny example declaration (so that every byte fits on the page; a real
          registry uses `declarations/subnational-open-government-declaration`);
        - the registrar's key from the Ed25519 seed of 32 bytes `0x01`, the
          signatory's from 32 bytes `0x02` (never use such keys for real);
        - entry 1: the City of Paris signs, `signed_at` \#(FormatExample.signedAt1),
          appended at \#(FormatExample.appendedAt1);
        - entry 2: the same key withdraws, `signed_at` \#(FormatExample.signedAt2),
          appended at \#(FormatExample.appendedAt2).

        ### Declaration

        `declaration/en.txt`, `es.txt`, `fr.txt` (each ends with one LF):

        ```
        \#(text_en)
        ```
        ```
        \#(text_es)
        ```
        ```
        \#(text_fr)
        ```

        `declaration/manifest.json`, one line and an LF:

        ```
        \#(manifest)
        ```

        The listing and the declaration digest:

        ```
        $ sha256sum en.txt es.txt fr.txt manifest.json
        \#(listing)
        $ sha256sum en.txt es.txt fr.txt manifest.json | sha256sum
        \#(digest)  -
        ```

        ### Keys

        | | raw public key (base64) | key id |
        |---|---|---|
        | registrar (seed `01`×32) | `\#(registrarKey)` | `\#(registrarKeyID)` |
        | signatory (seed `02`×32) | `\#(signatoryKey)` | `\#(signatoryKeyID)` |

        The signatory's public key file (SPKI PEM):

        ```
        \#(pem)
        ```

        The registrar's checkpoint verifier key (key hash `\#(keyHashHex)`):

        ```
        \#(vkey)
        ```

        ### Header

        `registry.json`, \#(headerLength) bytes of canonical JSON and an LF:

        ```
        \#(headerLine)
        ```

        Header hash (= `previous` of entry 1):

        ```
        \#(headerHash)
        ```

        The checkpoint right after `create` (size 0, root of the empty tree, chain
        head = header hash):

        ```
        \#(checkpoint0)
        ```

        ### Entry 1: a signature

        The statement, pretty-printed for reading only (never hashed or signed in
        this form):

        ```json
        \#(prettyStatement)
        ```

        The signed message: the domain line, an LF, and the canonical JSON of the
        statement without `signature` (no LF at the end):

        ```
        declaration-registry/statement/v1
        \#(unsigned1)
        ```

        Its Ed25519 signature by the signatory's key (base64):

        ```
        \#(signature1)
        ```

        Line 1 of `ledger.jsonl` (followed by an LF in the file):

        ```
        \#(line1)
        ```

        | | value |
        |---|---|
        | SHA-256(line 1) = `previous` of entry 2 | `\#(lineHash1)` |
        | leaf hash SHA-256(0x00 ‖ line 1) | `\#(leafHash1)` |

        ### Entry 2: a withdrawal

        The signed message (note the literal UTF-8 `é`, bytes `c3 a9`):

        ```
        declaration-registry/statement/v1
        \#(unsigned2)
        ```

        Signature: `\#(signature2)`

        Line 2:

        ```
        \#(line2)
        ```

        | | value |
        |---|---|
        | SHA-256(line 2) = checkpoint `chain-head` | `\#(lineHash2)` |
        | leaf hash SHA-256(0x00 ‖ line 2) | `\#(leafHash2)` |

        After entry 2 the roll is empty: Paris withdrew, and the same key or another
        may sign again.

        ### The previous chain

        ```
        header hash      \#(shortHeaderHash)  ← entry 1 "previous"
        SHA-256(line 1)  \#(shortLineHash1)  ← entry 2 "previous"
        SHA-256(line 2)  \#(shortLineHash2)  ← checkpoint "chain-head"
        ```

        ### Tree of size 2 and the checkpoint

        With two leaves the root is the one interior node,
        SHA-256(0x01 ‖ leaf 1 ‖ leaf 2):

        ```
        root = \#(rootHex)
             = \#(rootBase64)  (base64)
        ```

        (For a larger tree, for example size 3, the root would be
        SHA-256(0x01 ‖ that node ‖ leaf 3).)

        `checkpoint` after entry 2:

        ```
        \#(checkpoint2)
        ```

        The signature line's payload starts with the key hash `\#(keyHashBytes)`
        (`\#(keyHashBase64)…` in base64); the remaining 64 bytes are the Ed25519 signature of
        the first four lines (the text up to the blank line).


        """#
    }
}

/// The example registry docs/FORMAT.md shows, built from fixed keys, fixed
/// times and a tiny fixed declaration, so every byte is reproducible.
struct FormatExample {
    static let origin = "registry.example.org/subnational-declaration"
    static let signedAt1 = "2016-12-09T10:00:00Z", appendedAt1 = "2016-12-09T10:05:00Z"
    static let signedAt2 = "2017-01-15T09:30:00Z", appendedAt2 = "2017-01-15T09:45:00Z"
    static let declarationFiles: [String: [UInt8]] = [
        "en.txt": Array("Example Declaration\n\n1. We publish what we sign.\n".utf8),
        "es.txt": Array("Declaración de ejemplo\n\n1. Publicamos lo que firmamos.\n".utf8),
        "fr.txt": Array("Déclaration d'exemple\n\n1. Nous publions ce que nous signons.\n".utf8),
        "manifest.json": Array("""
            {"id":"example-declaration","version":"1.0.0","adopted":"2016-12-09","languages":["en","fr","es"],\
            "titles":{"en":"Example Declaration","fr":"Déclaration d'exemple","es":"Declaración de ejemplo"},\
            "place":{"en":"Paris","fr":"Paris","es":"París"},"texts":{"en":"en.txt","fr":"fr.txt","es":"es.txt"}}

            """.utf8),
    ]

    let directory: TemporaryDirectory
    let declaration: Declaration
    let registrar: Ed25519PrivateKey
    let signatory: Ed25519PrivateKey
    let header: RegistryHeader
    let headerFile: [UInt8]
    let checkpoint0: [UInt8]
    let entries: [Entry]
    let ledger: [UInt8]
    let checkpoint2: [UInt8]

    init() throws {
        directory = try TemporaryDirectory()
        declaration = try Declaration(files: Self.declarationFiles, source: "example")
        registrar = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x01, count: 32))
        signatory = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x02, count: 32))
        let path = directory.path("registry")
        header = try Registry.create(directory: path, origin: Self.origin, declaration: declaration, registrarKey: registrar)
        let layout = RegistryLayout(directory: path)
        headerFile = try FileSystem.read(layout.header)
        checkpoint0 = try FileSystem.read(layout.checkpoint)
        let registry = Registry(directory: path)
        let signature = try Statement.signed(
            .signature(language: .fr, signatory: Signatory(
                kind: .government, name: "Paris", jurisdiction: try Jurisdiction(code: "FR"),
                representative: "Cabinet de la Maire de Paris", title: "Maire de Paris", website: "https://www.paris.fr")),
            registry: Self.origin, declarationDigest: declaration.digest,
            signedAt: Self.signedAt1, key: signatory)
        let first = try registry.append([.init(signature, source: "paris.json")], registrarKey: registrar,
                                        now: try RFC3339.date(from: Self.appendedAt1))
        let withdrawal = try Statement.signed(
            .withdrawal(reason: "Signée en double"),
            registry: Self.origin, declarationDigest: declaration.digest,
            signedAt: Self.signedAt2, key: signatory)
        let second = try registry.append([.init(withdrawal, source: "withdraw.json")], registrarKey: registrar,
                                         now: try RFC3339.date(from: Self.appendedAt2))
        entries = first.entries + second.entries
        ledger = try FileSystem.read(layout.ledger)
        checkpoint2 = try FileSystem.read(layout.checkpoint)
    }
}

/// Renders the worked example of docs/FORMAT.md section 15, the site
/// `declaration publish` makes of the section 13 registry, from the files
/// the publisher writes, and compares it with the document (or, with
/// DECLARATION_RECORD_FORMAT_EXAMPLE=1, writes it there).
@Suite struct FormatSiteExampleTests {
    static let sectionStart = "### The site of the example registry"
    static let nextSection = "## 16. "

    /// The example registry and its published site.
    struct Site {
        let example: FormatExample
        let site: String
        let report: PublishReport

        init() throws {
            example = try FormatExample()
            site = example.directory.path("site")
            report = try SitePublisher(registry: example.directory.path("registry"), site: site).publish()
        }

        func file(_ relative: String) throws -> [UInt8] {
            try FileSystem.read(site + "/" + relative)
        }
    }

    @Test func theTileAndTheBundleAreTheLeafHashesAndTheLines() throws {
        let site = try Site()
        let lines = site.example.entries.map(\.line)
        #expect(site.report.written.sorted() == [".nojekyll", "checkpoint", "declaration/en.txt", "declaration/es.txt",
                                                 "declaration/fr.txt", "declaration/manifest.json", "ledger.jsonl",
                                                 "registry.json", "tile/0/000.p/2", "tile/entries/000.p/2"])
        let tile = try site.file("tile/0/000.p/2")
        #expect(Hex.encode(tile) == "9c3dcb115c88183f8e22b463b08c394979819eb2d699cddd8ed2d28f27d251bd"
            + "c70e4a17c3b7c924cbf662d6252a101510ad0f8b25591f98c08ccf1807fef5df")
        let bundle = try site.file("tile/entries/000.p/2")
        #expect(lines.map(\.count) == [690, 529])
        #expect(bundle == [0x02, 0xB2] + lines[0] + [0x02, 0x11] + lines[1])
        #expect(try site.file("checkpoint") == site.example.checkpoint2)
        #expect(try site.file("ledger.jsonl") == site.example.ledger)
        #expect(try site.file("registry.json") == site.example.headerFile)
        #expect(MerkleTree.nodeHash(try #require(SHA256Digest(bytes: Array(tile[..<32]))),
                                    try #require(SHA256Digest(bytes: Array(tile[32...])))).hex
                == "6cdffcfe69bceaee4f7313dea9c38e90b01909a42b27c06639165d870230d653")
    }

    @Test func section15sExampleIsWhatThePublisherWrites() throws {
        let rendered = try Self.render(try Site())
        try DocumentSection(url: FormatExampleSectionTests.documentURL, start: Self.sectionStart, next: Self.nextSection,
                            name: "docs/FORMAT.md section 15's example").expectEqual(to: rendered)
    }

    static func render(_ site: Site) throws -> String {
        let rows = try site.report.written.sorted().map { path in
            let bytes = try site.file(path)
            return "| `\(path)` | \(bytes.count) | `\(SHA256.hash(bytes).hex)` |"
        }.joined(separator: "\n")
        let tile = try site.file("tile/0/000.p/2")
        let tileLines = [Hex.encode(Array(tile[..<32])), Hex.encode(Array(tile[32...]))].joined(separator: "\n")
        let bundle = try site.file("tile/entries/000.p/2")
        let (first, second) = (site.example.entries[0].line, site.example.entries[1].line)
        func prefix(_ line: [UInt8]) -> String {
            String(format: "%02x %02x", line.count >> 8, line.count & 0xFF)
        }
        let root = site.example.checkpoint2Root
        return #"""
        ### The site of the example registry

        `declaration publish` of the registry of section 13 (size 2) writes these
        files, and no others:

        | file | bytes | SHA-256 |
        |---|---|---|
        \#(rows)

        `checkpoint`, `registry.json`, `ledger.jsonl` and the declaration files are
        those of section 13. With two leaves, the tree's one tile is the partial
        level-0 tile `tile/0/000.p/2`, \#(tile.count) bytes: the leaf hashes of lines 1
        and 2, in order (`xxd -p -c 32 tile/0/000.p/2`):

        ```
        \#(tileLines)
        ```

        Its one entry bundle is `tile/entries/000.p/2`, \#(bundle.count) bytes: the
        length of line 1 as two big-endian bytes, `\#(prefix(first))` (\#(first.count)),
        then line 1 without its LF; at byte \#(2 + first.count), the length of line 2,
        `\#(prefix(second))` (\#(second.count)), then line 2. (`head -c 2
        tile/entries/000.p/2 | xxd -p` prints `\#(prefix(first).replacing(" ", with: ""))`.) A client that verified
        `checkpoint` (size 2) hashes the tile's two hashes, SHA-256(0x01 ‖ hash 1 ‖
        hash 2), and finds the checkpoint's root,
        `\#(root)`.


        """#
    }
}

extension FormatExample {
    /// The root of the checkpoint after entry 2, in base64 as the checkpoint writes it.
    var checkpoint2Root: String {
        String(decoding: checkpoint2, as: UTF8.self).split(separator: "\n")[2].description
    }
}
