import ArgumentParser
import DeclarationRegistry
import TransparencyLog

/// `declaration verify-proof`: anyone checks a proof offline, with the
/// registrar's checkpoint key and nothing else.
struct VerifyProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check a proof that an entry is in a registry (a .tlog-proof file), offline, and say who signed what.",
        discussion: """
            Needs no network and no registry: only the proof and the registrar's checkpoint key \
            (name+hash+key, as `declaration verify` and `declaration init` print it). Checks that the checkpoint \
            is signed by that key, whose name is the registry's origin; that the inclusion proof binds the entry \
            to the checkpoint's root; that the entry is a valid entry whose statement the signatory's key signed; \
            and that the statement was made for that registry. Other signatures on the checkpoint (witnesses') are \
            listed but not checked, unless a policy is given.

            With --policy FILE (a c2sp.org/tlog-policy), the checkpoint's cosignatures, carried in the proof, \
            must also meet the policy's quorum, and its log key must be one of the policy's log lines (when it \
            has any); --log-key may then be left out, the key taken from the policy's log lines. Each witness that \
            cosigned is shown with its time. Still offline. A refusal exits 1, naming the missing witnesses.

            The entry is the proof's extra line; with --entry FILE, the entry's ledger line is read from FILE \
            instead (for a proof without one), or as well, and must then be the same.

            Exit codes: 0 the proof verifies; 1 it does not (the message names the check that failed); \
            64 bad command line (a malformed --log-key, no key, or no entry); 65 the file is not a valid proof or \
            policy (the message names the line); 66 a file is missing or unreadable; 74 standard output could not be written.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The proof file (.tlog-proof).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The registrar's checkpoint key, name+hash+key (C2SP vkey); with --policy, the policy's log lines may give it instead.", valueName: "vkey"))
    var logKey: String?

    @OptionGroup var policy: PolicyOption

    @Option(help: ArgumentHelp("A file holding the entry's ledger line, if the proof does not carry it (or to compare).",
                               valueName: "file"))
    var entry: String?

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        guard let logKey else {
            if policy.path == nil {
                throw ValidationError("Give the registrar's checkpoint key with --log-key VKEY, or a policy naming it with --policy FILE.")
            }
            return
        }
        do throws(TransparencyError) {
            _ = try NoteVerifierKey(parsing: logKey)
        } catch {
            throw ValidationError("--log-key: \(error)")
        }
    }

    func run() throws {
        do throws(CommandError) {
            let key = try logKey.map { text throws(CommandError) in
                do throws(TransparencyError) {
                    return try NoteVerifierKey(parsing: text)
                } catch {
                    throw .usage("--log-key: \(error)")
                }
            }
            let policy = try policy.load()
            if key == nil, let policy, policy.policy.logKeys.isEmpty {
                throw .usage("the policy \(policy.source) has no log line, so it does not say which registrar key signed the checkpoint: give it with --log-key VKEY")
            }
            let bytes = try StatementFile.readBytes(file)
            let supplied = try entry.map { path throws(CommandError) in (path: path, line: try StatementFile.readBytes(path)) }
            let report: ProofReport
            do throws(ProofError) {
                report = try EntryProof.verify(bytes, path: file, logKey: key, policy: policy, supplied: supplied)
            } catch {
                throw .proof(error)
            }
            switch format {
            case .text: try Terminal.print(ProofSummary.text(report))
            case .json: try Terminal.print(ProofSummary.json(report))
            }
        } catch {
            // In JSON, a verdict is also printed on standard output, as
            // `verify` does; other failures are not verdicts.
            if format == .json, case .proof(.doesNotVerify(_, let check, _)) = error {
                try? Terminal.print(ProofSummary.json(check: check, message: error.report.message))
            }
            throw error.reportOnStandardError()
        }
    }
}
