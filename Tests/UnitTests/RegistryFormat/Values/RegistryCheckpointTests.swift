import CryptoPrimitives
import RegistryFormat
import Testing
import TransparencyLog

/// The registry's checkpoint refuses numbers the rest of the format cannot
/// hold, even when the registrar signed them.
@Suite struct RegistryCheckpointTests {
    static let origin = "registry.example.org/numbers"

    static func signedCheckpoint(size: UInt64) throws -> (bytes: [UInt8], verifier: NoteVerifierKey) {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let checkpoint = try RegistryCheckpoint(origin: origin, size: size, rootHash: MerkleTree.emptyRoot,
                                                chainHead: MerkleTree.emptyRoot)
        return (try checkpoint.signedNote(with: key), try NoteVerifierKey(name: origin, publicKey: key.publicKey))
    }

    @Test(arguments: [UInt64(1) << 53, UInt64(1) << 63, UInt64.max])
    func aSignedSizeBeyondTheLargestSequenceNumberIsRefused(size: UInt64) throws {
        let (bytes, verifier) = try Self.signedCheckpoint(size: size)
        let error = #expect(throws: RegistryCheckpoint.OpenError.self) {
            try RegistryCheckpoint(opening: bytes, verifier: verifier, origin: Self.origin)
        }
        #expect(error?.line == 2)
        #expect(error?.description.contains("9007199254740991") == true)
    }

    @Test func theLargestSequenceNumberIsAValidSize() throws {
        let largest: UInt64 = (1 << 53) - 1
        let (bytes, verifier) = try Self.signedCheckpoint(size: largest)
        #expect(try RegistryCheckpoint(opening: bytes, verifier: verifier, origin: Self.origin).size == largest)
    }
}
