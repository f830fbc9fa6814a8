/// A detail of a signatory that is free text, checked on its own: so a
/// dialogue can refuse one answer the moment it is typed, by the very rule
/// the statement is held to when it is read (docs/FORMAT.md 5.1, 5.2).
package enum SignatoryField: String, CaseIterable, Sendable {
    /// The government's or organisation's name.
    case name
    /// The person or office who signs.
    case representative
    /// The representative's title.
    case title
    /// The optional website.
    case website

    /// The field's JSON path in a statement, such as `signatory.name`.
    package var path: String { "signatory." + rawValue }

    /// Checks `value` as this field of a statement would be checked;
    /// throws the `FieldError` a statement holding it would get.
    package func check(_ value: String) throws(FieldError) {
        switch self {
        case .name: try TextRules.check(value, field: path, limit: Statement.Limit.name)
        case .representative: try TextRules.check(value, field: path, limit: Statement.Limit.representative)
        case .title: try TextRules.check(value, field: path, limit: Statement.Limit.title)
        case .website: try WebsiteRules.check(value, field: path)
        }
    }
}
