/// Rules for a registry's origin: the unique name that starts every
/// checkpoint and names the registrar's checkpoint key, such as
/// `registry.example.org/subnational-declaration`.
public enum RegistryOrigin {
    /// The longest origin accepted.
    public static let maximumLength = 200

    /// Checks an origin: printable ASCII without spaces or `+` (C2SP signed
    /// notes forbid both in key names), at most 200 characters.
    public static func check(_ origin: String, field: String = "origin") throws(FieldError) {
        guard !origin.isEmpty else { throw FieldError(field: field, problem: .empty) }
        guard origin.utf8.count <= maximumLength else {
            throw FieldError(field: field, problem: .tooLong(limit: maximumLength, found: origin.utf8.count))
        }
        let acceptable = origin.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "+") }
        guard acceptable else {
            throw FieldError(field: field, problem: .malformed(
                expected: "printable ASCII without spaces or '+', such as registry.example.org/subnational-declaration",
                found: Statement.quoted(origin)))
        }
    }
}
