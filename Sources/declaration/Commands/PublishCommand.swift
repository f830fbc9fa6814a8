import ArgumentParser
import DeclarationRegistry

/// `declaration publish`: the registrar writes the registry's public part
/// as a static transparency log for a web server to serve.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish the registry as a static C2SP tlog-tiles log in a directory a web server serves.",
        discussion: """
            Writes into the site directory (created if missing) the registry's checkpoint, registry.json, \
            declaration/, ledger.jsonl and the Merkle tiles and entry bundles of the checkpoint's tree \
            (tile/...), never the registry's private files. After an append, only the new files and the \
            changed partial tiles are written, then the checkpoint last, so a reader never sees a checkpoint \
            whose files are missing; a crash leaves a site still whole for its old checkpoint, and running \
            publish again completes it. A site is published from one registry only: publish refuses a site \
            holding another registry, a checkpoint of another history, or a file that differs from the \
            registry's. Serving the site: docs/PUBLISHING.md.

            With --full, every tile and bundle is computed from the whole ledger and compared with the \
            site's copy, which finds a file altered anywhere on the site; files that match are left alone.

            When the registry has a witness policy, only a checkpoint that its quorum of witnesses has \
            cosigned is published: publish first asks the witnesses that have not cosigned it, when the \
            quorum is not met yet. Below the quorum nothing is published, each failed witness is named, and \
            publish exits 75; run it again (or `declaration witness retry`) once they answer.

            Publish checks the registry's header, declaration and checkpoint signature, and that the tiles \
            give the checkpoint's root, not every statement's signature: run `declaration verify` for that.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var registryOption: RegistryOption

    @Option(name: .customLong("to"), help: ArgumentHelp("The site directory to publish to (created if missing).", valueName: "dir"))
    var site: String

    @Flag(help: "Recompute every tile and bundle from the whole ledger and compare each with the site's copy.")
    var full = false

    @Option(help: "Output format.")
    var format: Format = .text

    @OptionGroup var witnessing: WitnessingOption

    @OptionGroup var progressOption: ProgressOption

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let witnessed = try witnessing.collect(registry: registryOption.directory, done: nil,
                                                   onlyBelowQuorum: true, printing: format == .text)
            let report: PublishReport
            do throws(RegistryError) {
                report = try progressOption.line.run("Publishing to \(site)…") { () throws(RegistryError) in
                    try SitePublisher(registry: registryOption.directory, site: site).publish(recomputingAll: full)
                }
            } catch {
                throw .registry(error)
            }
            if let note = report.note { Terminal.standardError("note: " + note) }
            try Terminal.reporting("the site \(site) serves the checkpoint of \(report.size) entries") { () throws(CommandError) in
                switch format {
                case .text: try Terminal.print(PublishSummary.text(report))
                case .json: try Terminal.print(PublishSummary.json(report, witnessing: witnessed))
                }
            }
        }
    }
}
