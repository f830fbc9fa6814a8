import ArgumentParser
import DeclarationRegistry
import LogClient
import RegistryFormat
import RegistryStorage

/// `declaration proof`: a proof, checkable offline, that an entry is in the
/// registry (c2sp.org/tlog-proof).
struct ProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Write a proof that a signatory's entry is in the registry, which anyone can check offline with verify-proof.",
        discussion: """
            With --key, the proof is of the latest entry signed by that public key: the signatory's signature, \
            or its withdrawal if it withdrew. With --entry N, of entry N (line N of the ledger, from 1). \
            The proof (a c2sp.org/tlog-proof file, .tlog-proof) carries the entry's ledger line, its Merkle \
            inclusion proof and the registrar's signed checkpoint with any cosignatures; \
            `declaration verify-proof FILE --log-key KEY` checks it with the registrar's checkpoint key \
            (which `declaration verify` prints) and nothing else.

            The registrar's checkpoint signature is checked, every ledger line it covers is hashed and the \
            entry proved is checked in full; the rest of the registry is not verified (run `declaration verify` \
            for that). The proof goes to standard output, or with --out to a new file, written whole or not at \
            all (--force replaces a regular file). A key that signed none of the entries the checkpoint covers, \
            or a number past them, is refused with exit code 1.

            From a published site (a directory `declaration publish` wrote, or its URL), the proof is read \
            from the site's Merkle tiles: the few an inclusion proof needs and the entry's bundle (with --key, \
            the key's latest entry is found in the site's ledger first). A URL is verified first, as \
            `declaration verify URL` does (trust state, pinned --log-key, consistency with what was verified \
            before), and the proof is made at the checkpoint verified. Docs: docs/PROOFS.md, docs/REMOTE.md.

            With --policy FILE (a c2sp.org/tlog-policy), no proof is written unless the checkpoint is signed \
            by a log the policy lists (when it lists any) and carries the policy's quorum of cosignatures \
            (exit 1, naming the missing witnesses); the proof carries those cosignatures, so \
            `verify-proof --policy FILE` checks them offline. docs/WITNESSES.md.
            """)

    @OptionGroup var registryOption: RegistrySourceOption

    @Option(help: ArgumentHelp("The signatory's public key file (PEM, as keygen writes FILE.pub): prove its latest entry.",
                               valueName: "file"))
    var key: String?

    @Option(help: ArgumentHelp("Prove entry N (from 1, as the ledger numbers its lines).", valueName: "n"))
    var entry: Int64?

    @Option(help: ArgumentHelp("Write the proof to this file (a new one, unless --force) instead of standard output.",
                               valueName: "file"))
    var out: String?

    @Flag(help: "With --out: replace the file if it exists (only a regular file is ever replaced).")
    var force = false

    func validate() throws {
        switch (key, entry) {
        case (nil, nil): throw ValidationError("Say which entry to prove: --key FILE (the signatory's latest) or --entry N.")
        case (.some, .some): throw ValidationError("Use either --key or --entry, not both.")
        case (nil, let number?) where number < 1: throw ValidationError("--entry counts from 1, as the ledger numbers entries; found \(number).")
        default: break
        }
        if force && out == nil {
            throw ValidationError("--force applies to --out only")
        }
    }

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let subject: ProofSubject
            if let key {
                do throws(KeyFileError) {
                    subject = .latestEntry(signedBy: try KeyFile.readPublicKey(at: key))
                } catch {
                    throw .keyFile(error)
                }
            } else {
                subject = .entry(sequence: entry ?? 1)
            }
            let policy = try registryOption.policy.load()
            let made: EntryProof
            let place: String
            switch try registryOption.source() {
            case .directory(let directory):
                place = RegistryLayout(directory: directory).checkpoint
                do throws(RegistryError) {
                    made = EntryProof.isPublishedSite(directory)
                        ? try EntryProof.make(subject, publishedSite: directory)
                        : try EntryProof.make(subject, registry: RegistryLayout(directory: directory))
                } catch {
                    throw .registry(error)
                }
            case .url(let url):
                place = url + "/" + RegistryLayout.Name.checkpoint
                let report = try RemoteSession.verify(url, options: registryOption.remote, policy: policy,
                                                      keepingSignatoryDetails: false)
                let client = try RemoteSession.verifier(for: url, options: registryOption.remote).client
                do throws(RemoteVerificationError) {
                    made = try runBlocking { () async throws(RemoteVerificationError) in
                        try await EntryProof.make(subject, verified: report, client: client)
                    }
                } catch {
                    throw .remote(error)
                }
            }
            // Judged before the proof is written anywhere: a checkpoint
            // without the quorum gives no proof.
            let witnessing = try policy.map { policy throws(CommandError) in
                do throws(RegistryError) {
                    return try made.witnessing(under: policy, place: place)
                } catch {
                    throw .registry(error)
                }
            }
            guard let out else {
                try Terminal.write(made.bytes)
                return
            }
            try OutputFile.write(made.bytes, to: out, replacing: force)
            try Terminal.reporting("the proof is written to \(out)") { () throws(CommandError) in
                try Terminal.print(([ProofSummary.madeLine(made, file: out)]
                    + (witnessing.map(WitnessSummary.lines) ?? [])).joined(separator: "\n"))
            }
        }
    }
}
