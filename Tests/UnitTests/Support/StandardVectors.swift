import CryptoPrimitives
import Foundation
import Testing
import TransparencyLog

/// The standards' published test vectors, kept as data in
/// `Tests/UnitTests/TestVectors/*.json` (copied into the test bundle, as
/// swift-crypto keeps `Test Vectors/`). Each file names its source, RFC
/// section and address. A file that is missing, malformed or empty makes
/// every test that reads it fail: none passes without its vectors.
enum TestVectorFile {
    struct Unreadable: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "test vectors \(file).json: \(reason)" }
    }

    /// Decodes `TestVectors/<name>.json` from the test bundle.
    static func load<File: Decodable>(_ name: String, as type: File.Type = File.self) throws -> File {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "TestVectors") else {
            throw Unreadable(file: name, reason: "not in the test bundle")
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    /// `vectors`, or an error naming the file when it holds none.
    static func nonEmpty<Vector>(_ vectors: [Vector], in name: String) throws -> [Vector] {
        guard !vectors.isEmpty else { throw Unreadable(file: name, reason: "holds no vectors") }
        return vectors
    }

    /// The bytes of hex in a vector file.
    static func hex(_ hex: String, in name: String) throws -> [UInt8] {
        guard let bytes = Hex.decode(hex) else { throw Unreadable(file: name, reason: "bad hex \(hex)") }
        return bytes
    }

    /// The digest written in hex in a vector file.
    static func digest(_ hex: String, in name: String) throws -> SHA256Digest {
        guard let digest = SHA256Digest(hex: hex) else { throw Unreadable(file: name, reason: "bad digest \(hex)") }
        return digest
    }
}

/// A list of vectors with the source it comes from.
struct VectorList<Vector: Decodable & Sendable>: Decodable, Sendable {
    var source: String
    var vectors: [Vector]
}

/// Decodes hex known to be valid in a test; a typo fails the test.
func bytes(_ hex: String) throws -> [UInt8] {
    try #require(Hex.decode(hex))
}

// MARK: - RFC 8032, Ed25519

/// One RFC 8032 section 7.1 test vector, all fields in hex
/// (`TestVectors/rfc8032-ed25519.json`).
struct RFC8032Vector: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var secretKey: String
    var publicKey: String
    var message: String
    var signature: String

    var testDescription: String { name }

    static let fileName = "rfc8032-ed25519"
    static let file = Result { try TestVectorFile.load(fileName, as: VectorList<RFC8032Vector>.self) }

    /// TEST 1, TEST 2, TEST 3, TEST 1024 and TEST SHA(abc), in the RFC's order.
    static var all: [RFC8032Vector] {
        get throws { try TestVectorFile.nonEmpty(file.get().vectors, in: fileName) }
    }
}

// MARK: - FIPS 180, SHA-256

/// A SHA-256 known answer (`TestVectors/fips180-sha256.json`).
struct SHA256Vector: Decodable, Sendable {
    var name: String
    /// UTF-8 text.
    var message: String
    var digest: String

    static let fileName = "fips180-sha256"
    static let file = Result { try TestVectorFile.load(fileName, as: VectorList<SHA256Vector>.self) }

    static var all: [SHA256Vector] {
        get throws { try TestVectorFile.nonEmpty(file.get().vectors, in: fileName) }
    }
}

// MARK: - RFC 8785, canonical JSON

/// An RFC 8785 input and its canonical form (`TestVectors/rfc8785-canonical-json.json`).
struct RFC8785Vector: Decodable, Sendable {
    var name: String
    var section: String
    var input: String
    var canonical: String

    static let fileName = "rfc8785-canonical-json"
    static let file = Result { try TestVectorFile.load(fileName, as: VectorList<RFC8785Vector>.self) }

    /// The vector of RFC 8785 section `section`.
    static func section(_ section: String) throws -> RFC8785Vector {
        guard let vector = try file.get().vectors.first(where: { $0.section == section }) else {
            throw TestVectorFile.Unreadable(file: fileName, reason: "no vector of section \(section)")
        }
        return vector
    }
}

// MARK: - RFC 9162, Merkle trees

/// The RFC 6962 test tree shared by Certificate Transparency implementations,
/// with RFC 9162 roots and proofs (`TestVectors/rfc9162-merkle-tree.json`).
enum RFC6962Vectors {
    struct InclusionProof: Decodable, Sendable {
        var leafIndex: Int
        var treeSize: Int
        var proof: [String]
    }

    struct ConsistencyProof: Decodable, Sendable {
        var oldSize: Int
        var newSize: Int
        var proof: [String]
    }

    struct File: Decodable, Sendable {
        var source: String
        var leaves: [String]
        var roots: [String]
        var inclusionProofs: VectorList<InclusionProof>
        var consistencyProofs: VectorList<ConsistencyProof>
    }

    static let fileName = "rfc9162-merkle-tree"
    static let file = Result { try TestVectorFile.load(fileName, as: File.self) }

    static var leaves: [[UInt8]] {
        get throws {
            try TestVectorFile.nonEmpty(file.get().leaves, in: fileName).map { try TestVectorFile.hex($0, in: fileName) }
        }
    }

    static var leafHashes: [SHA256Digest] { get throws { try leaves.map { MerkleTree.leafHash($0) } } }

    /// roots[n] is the root of the first n leaves.
    static var roots: [SHA256Digest] {
        get throws {
            try TestVectorFile.nonEmpty(file.get().roots, in: fileName).map { try TestVectorFile.digest($0, in: fileName) }
        }
    }

    /// Published audit paths: (leaf index, tree size, proof in hex).
    static var inclusionProofs: [(Int, Int, [String])] {
        get throws {
            try TestVectorFile.nonEmpty(file.get().inclusionProofs.vectors, in: fileName)
                .map { ($0.leafIndex, $0.treeSize, $0.proof) }
        }
    }

    /// Published consistency proofs: (old size, new size, proof in hex).
    static var consistencyProofs: [(Int, Int, [String])] {
        get throws {
            try TestVectorFile.nonEmpty(file.get().consistencyProofs.vectors, in: fileName)
                .map { ($0.oldSize, $0.newSize, $0.proof) }
        }
    }

    static func digest(_ hex: String) -> SHA256Digest {
        guard let digest = SHA256Digest(hex: hex) else {
            Issue.record("bad test vector \(hex)")
            return MerkleTree.emptyRoot
        }
        return digest
    }

    /// Leaf hashes of `count` distinct synthetic leaves.
    static func syntheticLeafHashes(_ count: Int) -> [SHA256Digest] {
        (0..<count).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
    }
}

// MARK: - C2SP signed note

/// The example of Go's golang.org/x/mod/sumdb/note package
/// (`TestVectors/c2sp-signed-note.json`).
enum GoNoteExample {
    struct File: Decodable, Sendable {
        var source: String
        var name: String
        var keyHash: String
        var verifierKey: String
        var signerKey: String
        var text: String
        var signatureLine: String
    }

    static let fileName = "c2sp-signed-note"
    static let file = Result { try TestVectorFile.load(fileName, as: File.self) }

    static var verifierKey: String { get throws { try file.get().verifierKey } }
    static var signerKey: String { get throws { try file.get().signerKey } }
    static var text: String { get throws { try file.get().text } }
    static var signatureLine: String { get throws { try file.get().signatureLine } }
    /// The text, a blank line and the signature line.
    static var note: String { get throws { try text + "\n" + signatureLine } }

    /// The Ed25519 seed inside the signer key: base64 of 0x01 ‖ seed.
    static func privateKey() throws -> Ed25519PrivateKey {
        let parts = try signerKey.split(separator: "+", maxSplits: 4)
        let encoded = try #require(Data(base64Encoded: String(parts[4])))
        #expect(encoded.count == 33 && encoded.first == 0x01)
        return try Ed25519PrivateKey(seed: Array(encoded.dropFirst()))
    }
}

// MARK: - C2SP checkpoint

/// The example checkpoint of the C2SP tlog-checkpoint specification
/// (`TestVectors/c2sp-tlog-checkpoint.json`).
enum C2SPCheckpointExample {
    struct File: Decodable, Sendable {
        var source: String
        var body: String
    }

    static let fileName = "c2sp-tlog-checkpoint"
    static let file = Result { try TestVectorFile.load(fileName, as: File.self) }

    /// The checkpoint's body: origin, tree size and root hash lines.
    static var body: String { get throws { try file.get().body } }
}
