import ArgumentParser
import DeclarationRegistry

/// `--publish-to SITE`, for the commands that append to a registry:
/// publish the site once the entries are recorded.
struct PublishOption: ParsableArguments {
    @Option(name: .customLong("publish-to"), help: ArgumentHelp(
        "After recording, publish the registry to this site directory, as `declaration publish --to` does; with a witness policy, only once its quorum has cosigned.",
        valueName: "dir"))
    var site: String?

    /// What follows recording `recorded` ("entries 5 to 7 are recorded")
    /// in `registry`: its witnesses are asked to cosign the new checkpoint,
    /// when it has a witness policy, and the site published, if one was
    /// given. A failure then says that the entries are recorded all the
    /// same, and what completes the rest; a quorum not reached exits 75.
    func finish(registry: String, recorded: String, witnessing: WitnessingOption) throws(CommandError) {
        let report = try witnessing.collect(registry: registry, done: recorded)
        if site == nil, let report, !report.isSatisfied {
            throw CommandError.quorumNotReached(report, recorded: recorded, registry: registry)
        }
        try publish(registry: registry, recorded: recorded)
    }

    /// Publishes `registry` to the site, if one was given, after `recorded`.
    func publish(registry: String, recorded: String) throws(CommandError) {
        guard let site else { return }
        let report: PublishReport
        do throws(RegistryError) {
            report = try SitePublisher(registry: registry, site: site).publish()
        } catch {
            throw .publishing(error, recorded: recorded, command: "declaration publish --registry \(registry) --to \(site)")
        }
        if let note = report.note { Terminal.standardError("note: " + note) }
        try Terminal.reporting("\(recorded) and published to \(site)") { () throws(CommandError) in
            try Terminal.print(PublishSummary.text(report))
        }
    }
}

extension CommandError {
    /// The failure of a command that recorded `recorded` and signed the
    /// checkpoint, but whose witnesses fell short of the quorum (exit 75).
    static func quorumNotReached(_ report: WitnessingReport, recorded: String, registry: String) -> CommandError {
        let failed = report.failures.map(\.witness.description).joined(separator: ", ")
        return .failure(
            message: "\(recorded) and the checkpoint of \(report.size) entries is signed, but its witnesses' quorum was not reached (\(report.witnessed.evaluation)\(failed.isEmpty ? "" : "; failed: \(failed)")), so it is not ready to publish. Once the witnesses answer, run `declaration witness retry --registry \(registry)`",
            code: ExitStatus.witnessesShort)
    }
}
