internal import COpenSSL
import Foundation

extension Ed25519PublicKey {
    /// Reads a key from SPKI PEM ("-----BEGIN PUBLIC KEY-----"), as written
    /// by `openssl pkey -pubout`; the key then passes the same checks as
    /// `init(rawRepresentation:)`.
    public init(pemRepresentation: String) throws(CryptoError) {
        let label = PEM.firstLabel(in: pemRepresentation)
        guard label == PEM.publicKeyLabel else {
            throw .notPEMKey(expected: PEM.publicKeyLabel, found: label)
        }
        let decoded = try PEM.decode(pemRepresentation, label: PEM.publicKeyLabel) { bio, _ in
            PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        defer { EVP_PKEY_free(decoded) }
        try PEM.requireEd25519(decoded)
        var raw = [UInt8](repeating: 0, count: 32)
        var length = raw.count
        guard EVP_PKEY_get_raw_public_key(decoded, &raw, &length) == 1, length == 32 else {
            throw .openSSL(.drain(operation: "reading an Ed25519 public key"))
        }
        try self.init(rawRepresentation: raw)
    }

    /// The key as SPKI PEM, byte for byte what `openssl pkey -pubout` writes.
    public var pemRepresentation: String {
        // The DER of an Ed25519 SubjectPublicKeyInfo is a fixed 12-byte
        // header (RFC 8410 section 4) and the key; its 60 base64 characters
        // fit on one PEM line.
        let header: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
        let body = Data(header + rawRepresentation).base64EncodedString()
        return "-----BEGIN PUBLIC KEY-----\n\(body)\n-----END PUBLIC KEY-----\n"
    }
}

extension Ed25519PrivateKey {
    /// Reads a PKCS#8 PEM key: "PRIVATE KEY" as `openssl genpkey -algorithm
    /// ed25519` writes, or "ENCRYPTED PRIVATE KEY" (any PBES2 scheme OpenSSL
    /// knows, such as PBKDF2 or scrypt with AES-256-CBC) opened with
    /// `passphrase`. A passphrase given for an unencrypted key is ignored.
    public init(pemRepresentation: String, passphrase: [UInt8]? = nil) throws(CryptoError) {
        let label = PEM.firstLabel(in: pemRepresentation)
        switch label {
        case PEM.privateKeyLabel:
            break
        case PEM.encryptedPrivateKeyLabel:
            guard passphrase != nil else { throw .passphraseRequired }
        default:
            throw .notPEMKey(expected: PEM.privateKeyLabel, found: label)
        }
        let decoded = try PEM.decode(
            pemRepresentation, label: label ?? PEM.privateKeyLabel, passphrase: passphrase
        ) { bio, context in
            PEM_read_bio_PrivateKey(bio, nil, PEM.passphraseCallback, context)
        }
        do throws(CryptoError) {
            try PEM.requireEd25519(decoded)
        } catch {
            EVP_PKEY_free(decoded)
            throw error
        }
        try self.init(taking: decoded)
    }

    /// The key as PKCS#8 PEM: "PRIVATE KEY" when `passphrase` is nil, the
    /// same bytes `openssl pkey` writes; otherwise "ENCRYPTED PRIVATE KEY",
    /// encrypted with AES-256-CBC under a key derived by PBKDF2-HMAC-SHA256,
    /// as `openssl genpkey -aes256` does.
    ///
    /// The result contains the private key: keep it out of logs and write
    /// it only to a file with mode 0600 (see `KeyFile`).
    public func pemRepresentation(passphrase: [UInt8]? = nil) throws(CryptoError) -> String {
        if let passphrase {
            guard !passphrase.isEmpty else { throw .emptyPassphrase }
            guard passphrase.count <= PEM.maximumPassphraseLength else {
                throw .passphraseTooLong(maximum: PEM.maximumPassphraseLength, found: passphrase.count)
            }
        }
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw .openSSL(.drain(operation: "writing a private key"))
        }
        // Freeing a memory BIO wipes its buffer (OPENSSL_clear_free).
        defer { BIO_free(bio) }
        let state = PEM.PassphraseState(passphrase: passphrase)
        let written = withExtendedLifetime(state) {
            let context = Unmanaged.passUnretained(state).toOpaque()
            if passphrase == nil {
                return PEM_write_bio_PrivateKey(bio, key.pointer, nil, nil, 0, nil, nil)
            }
            return PEM_write_bio_PKCS8PrivateKey(
                bio, key.pointer, EVP_aes_256_cbc(), nil, 0, PEM.passphraseCallback, context
            )
        }
        guard written == 1 else {
            throw .openSSL(.drain(operation: "writing a private key"))
        }
        return PEM.contents(of: bio)
    }
}

/// PEM decoding shared by the key types.
enum PEM {
    static let publicKeyLabel = "PUBLIC KEY"
    static let privateKeyLabel = "PRIVATE KEY"
    static let encryptedPrivateKeyLabel = "ENCRYPTED PRIVATE KEY"
    /// OpenSSL hands the passphrase callback a buffer of PEM_BUFSIZE bytes.
    static let maximumPassphraseLength = 1024

    /// The label of the first "-----BEGIN …-----" line, or nil if none.
    static func firstLabel(in text: String) -> String? {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        let rest = text[begin.upperBound...]
        guard let end = rest.range(of: "-----") else { return nil }
        let label = rest[..<end.lowerBound]
        guard !label.contains("\n") else { return nil }
        return String(label)
    }

    /// What the passphrase callback reads and reports; lives for one call.
    final class PassphraseState {
        let passphrase: [UInt8]?
        var requested = false
        var tooLong = false

        init(passphrase: [UInt8]?) {
            self.passphrase = passphrase
        }
    }

    /// Hands OpenSSL the passphrase. Always passed, even without a
    /// passphrase, because OpenSSL's default would prompt on the terminal.
    static let passphraseCallback: @convention(c) (
        UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
    ) -> Int32 = { buffer, size, _, context in
        guard let buffer, let context else { return -1 }
        let state = Unmanaged<PassphraseState>.fromOpaque(context).takeUnretainedValue()
        state.requested = true
        guard let passphrase = state.passphrase else { return -1 }
        guard passphrase.count <= Int(size) else {
            state.tooLong = true
            return -1
        }
        passphrase.withUnsafeBytes { bytes in
            guard let source = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: source, byteCount: bytes.count)
        }
        return Int32(passphrase.count)
    }

    /// Runs `read` on a memory BIO over `text`, turning a failure into the
    /// error that says why.
    static func decode(
        _ text: String,
        label: String,
        passphrase: [UInt8]? = nil,
        read: (OpaquePointer, UnsafeMutableRawPointer) -> OpaquePointer?
    ) throws(CryptoError) -> OpaquePointer {
        let state = PassphraseState(passphrase: passphrase)
        let utf8 = Array(text.utf8)
        let decoded: OpaquePointer?? = withExtendedLifetime(state) {
            utf8.withUnsafeBytes { bytes in
                guard let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(clamping: bytes.count)) else {
                    return .some(nil) as OpaquePointer??
                }
                defer { BIO_free(bio) }
                return .some(read(bio, Unmanaged.passUnretained(state).toOpaque()))
            }
        }
        if let decoded = decoded ?? nil {
            return decoded
        }
        let error = OpenSSLError.drain(operation: "decoding a \(label) PEM block")
        if state.tooLong, let passphrase {
            throw .passphraseTooLong(maximum: maximumPassphraseLength, found: passphrase.count)
        }
        if state.requested {
            throw passphrase == nil ? .passphraseRequired : .wrongPassphrase
        }
        throw .malformedPEM(label: label, error)
    }

    /// Throws `wrongKeyType`, naming the type found, unless `key` is Ed25519.
    static func requireEd25519(_ key: OpaquePointer) throws(CryptoError) {
        guard EVP_PKEY_get_base_id(key) != EVP_PKEY_ED25519 else { return }
        var found = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "unknown"
        var group = [CChar](repeating: 0, count: 80)
        var groupLength = 0
        if EVP_PKEY_get_group_name(key, &group, group.count, &groupLength) == 1, groupLength > 0 {
            found += " (\(String(decoding: group.prefix(groupLength).map { UInt8(bitPattern: $0) }, as: UTF8.self)))"
        }
        // Asking an RSA key for its group fails harmlessly; forget that.
        OpenSSLError.drainQueue()
        throw .wrongKeyType(expected: "Ed25519", found: found)
    }

    /// The bytes written to a memory BIO, as text.
    static func contents(of bio: OpaquePointer) -> String {
        var data: UnsafeMutablePointer<CChar>?
        let length = copenssl_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { return "" }
        return UnsafeRawBufferPointer(start: data, count: Int(length)).withMemoryRebound(to: UInt8.self) {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
