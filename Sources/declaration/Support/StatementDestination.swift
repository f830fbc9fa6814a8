import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// Where `sign` and `withdraw` send the statement: straight into a
/// registry (with the registrar's key), or to a file for a registrar.
struct StatementDestination: ParsableArguments {
    @OptionGroup var registryOption: RegistryOption

    @Option(name: .customLong("registrar-key"), help: ArgumentHelp(
        "Record the statement in the registry now, with the registrar's private key.", valueName: "file"))
    var registrarKey: String?

    @Option(name: .customLong("registrar-passphrase-file"), help: ArgumentHelp(
        "A file whose first line is the registrar key's passphrase.", valueName: "file"))
    var registrarPassphraseFile: String?

    @OptionGroup var publishOption: PublishOption

    @OptionGroup var witnessing: WitnessingOption

    @Option(help: ArgumentHelp("Write the signed statement to this file, for a registrar to append.", valueName: "file"))
    var out: String?

    @Flag(help: "With --out: replace the file if it exists (only a regular file is ever replaced).")
    var force = false

    @Option(help: ArgumentHelp(
        "With --out and no registry at hand: the origin of the registry the statement is for.", valueName: "origin"))
    var origin: String?

    func validate() throws {
        switch (registrarKey, out) {
        case (nil, nil):
            throw ValidationError("Say where the statement goes: --registrar-key FILE to record it in the registry now, or --out FILE to write it for a registrar.")
        case (.some, .some):
            throw ValidationError("Use either --registrar-key (record now) or --out (write a file), not both.")
        default:
            break
        }
        if force && out == nil {
            throw ValidationError("--force applies to --out only.")
        }
        if publishOption.site != nil && registrarKey == nil {
            throw ValidationError("--publish-to applies to --registrar-key only: a statement written with --out is published once a registrar appends it.")
        }
    }

    /// The registry's origin, the declaration the statement binds to, and
    /// the command that shows that declaration's text: the registry's own
    /// copy (checked against its header and the declarations the tool
    /// knows) when there is a registry, the built-in one with `--origin`.
    /// An existing --out file is refused here already, before the signer
    /// reads, confirms and types their details for nothing (the write
    /// itself refuses it again, atomically).
    func target(language: Language = .en) throws(CommandError) -> (origin: String, declaration: Declaration, showCommand: String) {
        if let out, !force, FileSystem.exists(out) {
            throw .failure(message: Message.errorOutputExists.text(in: language, ["path": out]), code: ExitStatus.cannotCreate)
        }
        // Even --force replaces only a regular file: say so now, too.
        if let out, force, let kind = FileSystem.entryKind(out), kind != .regularFile {
            throw .storage(StorageError(path: out, operation: "replacing", cause: .refusedToReplace))
        }
        let registry = Registry(directory: registryOption.directory)
        if registrarKey != nil || (origin == nil && FileSystem.exists(registry.layout.header)) {
            do {
                return (try registry.header().origin, try registry.declaration(),
                        "declaration show --registry \(registryOption.directory) --lang \(language.rawValue)")
            } catch {
                throw .registry(error)
            }
        }
        guard let origin else {
            // The catalogue's wording says what only a signatory writing a
            // file may do instead (`CommandError.report(in:)`).
            throw .registry(.notARegistry(path: registryOption.directory))
        }
        do {
            try RegistryOrigin.check(origin)
        } catch {
            throw .field(error)
        }
        do {
            return (origin, try Declaration.embedded, "declaration show --lang \(language.rawValue)")
        } catch {
            throw .declaration(error)
        }
    }

    /// Signs `content` with `key` for `origin` and `declaration`, now,
    /// checks the statement as a registrar will, and delivers it.
    func sign(_ content: Statement.Content, origin: String, declaration: Declaration,
              key: Ed25519PrivateKey, language: Language) throws(CommandError) {
        let statement: Statement
        do throws(CryptoError) {
            statement = try Statement.signed(content, registry: origin, declarationDigest: declaration.digest,
                                             signedAt: Timestamp.string(from: Date()), key: key)
        } catch {
            throw .crypto(error)
        }
        do throws(FieldError) {
            try statement.validate()
        } catch {
            throw .field(error)
        }
        try deliver(statement, language: language)
    }

    /// Where the statement goes, for the summary before signing.
    func described(in language: Language) -> String {
        if let out { return Message.destinationFile.text(in: language, ["file": out]) }
        return Message.destinationRecordNow.text(in: language, ["directory": registryOption.directory])
    }

    /// Records the statement, or writes it to the --out file.
    func deliver(_ statement: Statement, language: Language) throws(CommandError) {
        let isSignature: Bool
        if case .signature = statement.content { isSignature = true } else { isSignature = false }
        if let out {
            try StatementFile.write(statement, to: out, replacing: force)
            try Terminal.reporting(Message.doneWritten.text(in: language, ["path": out])) { () throws(CommandError) in
                try Terminal.print((isSignature ? Message.statementWritten : Message.withdrawalWritten)
                    .text(in: language, ["path": out]))
            }
            return
        }
        guard let registrarKey else { return }
        let key = try KeyLoader.loadPrivateKey(at: registrarKey, passphraseFile: registrarPassphraseFile, language: language)
        let result: Registry.AppendResult
        do {
            result = try Registry(directory: registryOption.directory)
                .append([.init(statement, source: "the statement")], registrarKey: key)
        } catch {
            throw .registry(error)
        }
        Report.repaired(result.repaired)
        try Terminal.reporting(Report.recordedEntries(result.entries.map(\.sequence))) { () throws(CommandError) in
            for entry in result.entries {
                switch entry.statement.content {
                case .signature(_, let signatory):
                    try Terminal.print(Message.signatureRecorded.text(in: language, [
                        "sequence": String(entry.sequence), "name": signatory.name, "code": signatory.jurisdiction.code]))
                case .withdrawal:
                    try Terminal.print(Message.withdrawalRecorded.text(in: language, ["sequence": String(entry.sequence)]))
                }
            }
            try Terminal.print(Message.checkpointLine.text(in: language, [
                "size": String(result.checkpoint.size), "root": result.checkpoint.rootHash.base64]))
        }
        try publishOption.finish(registry: registryOption.directory,
                                 recorded: Report.recordedEntries(result.entries.map(\.sequence)),
                                 witnessing: witnessing)
    }
}

/// The signatory's own key.
struct SignerKeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The signatory's private key (made with `declaration keygen`).", valueName: "file"))
    var key: String

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "A file whose first line is the key's passphrase; without it, an encrypted key's passphrase is asked for.",
        valueName: "file"))
    var passphraseFile: String?

    /// Loads the key, asking for its passphrase in `language` when it is
    /// encrypted and no file gives it; a key file that does not exist is
    /// reported as the signatory's key to make.
    func load(language: Language) throws(CommandError) -> Ed25519PrivateKey {
        do {
            return try KeyLoader.loadPrivateKey(at: key, passphraseFile: passphraseFile, language: language)
        } catch {
            if case .keyFile(.cannotRead(let failure)) = error, failure.isMissing, failure.path == key {
                throw .failure(message: Message.errorKeyMissing.text(in: language, ["path": key]), code: error.report.code)
            }
            throw error
        }
    }
}
