import ArgumentParser
import DeclarationRegistry
import RegistryFormat

/// `declaration init`: the registrar creates a registry.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a registry: header, declaration texts, empty ledger and a signed checkpoint of size 0.",
        discussion: """
            Generates the registrar key when FILE does not exist (mode 0600, with FILE.pub beside it). \
            Keep the registrar key outside the registry directory and back it up. \
            Refuses to overwrite an existing registry.

            \(ExitStatus.summary)
            """)

    @Option(help: ArgumentHelp("The registry's unique origin name, such as registry.example.org/subnational-declaration.", valueName: "origin"))
    var origin: String

    @OptionGroup var registrarKey: RegistrarKeyOption

    @OptionGroup var registryOption: RegistryOption

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let key = try registrarKey.loadOrCreate()
            let declaration: Declaration
            do throws(DeclarationError) {
                declaration = try Declaration.embedded
            } catch {
                throw .declaration(error)
            }
            let header: RegistryHeader
            do throws(RegistryError) {
                header = try Registry.create(directory: registryOption.directory, origin: origin,
                                             declaration: declaration, registrarKey: key.key)
            } catch {
                throw .registry(error)
            }
            let done = "the registry is created in \(registryOption.directory)"
                + (key.created ? " and the registrar key written to \(registrarKey.path)" : "")
            try Terminal.reporting(done) { () throws(CommandError) in
                if key.created {
                    try Terminal.print("Registrar key written to \(registrarKey.path) (public key \(registrarKey.path).pub), key id \(key.key.publicKey.keyID).")
                }
                try Terminal.print("Registry \(header.origin) created in \(registryOption.directory).")
                try Terminal.print("Declaration: \(header.declarationID) \(header.declarationVersion), digest \(header.declarationDigest.hex)")
                try Terminal.print("Checkpoint key (C2SP): \(header.checkpointVerifierKeyText)")
            }
        }
    }
}
