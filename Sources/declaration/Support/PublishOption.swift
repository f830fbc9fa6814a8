import ArgumentParser
import DeclarationRegistry

/// `--publish-to SITE`, for the commands that append to a registry:
/// publish the site once the entries are recorded.
struct PublishOption: ParsableArguments {
    @Option(name: .customLong("publish-to"), help: ArgumentHelp(
        "After recording, publish the registry to this site directory, as `declaration publish --to` does.",
        valueName: "dir"))
    var site: String?

    /// Publishes `registry` to the site, if one was given, after `recorded`
    /// ("entries 5 to 7 are recorded"): a failure then says that the
    /// entries are recorded all the same, and how to publish them.
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
