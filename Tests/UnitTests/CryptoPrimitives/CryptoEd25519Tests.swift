import CryptoPrimitives
import Foundation
import Testing

@Suite struct CryptoEd25519Tests {
    @Test(arguments: try RFC8032Vector.all)
    func rfc8032KnownAnswers(vector: RFC8032Vector) throws {
        let key = try Ed25519PrivateKey(seed: bytes(vector.secretKey))
        #expect(Hex.encode(key.publicKey.rawRepresentation) == vector.publicKey)
        let message = try bytes(vector.message)
        let signature = try key.signature(for: message)
        #expect(Hex.encode(signature) == vector.signature)

        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(vector.publicKey))
        #expect(publicKey.isValidSignature(try bytes(vector.signature), for: message))
    }

    @Test(arguments: try RFC8032Vector.all)
    func alteredInputsAreRejected(vector: RFC8032Vector) throws {
        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(vector.publicKey))
        let message = try bytes(vector.message)
        let signature = try bytes(vector.signature)

        var longerMessage = message
        longerMessage.append(0)
        #expect(!publicKey.isValidSignature(signature, for: longerMessage))
        if !message.isEmpty {
            var changedMessage = message
            changedMessage[changedMessage.count / 2] ^= 0x01
            #expect(!publicKey.isValidSignature(signature, for: changedMessage))
        }
        for index in [0, 31, 32, 63] {
            var changedSignature = signature
            changedSignature[index] ^= 0x01
            #expect(!publicKey.isValidSignature(changedSignature, for: message))
        }
        #expect(!publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!publicKey.isValidSignature(signature + [0], for: message))

        var otherKeyBytes = try bytes(vector.publicKey)
        otherKeyBytes[0] ^= 0x01
        if let otherKey = try? Ed25519PublicKey(rawRepresentation: otherKeyBytes) {
            #expect(!otherKey.isValidSignature(signature, for: message))
        }
        let unrelatedKey = try Ed25519PrivateKey().publicKey
        #expect(!unrelatedKey.isValidSignature(signature, for: message))
    }

    /// S + L encodes the same scalar modulo L, so a lax verifier accepts it:
    /// a signature anyone could alter without the key (malleability).
    @Test(arguments: try RFC8032Vector.all)
    func scalarPlusGroupOrderIsRejected(vector: RFC8032Vector) throws {
        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(vector.publicKey))
        let signature = try bytes(vector.signature)
        let groupOrder = try bytes("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
        var altered = signature
        var carry = 0
        for index in 0..<32 {
            let sum = Int(signature[32 + index]) + Int(groupOrder[index]) + carry
            altered[32 + index] = UInt8(sum & 0xff)
            carry = sum >> 8
        }
        // S < L < 2^253, so S + L < 2^254 still fits in 32 bytes.
        #expect(carry == 0)
        #expect(!publicKey.isValidSignature(altered, for: try bytes(vector.message)))
    }

    @Test func scalarEqualToGroupOrderIsRejected() throws {
        let vector = try RFC8032Vector.all[0]
        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(vector.publicKey))
        let signature = try bytes(vector.signature)
        let withL = Array(signature[0..<32])
            + (try bytes("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"))
        #expect(!publicKey.isValidSignature(withL, for: []))
    }

    /// The 8 canonical small-order encodings and the 6 non-canonical ones
    /// (x = 0 with the sign bit set; y = p and y = p + 1 with either sign).
    static let smallOrderEncodings: [String] = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ]

    @Test(arguments: smallOrderEncodings)
    func smallOrderPublicKeysAreRefused(encoding: String) throws {
        let raw = try bytes(encoding)
        #expect(throws: CryptoError.smallOrderPublicKey(encoding: encoding)) {
            try Ed25519PublicKey(rawRepresentation: raw)
        }
    }

    @Test(arguments: smallOrderEncodings)
    func smallOrderNonceIsRejected(encoding: String) throws {
        // A small-order R lets a forger cancel terms of the verification
        // equation; it is refused whatever S is and whatever OpenSSL does.
        let publicKey = try Ed25519PrivateKey().publicKey
        let signature = try bytes(encoding) + [UInt8](repeating: 0, count: 32)
        #expect(!publicKey.isValidSignature(signature, for: Array("message".utf8)))
    }

    /// A signature by the TEST 1 key whose R is the neutral element: with
    /// the private scalar a, S = k·a mod L satisfies [S]B = R + [k]A, and
    /// OpenSSL 3.0 accepts it. It proves nothing about the nonce, so strict
    /// verification refuses it.
    @Test func neutralElementAsNonceIsRejectedThoughTheEquationHolds() throws {
        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(try RFC8032Vector.all[0].publicKey))
        let signature = try bytes(
            "0100000000000000000000000000000000000000000000000000000000000000"
                + "aa5b6f2c40ff308b59fe2644235233d40b76a4c3ab2da2b12ca700f448475905"
        )
        #expect(!publicKey.isValidSignature(signature, for: Array("identity as R".utf8)))
    }

    @Test(arguments: [
        // y = p + 2 ... 2^255 - 1: unreduced encodings of y = 2 ... 18.
        "efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ])
    func nonCanonicalPublicKeysAreRefused(encoding: String) throws {
        let raw = try bytes(encoding)
        #expect(throws: CryptoError.nonCanonicalPublicKey(encoding: encoding)) {
            try Ed25519PublicKey(rawRepresentation: raw)
        }
    }

    @Test func wrongLengthsAreRefused() throws {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, found: 31)) {
            try Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 31))
        }
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, found: 33)) {
            try Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: 33))
        }
    }

    @Test func keyIDIsTheFirstEightBytesOfSHA256InFourGroups() throws {
        // SHA-256 of the TEST 1 public key starts 21fe31dfa154a261.
        let publicKey = try Ed25519PublicKey(rawRepresentation: bytes(try RFC8032Vector.all[0].publicKey))
        #expect(publicKey.keyID == "21fe-31df-a154-a261")
        let digest = SHA256.hash(publicKey.rawRepresentation).hex
        #expect(publicKey.keyID.replacingOccurrences(of: "-", with: "") == String(digest.prefix(16)))
    }

    @Test func repeatedVerificationReusesTheKey() throws {
        // Alternating good and bad signatures on one key exercises the
        // cached OpenSSL contexts: a rejection must not poison the next check.
        let key = try Ed25519PrivateKey()
        let message = Array("registry entry".utf8)
        let good = try key.signature(for: message)
        var bad = good
        bad[10] ^= 0x40
        for _ in 0..<20 {
            #expect(key.publicKey.isValidSignature(good, for: message))
            #expect(!key.publicKey.isValidSignature(bad, for: message))
        }
        #expect(try key.signature(for: message) == good)
    }

    @Test func concurrentVerificationWithOneKey() async throws {
        let key = try Ed25519PrivateKey()
        let publicKey = key.publicKey
        let message = Array("concurrent".utf8)
        let signature = try key.signature(for: message)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<32 {
                group.addTask {
                    var candidate = signature
                    if index.isMultiple(of: 2) { candidate[5] ^= 1 }
                    return publicKey.isValidSignature(candidate, for: message) == !index.isMultiple(of: 2)
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 })
    }

    @Test func publicKeysCompareByTheirBytes() throws {
        let seed = try bytes(try RFC8032Vector.all[1].secretKey)
        let first = try Ed25519PrivateKey(seed: seed).publicKey
        let second = try Ed25519PublicKey(rawRepresentation: bytes(try RFC8032Vector.all[1].publicKey))
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
    }
}
