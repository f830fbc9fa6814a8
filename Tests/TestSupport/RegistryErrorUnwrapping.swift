import DeclarationRegistry

extension RegistryError {
    /// The lower layer's error this one wraps (a `VerificationFailure`, a
    /// `StorageError`...), or itself when it wraps none.
    public var wrapped: any Error {
        switch self {
        case .registryInvalid(let failure), .verificationFailed(let failure): return failure
        case .storage(let error): return error
        case .keyFile(let error): return error
        case .crypto(let error): return error
        case .checkpointSigning(_, let error): return error
        case .invalidField(let error): return error
        case .declaration(let error): return error
        case .siteRefused(let failure): return failure
        case .invalidPolicy(_, let error): return error
        case .checkpointRefused(let refusal): return refusal
        case .witnessPolicyRefused, .quorumNotMet: return self
        case .alreadyExists, .notARegistry, .wrongRegistrarKey, .statementRefused, .notACheckpoint, .noSuchEntry: return self
        }
    }
}

/// Runs `body` and throws the error a `RegistryError` from it wraps: the
/// tests of verification and export assert on the `VerificationFailure`
/// (or `StorageError`) itself, which the library wraps in `RegistryError`.
public func unwrappingRegistryError<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RegistryError {
        throw error.wrapped
    }
}
