/// The name of a witness or group in a c2sp.org/tlog-policy file: an opaque
/// octet string.
///
/// The spec compares names octet by octet, so "K" (0x4B) and the Kelvin sign
/// (0xE2 0x84 0xAA) are different names. Swift's `String` equality would
/// call them equal (it compares canonical equivalents), hence the bytes.
public struct PolicyName: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The name's octets, as the policy file spells them.
    public let bytes: [UInt8]

    /// The name whose octets are `bytes`.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The name spelled by `string` in UTF-8.
    public init(_ string: String) {
        self.bytes = Array(string.utf8)
    }

    /// The name spelled by the literal in UTF-8.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The predefined name that `quorum none` uses; no line may define it.
    public static let none: PolicyName = "none"

    /// The name for people: its UTF-8, with U+FFFD for octets that are not.
    public var description: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Orders names by their octets, so that listings are stable.
    public static func < (lhs: PolicyName, rhs: PolicyName) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}
