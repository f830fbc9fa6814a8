import Foundation

/// Standard base64 (RFC 4648 section 4, with padding), decoded strictly.
enum Base64 {
    /// Encodes bytes as standard padded base64.
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes standard padded base64, or returns nil when the text is not
    /// exactly the canonical encoding of some bytes (no white space, no
    /// URL-safe alphabet, zero padding bits), so one value has one spelling.
    static func decode(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let bytes = [UInt8](data)
        guard encode(bytes) == text else { return nil }
        return bytes
    }
}
