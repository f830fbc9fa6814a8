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
}
