/// Recognises private key material in bytes that are about to be quoted in
/// an error message: an error quotes the line at fault, and a key file
/// handed over where a statement, checkpoint, header or ledger line was
/// expected must never have any of its secret shown.
package enum KeyMaterial {
    /// What marks key material: the PEM armour of a private key (plain or
    /// encrypted, its BEGIN or END line), the base64 that every PKCS#8
    /// Ed25519 private key's body starts with (version 1 and 2, as OpenSSL
    /// writes them, so the line holding the seed is caught without its
    /// armour), and the same prefix as raw DER.
    private static let markers: [[UInt8]] = [
        Array("PRIVATE KEY-----".utf8),
        Array("MC4CAQAwBQYDK2Vw".utf8),
        Array("MFECAQEwBQYDK2Vw".utf8),
        Array("MFMCAQEwBQYDK2Vw".utf8),
        [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20],
    ]

    /// Whether `bytes` hold anything that looks like a private key.
    package static func appears<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Bool {
        let bytes = Array(bytes)
        return markers.contains { marker in
            guard bytes.count >= marker.count else { return false }
            return (0...(bytes.count - marker.count)).contains { start in
                bytes[start..<start + marker.count].elementsEqual(marker)
            }
        }
    }
}
