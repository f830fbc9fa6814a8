import CryptoPrimitives

/// Where a witness keeps its state inside its data directory
/// (docs/WITNESSES.md, "Running a witness"):
///
/// ```
/// DATA/
///   checkpoints/<origin hash>   the latest cosigned checkpoint of each log:
///                               the note with the log's verified signature(s)
///                               and the witness's cosignature, as served by
///                               GET <prefix>/<origin hash>/checkpoint
///   evidence/<origin hash>/     refused inconsistent checkpoints that carried
///     <time>-<n>.json           a valid log signature, one file each
/// ```
///
/// The origin hash is the lowercase hex SHA-256 of the origin, as in the
/// monitoring URL of c2sp.org/tlog-witness, so no origin's bytes ever
/// become a file name.
package struct WitnessDataLayout: Sendable, Hashable {
    /// The data directory.
    package let directory: String

    /// The layout of the data directory `directory`.
    package init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
    }

    /// Names inside the data directory.
    package enum Name {
        /// The folder of the latest cosigned checkpoints.
        package static let checkpoints = "checkpoints"
        /// The folder of the evidence of misbehaviour.
        package static let evidence = "evidence"
        /// What ends an evidence file's name.
        package static let evidenceExtension = ".json"
    }

    /// The most evidence files kept for one origin. The first ones are
    /// kept and later ones dropped (and logged): the first inconsistent
    /// checkpoint already proves the log misbehaved, and a log key holder
    /// flooding the witness cannot fill its disk or push that proof out.
    package static let maximumEvidencePerOrigin = 1000

    /// The lowercase hex SHA-256 of `origin`.
    package static func originHash(_ origin: String) -> String {
        SHA256.hash(Array(origin.utf8)).hex
    }

    /// The folder of the latest cosigned checkpoints.
    package var checkpoints: String { directory + "/" + Name.checkpoints }
    /// The folder of all evidence.
    package var evidence: String { directory + "/" + Name.evidence }

    /// The latest cosigned checkpoint of `origin`.
    package func checkpoint(origin: String) -> String {
        checkpoints + "/" + Self.originHash(origin)
    }

    /// The evidence folder of `origin`.
    package func evidence(origin: String) -> String {
        evidence + "/" + Self.originHash(origin)
    }
}
