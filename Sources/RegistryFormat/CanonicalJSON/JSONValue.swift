/// A JSON value of the kinds the registry signs: no floating-point numbers.
///
/// Two values are equal exactly when their canonical encodings are equal.
/// That is stricter than Swift's `String` equality, which treats canonically
/// equivalent texts ("é" as U+00E9 and as "e" + U+0301) as equal: signed bytes
/// differ between those spellings, so the values must too. Object keys live
/// in a `Dictionary`, though, which cannot hold two keys that are equal as
/// Swift strings; the parser refuses such objects as having duplicate keys.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer. Only ±(2^53 − 1) survives a round trip through
    /// `CanonicalJSON.parse`; see `CanonicalJSON.safeIntegerRange`.
    case integer(Int64)
    /// A string of Unicode scalars, kept exactly as written (never normalized).
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// Members by key; the canonical encoding sorts them by UTF-16 code units.
    case object([String: JSONValue])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let a), .bool(let b)):
            return a == b
        case (.integer(let a), .integer(let b)):
            return a == b
        case (.string(let a), .string(let b)):
            return a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)):
            return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                // Lookup finds the key equal as a Swift string; the exact
                // scalars must match as well.
                guard let index = b.index(forKey: key) else { return false }
                let (otherKey, otherValue) = b[index]
                guard key.utf8.elementsEqual(otherKey.utf8), value == otherValue else { return false }
            }
            return true
        default:
            return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .integer(let value):
            hasher.combine(2 as UInt8)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(3 as UInt8)
            Self.hashExactly(value, into: &hasher)
        case .array(let elements):
            hasher.combine(4 as UInt8)
            hasher.combine(elements)
        case .object(let members):
            hasher.combine(5 as UInt8)
            hasher.combine(members.count)
            // Dictionary order is arbitrary, so combine members with an
            // order-independent operation.
            var combined = 0
            for (key, value) in members {
                var memberHasher = Hasher()
                Self.hashExactly(key, into: &memberHasher)
                memberHasher.combine(value)
                combined ^= memberHasher.finalize()
            }
            hasher.combine(combined)
        }
    }

    /// Hashes the exact UTF-8 bytes, matching `==` rather than `String`'s own
    /// normalization-insensitive hash.
    private static func hashExactly(_ string: String, into hasher: inout Hasher) {
        hasher.combine(string.utf8.count)
        for byte in string.utf8 {
            hasher.combine(byte)
        }
    }
}

// MARK: - Reading values

extension JSONValue {
    /// The member named `key` when this is an object that has one; nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The element at `index` when this is an array long enough; nil otherwise.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The text when this is a string.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// The number when this is an integer.
    public var integerValue: Int64? {
        guard case .integer(let value) = self else { return nil }
        return value
    }

    /// The truth value when this is `true` or `false`.
    public var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The elements when this is an array.
    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The members when this is an object.
    public var objectValue: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByBooleanLiteral {
    /// `true` or `false` written in Swift source.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// An integer written in Swift source.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// A string written in Swift source.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// An array written in Swift source.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object written in Swift source. As with `Dictionary` literals, a key
    /// written twice is a programming error and stops the program.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))
    }
}

extension JSONValue: CustomStringConvertible {
    /// The canonical encoding, as text.
    public var description: String {
        String(decoding: CanonicalJSON.encode(self), as: UTF8.self)
    }
}
