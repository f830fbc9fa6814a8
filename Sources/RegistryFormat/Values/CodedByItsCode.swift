/// A value written in JSON as its bare ISO code ("FR", "GB-SCT"), and
/// read back through the same strict parser as any other input.
protocol CodedByItsCode: Codable {
    /// The code.
    var code: String { get }
    /// Parses a code, refusing anything malformed or unknown.
    init(code: String) throws(JurisdictionError)
}

extension CodedByItsCode {
    /// Decodes the value from its code as a JSON string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        do {
            try self.init(code: code)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the value as its code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension Country: CodedByItsCode {}
extension Jurisdiction: CodedByItsCode {}
