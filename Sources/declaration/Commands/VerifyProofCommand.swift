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
            listed but not checked.

            The entry is the proof's extra line; with --entry FILE, the entry's ledger line is read from FILE \
            instead (for a proof without one), or as well, and must then be the same.

            Exit codes: 0 the proof verifies; 1 it does not (the message names the check that failed); \
            64 bad command line (a malformed --log-key, or no entry); 65 the file is not a valid proof (the \
            message names the line); 66 a file is missing or unreadable; 74 standard output could not be written.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The proof file (.tlog-proof).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The registrar's checkpoint key, name+hash+key (C2SP vkey).", valueName: "vkey"))
    var logKey: String

    @Option(help: ArgumentHelp("A file holding the entry's ledger line, if the proof does not carry it (or to compare).",
                               valueName: "file"))
    var entry: String?

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        do throws(TransparencyError) {
            _ = try NoteVerifierKey(parsing: logKey)
        } catch {
            throw ValidationError("--log-key: \(error)")
        }
    }

    func run() throws {
        do throws(CommandError) {
            let key: NoteVerifierKey
            do throws(TransparencyError) {
                key = try NoteVerifierKey(parsing: logKey)
            } catch {
                throw .usage("--log-key: \(error)")
            }
            let bytes = try StatementFile.readBytes(file)
            let supplied = try entry.map { path throws(CommandError) in (path: path, line: try StatementFile.readBytes(path)) }
            let report: ProofReport
            do throws(ProofError) {
                report = try EntryProof.verify(bytes, path: file, logKey: key, supplied: supplied)
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
