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

            With --policy, the registry keeps that witness policy (c2sp.org/tlog-policy: log, witness, group \
            and quorum lines) as witnesses.policy: every later checkpoint is sent to its witnesses for their \
            cosignatures, and published only once its quorum has cosigned. Change it later with \
            `declaration witness policy --set`.
            """)

    @Option(help: ArgumentHelp("The registry's unique origin name, such as registry.example.org/subnational-declaration.", valueName: "origin"))
    var origin: String

    @OptionGroup var registrarKey: RegistrarKeyOption

    @OptionGroup var registryOption: RegistryOption

    @Option(help: ArgumentHelp("A witness policy file for the registry to keep (c2sp.org/tlog-policy).", valueName: "file"))
    var policy: String?

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            // Read before anything is created: a missing file leaves no key behind.
            var witnessPolicy: (bytes: [UInt8], source: String)?
            if let policy { witnessPolicy = (try WitnessPolicyFile.read(policy), policy) }
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
                                             declaration: declaration, registrarKey: key.key,
                                             witnessPolicy: witnessPolicy)
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
                if let policy {
                    try Terminal.print("Witness policy: \(policy), kept as \(Registry(directory: registryOption.directory).layout.witnessPolicy).")
                }
            }
        }
    }
}
