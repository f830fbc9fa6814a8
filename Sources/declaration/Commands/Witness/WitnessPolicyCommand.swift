import ArgumentParser
import DeclarationRegistry
import RegistryFormat
import TransparencyLog

/// `declaration witness policy`: shows or replaces the witness policy the
/// registry keeps.
struct WitnessPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show the registry's witness policy, or replace it.",
        discussion: """
            The registry keeps its witness policy (c2sp.org/tlog-policy) as witnesses.policy: every new \
            checkpoint is sent to its witnesses, and published only once its quorum has cosigned. \
            --set checks the new policy first (it parses; its log lines, if any, name this registry's \
            checkpoint key; every witness has an Ed25519 cosignature key and a submission URL; the quorum \
            can be met) and changes nothing if it does not pass. It applies from the next checkpoint on; \
            run `declaration witness retry` to collect the new witnesses' cosignatures of the current one.
            """)

    @OptionGroup var registryOption: RegistryOption

    @Option(help: ArgumentHelp("Replace the registry's witness policy with this file's.", valueName: "file"))
    var set: String?

    @Flag(help: "Print the registry's witness policy.")
    var show = false

    func validate() throws {
        guard (set != nil) != show else { throw ValidationError("Say --set FILE to replace the policy, or --show to print it.") }
    }

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let registry = Registry(directory: registryOption.directory)
            if let set {
                let bytes = try WitnessPolicyFile.read(set)
                let policy: WitnessPolicy
                do throws(RegistryError) {
                    policy = try registry.setWitnessPolicy(bytes, source: set)
                } catch {
                    throw .registry(error)
                }
                try Terminal.reporting("the witness policy is replaced") { () throws(CommandError) in
                    try Terminal.print("Witness policy of \(registryOption.directory) replaced by \(set): \(policy.witnesses.count) witnesses, quorum \(policy.quorum).")
                }
                return
            }
            let file: ([UInt8], RegistryHeader)?
            do throws(RegistryError) {
                file = try registry.witnessPolicyFile()
            } catch {
                throw .registry(error)
            }
            guard let (bytes, _) = file else {
                throw .failure(message: "\(registryOption.directory): the registry has no witness policy; give it one with `declaration witness policy --registry \(registryOption.directory) --set FILE`",
                               code: ExitStatus.noInput)
            }
            try Terminal.write(bytes)
        }
    }
}
