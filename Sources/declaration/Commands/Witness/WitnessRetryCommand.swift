import ArgumentParser
import DeclarationRegistry

/// `declaration witness retry`: collects again the cosignatures the
/// registry's current checkpoint lacks, and publishes it at the quorum.
struct WitnessRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Ask the witnesses that have not cosigned the registry's checkpoint again; publish it at the quorum.",
        discussion: """
            For a registry with a witness policy whose latest checkpoint lacks cosignatures (an append that \
            exited 75, or witnesses added to the policy since): sends it to every witness that has not \
            cosigned it, merges the cosignatures that verify, and prints each witness's result and the \
            quorum's verdict. With --publish-to, the site is then published if the quorum holds. Exits 75 \
            while the quorum is not met. Needs no key: nothing is signed.
            """)

    @OptionGroup var registryOption: RegistryOption

    @OptionGroup var publishOption: PublishOption

    @OptionGroup var witnessing: WitnessingOption

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let directory = registryOption.directory
            guard let report = try witnessing.collect(registry: directory, done: nil) else {
                throw .failure(message: "\(directory): the registry has no witness policy, so there is nothing to collect; give it one with `declaration witness policy --registry \(directory) --set FILE`",
                               code: ExitStatus.noInput)
            }
            let recorded = "the registry's \(report.size) entries are recorded"
            if publishOption.site == nil, !report.isSatisfied {
                throw CommandError.quorumNotReached(report, recorded: recorded, registry: directory)
            }
            try publishOption.publish(registry: directory, recorded: recorded)
        }
    }
}
