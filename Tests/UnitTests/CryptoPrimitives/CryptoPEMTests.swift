import CryptoPrimitives
import Foundation
import Testing

@Suite struct CryptoPEMTests {
    /// The TEST 1 key of RFC 8032 as `openssl pkey` writes it (checked with
    /// openssl 3.0: the DER is a fixed 16-byte header and the seed).
    static let test1PrivatePEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
        -----END PRIVATE KEY-----

        """
    static let test1PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
        -----END PUBLIC KEY-----

        """

    @Test func privateKeyPEMMatchesOpenSSLByteForByte() throws {
        let key = try Ed25519PrivateKey(seed: bytes(try RFC8032Vector.all[0].secretKey))
        #expect(try key.pemRepresentation() == Self.test1PrivatePEM)
        #expect(key.publicKey.pemRepresentation == Self.test1PublicPEM)
    }

    @Test func privateKeyRoundTrip() throws {
        let key = try Ed25519PrivateKey()
        let loaded = try Ed25519PrivateKey(pemRepresentation: key.pemRepresentation())
        #expect(loaded.publicKey == key.publicKey)
        let message = Array("round trip".utf8)
        #expect(try loaded.signature(for: message) == key.signature(for: message))
    }

    @Test func publicKeyRoundTrip() throws {
        let key = try Ed25519PrivateKey().publicKey
        let loaded = try Ed25519PublicKey(pemRepresentation: key.pemRepresentation)
        #expect(loaded == key)
        #expect(try Ed25519PublicKey(pemRepresentation: Self.test1PublicPEM).rawRepresentation
            == bytes(try RFC8032Vector.all[0].publicKey))
    }

    @Test func encryptedRoundTrip() throws {
        let key = try Ed25519PrivateKey()
        let passphrase = Array("correct horse battery staple".utf8)
        let pem = try key.pemRepresentation(passphrase: passphrase)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        let loaded = try Ed25519PrivateKey(pemRepresentation: pem, passphrase: passphrase)
        #expect(loaded.publicKey == key.publicKey)
    }

    @Test func encryptingTwiceGivesDifferentCiphertexts() throws {
        // A fresh salt and IV each time: equal keys must not be recognisable.
        let key = try Ed25519PrivateKey()
        let passphrase = Array("pass phrase".utf8)
        #expect(try key.pemRepresentation(passphrase: passphrase) != key.pemRepresentation(passphrase: passphrase))
    }

    @Test func wrongPassphraseIsReported() throws {
        let pem = try Ed25519PrivateKey().pemRepresentation(passphrase: Array("right one".utf8))
        #expect(throws: CryptoError.wrongPassphrase) {
            try Ed25519PrivateKey(pemRepresentation: pem, passphrase: Array("wrong one".utf8))
        }
        #expect(throws: CryptoError.wrongPassphrase) {
            try Ed25519PrivateKey(pemRepresentation: pem, passphrase: [])
        }
    }

    @Test func missingPassphraseIsReported() throws {
        let pem = try Ed25519PrivateKey().pemRepresentation(passphrase: Array("secret".utf8))
        #expect(throws: CryptoError.passphraseRequired) {
            try Ed25519PrivateKey(pemRepresentation: pem)
        }
    }

    @Test func emptyPassphraseIsRefusedForEncryption() throws {
        #expect(throws: CryptoError.emptyPassphrase) {
            try Ed25519PrivateKey().pemRepresentation(passphrase: [])
        }
    }

    @Test func textWithoutPEMIsReported() throws {
        #expect(throws: CryptoError.notPEMKey(expected: "PRIVATE KEY", found: nil)) {
            try Ed25519PrivateKey(pemRepresentation: "not a key at all")
        }
        #expect(throws: CryptoError.notPEMKey(expected: "PUBLIC KEY", found: nil)) {
            try Ed25519PublicKey(pemRepresentation: "")
        }
    }

    @Test func theOtherHalfIsReported() throws {
        #expect(throws: CryptoError.notPEMKey(expected: "PRIVATE KEY", found: "PUBLIC KEY")) {
            try Ed25519PrivateKey(pemRepresentation: Self.test1PublicPEM)
        }
        #expect(throws: CryptoError.notPEMKey(expected: "PUBLIC KEY", found: "PRIVATE KEY")) {
            try Ed25519PublicKey(pemRepresentation: Self.test1PrivatePEM)
        }
    }

    @Test func damagedPEMIsReported() throws {
        let damaged = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v
            -----END PRIVATE KEY-----

            """
        #expect {
            try Ed25519PrivateKey(pemRepresentation: damaged)
        } throws: { error in
            guard case .malformedPEM(let label, _) = error as? CryptoError else { return false }
            return label == "PRIVATE KEY"
        }
    }

    @Test func x25519KeyIsTheWrongType() throws {
        // PKCS#8 for X25519 (RFC 8410): the same layout with OID 1.3.101.110.
        let der: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e,
                            0x04, 0x22, 0x04, 0x20] + [UInt8](repeating: 0x42, count: 32)
        let pem = "-----BEGIN PRIVATE KEY-----\n\(Data(der).base64EncodedString())\n-----END PRIVATE KEY-----\n"
        #expect(throws: CryptoError.wrongKeyType(expected: "Ed25519", found: "X25519")) {
            try Ed25519PrivateKey(pemRepresentation: pem)
        }
    }

    @Test func smallOrderKeyInPEMIsRefused() throws {
        let raw = [UInt8](repeating: 0, count: 32)
        let der: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00] + raw
        let pem = "-----BEGIN PUBLIC KEY-----\n\(Data(der).base64EncodedString())\n-----END PUBLIC KEY-----\n"
        #expect(throws: CryptoError.smallOrderPublicKey(encoding: Hex.encode(raw))) {
            try Ed25519PublicKey(pemRepresentation: pem)
        }
    }

    @Test func errorMessagesAreOneLine() throws {
        let errors: [CryptoError] = [
            .wrongPassphrase, .passphraseRequired, .emptyPassphrase,
            .notPEMKey(expected: "PRIVATE KEY", found: nil),
            .notPEMKey(expected: "PRIVATE KEY", found: "RSA PRIVATE KEY"),
            .wrongKeyType(expected: "Ed25519", found: "RSA"),
            .smallOrderPublicKey(encoding: String(repeating: "0", count: 64)),
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
            #expect(!error.description.contains("\n"))
        }
        #expect(CryptoError.wrongKeyType(expected: "Ed25519", found: "RSA").description.contains("RSA"))
    }
}
