import CryptoPrimitives
import DeclarationRegistry
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
        // Lowercase, uppercase, lowercase: full mappings, no locale.
        #expect(SignatoryIdentity.fold("ΣΑΣ İSTANBUL ẞ Straße") == "σασ i\u{307}stanbul ss strasse")
        #expect(SignatoryIdentity.fold("σας") == SignatoryIdentity.fold("ΣΑΣ"))
        #expect(SignatoryIdentity.fold("STRASSE") == SignatoryIdentity.fold("Straße"))
    }
}

/// The example registry docs/FORMAT.md shows, built from fixed keys, fixed
/// times and a tiny fixed declaration, so every byte is reproducible.
struct FormatExample {
    static let origin = "registry.example.org/subnational-declaration"
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
            signedAt: "2016-12-09T10:00:00Z", key: signatory)
        let first = try registry.append([.init(signature, source: "paris.json")], registrarKey: registrar,
                                        now: try RFC3339.date(from: "2016-12-09T10:05:00Z"))
        let withdrawal = try Statement.signed(
            .withdrawal(reason: "Signée en double"),
            registry: Self.origin, declarationDigest: declaration.digest,
            signedAt: "2017-01-15T09:30:00Z", key: signatory)
        let second = try registry.append([.init(withdrawal, source: "withdraw.json")], registrarKey: registrar,
                                         now: try RFC3339.date(from: "2017-01-15T09:45:00Z"))
        entries = first.entries + second.entries
        ledger = try FileSystem.read(layout.ledger)
        checkpoint2 = try FileSystem.read(layout.checkpoint)
    }
}
