import Foundation
import RegistryFormat

/// The Ed25519 encodings lax verifiers accept and this registry must refuse
/// ("Taming the many EdDSAs"), applied to a valid signed statement.
public enum Ed25519EdgeCase: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The public key is a point of small order (the neutral element).
    case smallOrderPublicKey
    /// The public key's y coordinate is not reduced (y = p + 2).
    case nonCanonicalPublicKey
    /// The signature's S is the valid S plus the group order L.
    case nonCanonicalS
    /// The signature's R is a point of small order (the neutral element).
    case smallOrderR

    public var description: String { rawValue }

    /// The statement field the case changes.
    public var field: String {
        switch self {
        case .smallOrderPublicKey, .nonCanonicalPublicKey: return "public_key"
        case .nonCanonicalS, .smallOrderR: return "signature"
        }
    }

    static let neutralElement: [UInt8] = [0x01] + [UInt8](repeating: 0, count: 31)
    static let unreducedY: [UInt8] = [0xEF] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]
    static let groupOrder: [UInt8] = [
        0xED, 0xD3, 0xF5, 0x5C, 0x1A, 0x63, 0x12, 0x58, 0xD6, 0x9C, 0xF7, 0xA2, 0xDE, 0xF9, 0xDE, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// The statement in the file at `path`, with the case applied.
    public func statement(fromFile path: String) throws -> JSONValue {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        guard case .object(var object) = try CanonicalJSON.parse(bytes.dropLast()),
              let signatureText = object["signature"]?.stringValue,
              var signature = Data(base64Encoded: signatureText).map(Array.init), signature.count == 64
        else { throw CocoaError(.fileReadCorruptFile) }
        switch self {
        case .smallOrderPublicKey:
            object["public_key"] = .string(Data(Self.neutralElement).base64EncodedString())
        case .nonCanonicalPublicKey:
            object["public_key"] = .string(Data(Self.unreducedY).base64EncodedString())
        case .nonCanonicalS:
            var carry = 0
            for index in 0..<32 {
                let sum = Int(signature[32 + index]) + Int(Self.groupOrder[index]) + carry
                signature[32 + index] = UInt8(sum & 0xFF)
                carry = sum >> 8
            }
            object["signature"] = .string(Data(signature).base64EncodedString())
        case .smallOrderR:
            signature.replaceSubrange(0..<32, with: Self.neutralElement)
            object["signature"] = .string(Data(signature).base64EncodedString())
        }
        return .object(object)
    }

    /// Rewrites the statement file at `path` with the case applied.
    public func rewrite(statementFile path: String) throws {
        try Data(CanonicalJSON.encode(try statement(fromFile: path)) + [0x0A]).write(to: URL(fileURLWithPath: path))
    }
}
