import ArgumentParser
import DeclarationRegistry

/// `declaration append`: the registrar records signed statements.
struct AppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append signed statements to the registry, all or nothing, and sign one checkpoint.",
        discussion: """
            Each statement is checked (its fields, that it was made for this registry and declaration, \
            its signature, and the registry's rules, in order) before anything is written. \
            If any is refused, nothing is recorded.

            When the registry has a witness policy (`declaration witness policy`), the new checkpoint is \
            then sent to every witness it names, and their cosignatures are added to it; with --publish-to, \
            the site is published only once the policy's quorum has cosigned. Below the quorum the entries \
            stay recorded, each failed witness is named, and the command exits 75: \
            `declaration witness retry` completes it later.
            """)

    @OptionGroup var registrarKey: RegistrarKeyOption

    @OptionGroup var registryOption: RegistryOption

    @OptionGroup var publishOption: PublishOption

    @OptionGroup var witnessing: WitnessingOption

    @OptionGroup var progressOption: ProgressOption

    @Argument(help: ArgumentHelp("Signed statement files, as written by `declaration sign --out`.", valueName: "statement"))
    var statements: [String]

    func validate() throws {
        guard !statements.isEmpty else { throw ValidationError("Name at least one statement file to append.") }
    }

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let progress = progressOption.line
            let read = try progress.run("Reading \(statements.count) statement files…") { () throws(CommandError) in
                try StatementFile.readAll(statements)
            }
            let submissions = zip(read, statements).map { statement, path in
                Registry.Submission(statement, source: path)
            }
            let key = try registrarKey.load()
            let result: Registry.AppendResult
            do throws(RegistryError) {
                result = try progress.run("Checking and recording \(submissions.count) statements…") { () throws(RegistryError) in
                    try Registry(directory: registryOption.directory).append(submissions, registrarKey: key)
                }
            } catch {
                throw .registry(error)
            }
            Report.repaired(result.repaired)
            try Report.recorded(result)
            try publishOption.finish(registry: registryOption.directory,
                                     recorded: Report.recordedEntries(result.entries.map(\.sequence)),
                                     witnessing: witnessing)
        }
    }
}
