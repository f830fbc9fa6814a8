import RegistryFormat

/// Checks what can be checked of each statement of a batch on its own (the
/// form of every field, and the signature) at once on every core, for an
/// append to report in order.
enum StatementBatch {
    /// What was found of one statement.
    struct Check: Sendable {
        /// Why a field's form is refused, if one is.
        var fieldError: FieldError?
        /// Whether the signature verifies; false too when a field is refused.
        var signatureIsValid: Bool
    }

    /// The checks of `statements`, in their order.
    static func check(_ statements: [Statement]) -> [Check] {
        Parallel.slices(of: statements.count) { range in
            range.map { index in
                let statement = statements[index]
                do throws(FieldError) {
                    try statement.validate()
                    return Check(fieldError: nil, signatureIsValid: statement.hasValidSignature)
                } catch {
                    return Check(fieldError: error, signatureIsValid: false)
                }
            }
        }.flatMap { $0 }
    }
}
