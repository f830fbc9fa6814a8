/// Reads the fields of one JSON object strictly: every field is accounted
/// for, and anything missing, mistyped or unexpected becomes a `FieldError`
/// naming the field's full path.
struct JSONObjectReader {
    private let path: String
    private var fields: [String: JSONValue]

    /// Opens `value`, which must be an object, found at `path`.
    init(_ value: JSONValue, path: String) throws(FieldError) {
        guard case .object(let fields) = value else {
            throw FieldError(field: path, problem: .wrongType(expected: "a JSON object"))
        }
        self.path = path
        self.fields = fields
    }

    /// The full path of a field of this object.
    func path(of key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// Whether the object has a field named `key` not yet read.
    func has(_ key: String) -> Bool {
        fields[key] != nil
    }

    /// Takes a required field of any type.
    mutating func value(_ key: String) throws(FieldError) -> JSONValue {
        guard let value = fields.removeValue(forKey: key) else {
            throw FieldError(field: path(of: key), problem: .missing)
        }
        return value
    }

    /// Takes a required string field.
    mutating func string(_ key: String) throws(FieldError) -> String {
        guard case .string(let text) = try value(key) else {
            throw FieldError(field: path(of: key), problem: .wrongType(expected: "a string"))
        }
        return text
    }

    /// Takes an optional string field.
    mutating func optionalString(_ key: String) throws(FieldError) -> String? {
        guard has(key) else { return nil }
        return try string(key)
    }

    /// Takes a required non-negative integer field.
    mutating func integer(_ key: String) throws(FieldError) -> Int64 {
        guard case .integer(let number) = try value(key) else {
            throw FieldError(field: path(of: key), problem: .wrongType(expected: "an integer"))
        }
        return number
    }

    /// Opens a required object field.
    mutating func object(_ key: String) throws(FieldError) -> JSONObjectReader {
        try JSONObjectReader(try value(key), path: path(of: key))
    }

    /// Ends reading: any field not taken is not part of the format.
    func finish() throws(FieldError) {
        if let extra = fields.keys.sorted().first {
            throw FieldError(field: path(of: extra), problem: .unexpected)
        }
    }
}
