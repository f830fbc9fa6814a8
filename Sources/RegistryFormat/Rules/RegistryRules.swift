/// The checks a statement must pass beyond its own form and signature:
/// made for this registry and this declaration.
package enum RegistryRules {
    /// Refuses a statement made for another registry or another text.
    package static func checkBinding(of statement: Statement, to header: RegistryHeader) throws(FieldError) {
        guard statement.registry == header.origin else {
            throw FieldError(field: LedgerLineCodec.Key.registry.text, problem: .mismatch(expected: header.origin, found: statement.registry))
        }
        guard statement.declarationDigest == header.declarationDigest else {
            throw FieldError(field: LedgerLineCodec.Key.declaration.text, problem: .mismatch(
                expected: header.declarationDigest.hex + " (the declaration this registry records)",
                found: statement.declarationDigest.hex))
        }
    }

    /// Refuses a new signature whose jurisdiction ISO 3166-2 does not list
    /// ("US-ZZ"). Only `append` applies it: verification keeps the format's
    /// rule of form (docs/FORMAT.md 5.3), so that a registry recorded before
    /// the list was carried, or under an older list, still verifies.
    package static func checkJurisdictionIsListed(in statement: Statement) throws(FieldError) {
        guard let signatory = statement.signatory, !signatory.jurisdiction.isListed else { return }
        throw FieldError(field: "signatory.jurisdiction",
                         problem: .unlistedJurisdiction(.unknownSubdivision(code: signatory.jurisdiction.code)))
    }
}
