import ArgumentParser
import DeclarationRegistry

/// `--witness-timeout SECONDS`, for the commands that collect cosignatures
/// of a registry's checkpoint from the witnesses its policy names.
struct WitnessingOption: ParsableArguments {
    @Option(name: .customLong("witness-timeout"), help: ArgumentHelp(
        "When the registry has a witness policy: the longest each request to a witness may take, in seconds.",
        valueName: "seconds"))
    var seconds: Double = 10

    func validate() throws {
        guard seconds > 0, seconds <= 600 else {
            throw ValidationError("--witness-timeout must be more than 0 and at most 600 seconds.")
        }
    }

    /// The timeout as a duration.
    var timeout: Duration { .milliseconds(Int64(seconds * 1000)) }

    /// Collects the cosignatures the registry's checkpoint lacks, when it
    /// has a witness policy (nil when it has none), and prints one line per
    /// witness and the quorum's verdict (unless `printing` is false).
    /// `done` says what is already done for good, for a failure's message.
    func collect(registry: String, done: String?, onlyBelowQuorum: Bool = false,
                 printing: Bool = true) throws(CommandError) -> WitnessingReport? {
        let collector = CosignatureCollector(registry: registry, timeout: timeout)
        let report: WitnessingReport?
        do throws(RegistryError) {
            report = try runBlocking { () async throws(RegistryError) in
                try await collector.collect(onlyBelowQuorum: onlyBelowQuorum)
            }
        } catch {
            guard let done else { throw .registry(error) }
            throw .failure(message: "\(done), but its witnesses' cosignatures could not be collected: \(error). Once the cause is fixed, run `declaration witness retry --registry \(registry)`",
                           code: CommandError.registry(error).report.code)
        }
        if let report, printing {
            try Terminal.reporting(done ?? "the witnesses were asked") { () throws(CommandError) in
                for line in WitnessingSummary.lines(report) { try Terminal.print(line) }
            }
        }
        return report
    }
}
