import CFuzzerDriver

// The layers' modules, reached through the `DeclarationRegistry` product of
// the path dependency (CryptoPrimitives and RegistryFormat are not products).
// `@testable` reaches the ledger line's fast and replay readers
// (`LedgerLineDecoder`, `ReplayHeader`), which are `package` and so hidden
// from this package otherwise; the fuzzer is built in debug mode, where
// SwiftPM enables testing.
import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
@testable import RegistryFormat
import TransparencyLog

/// The entry point: SwiftPM links an executable's `main` under this name,
/// so it hands over to libFuzzer's driver itself.
@_cdecl("fuzz_parsers_main")
func fuzzParsersMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        fuzzTestOneInput(data, size)
    }
}

/// The parser under test, chosen by the `FUZZ_TARGET` environment variable,
/// since one binary builds far faster than one per parser.
enum FuzzTarget: String, CaseIterable {
    case ledgerLine = "ledger-line"
    case statement
    case checkpoint
    case header
    case pem
    case manifest
    case text
    case fields

    static let current: FuzzTarget? = ProcessInfo.processInfo.environment["FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))

    /// A verifier key and origin for checkpoints, fixed so that inputs are
    /// reproducible.
    static let origin = "fuzz.declaration-registry.example/parsers"
    static let verifier: NoteVerifierKey? = (try? Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32)))
        .flatMap { try? NoteVerifierKey(name: origin, publicKey: $0.publicKey) }
    static let declarationFiles: [String: [UInt8]] = (try? Declaration.embedded.files) ?? [:]
    /// The header fields a replayed line is compared with: the demo
    /// registry's, whose lines seed the corpus.
    static let replayHeader = ReplayHeader(origin: Array(DemoRegistry.origin.utf8),
                                           declarationDigest: Array(((try? Declaration.embedded.digest.hex) ?? "").utf8))

    /// Feeds one input to the parser. Errors are the expected outcome for
    /// most inputs; only crashes, hangs and sanitizer reports matter.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .ledgerLine:
            let general = (try? CanonicalJSON.parseCanonical(bytes)).flatMap { try? Entry(json: $0) }
            if let entry = general {
                // What parses must encode back to the same bytes.
                precondition(entry.line == bytes, "a ledger line parsed but did not re-encode to itself")
            }
            // The verifier's fast path reads only what the general path
            // reads, and reads it the same, signed message included.
            if let fast = LedgerLineCodec.decode(bytes) {
                precondition(fast.entry == general, "the fast path read a line the general path reads otherwise, or refuses")
                precondition(fast.signedMessage(in: bytes) == fast.entry.statement.signedMessage,
                             "the fast path cut a signed message that is not the statement's")
            }
            // Replaying a line never crashes, whatever it holds.
            _ = LedgerLineCodec.replayed(bytes, header: Self.replayHeader)
        case .statement:
            if let statement = try? Statement(fileBytes: bytes) {
                _ = statement.hasValidSignature
                _ = try? statement.validate()
            }
        case .checkpoint:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? SignedNote(parsing: text)
            _ = try? Checkpoint(parsingBody: text)
            if let verifier = Self.verifier {
                _ = try? RegistryCheckpoint(opening: bytes, verifier: verifier, origin: Self.origin)
            }
        case .header:
            if let json = try? CanonicalJSON.parseCanonical(bytes), let header = try? RegistryHeader(json: json) {
                precondition(header.canonicalBytes == bytes, "a header parsed but did not re-encode to itself")
            }
        case .pem:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? Ed25519PrivateKey(pemRepresentation: text, passphrase: nil)
            _ = try? Ed25519PrivateKey(pemRepresentation: text, passphrase: Array("fuzz".utf8))
            _ = try? Ed25519PublicKey(pemRepresentation: text)
        case .manifest:
            var files = Self.declarationFiles
            files["manifest.json"] = bytes
            _ = try? Declaration(files: files, source: "fuzz")
        case .text:
            var files = Self.declarationFiles
            files["en.txt"] = bytes
            _ = try? Declaration(files: files, source: "fuzz")
        case .fields:
            // One value as a name and as a website: the rules' byte-level
            // shortcuts must agree with the rules they stand in for.
            guard let value = String(validating: bytes, as: UTF8.self) else { return }
            let grammar = bytes.withUnsafeBytes { WebsiteRules.matchesGrammar($0) }
            let website = (try? WebsiteRules.check(value, field: "website")) != nil
            precondition(grammar == website, "the website rule and its grammar disagree")
            guard (try? TextRules.check(value, field: "name", limit: Statement.Limit.name)) != nil,
                  let jurisdiction = try? Jurisdiction(code: "FR")
            else { return }
            let signatory = Signatory(kind: .government, name: value, jurisdiction: jurisdiction,
                                      representative: "Office", title: "Mayor")
            precondition(SignatoryIdentity.digest(of: signatory) == signatory.identity.digest,
                         "the identity's Latin shortcut folded a name otherwise than the fold")
            let folded = SignatoryIdentity.fold(value)
            precondition(folded.precomposedStringWithCanonicalMapping.utf8.elementsEqual(folded.utf8),
                         "a folded name is not in NFC")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let target = FuzzTarget.current else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(64)
    }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target.run(bytes)
    return 0
}
