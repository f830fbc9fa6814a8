import ArgumentParser
import DeclarationRegistry
import RegistryFormat

/// `declaration monitor`: follow a published registry, list what is new,
/// and raise an alert when a new entry claims a watched name or
/// jurisdiction.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Follow a published registry: verify what is new since the last scan, list it, and warn about entries that claim a watched name or jurisdiction.",
        discussion: """
            Each run verifies the registry from its URL through the trust state, as `verify URL` does (only what \
            is new is fetched; a rolled-back, split or rewritten history is refused as evidence, exit 1), then \
            lists the entries the last complete scan had not listed: who signed or withdrew, when, and with which \
            key. The first scan reads every entry but lists only those that touch a watched value; later scans list \
            every new entry.

            --watch takes a name, an ISO 3166 jurisdiction code or a key id (a prefix of at least 8 hex digits), and \
            may be given many times; each value is matched against all three. A name matches as whole words, \
            ignoring case and accents ("paris" matches "Ville de Paris", not "Parisot"). A new entry that claims a \
            watched name or jurisdiction with a key that is not watched is an ALERT (exit 3): someone may be \
            signing in your name. Watch your own key id too, so that your own entries are not alerts; an entry \
            made with a watched key is listed with a note, in case the key is in someone else's hands.

            The scan's position is saved only after its report is written in full, so a run that fails lists \
            the same entries again next time and never skips one. Run it from cron: exit 0 nothing alarming, \
            3 alert, 1 the registry does not verify, 74 the server or network failed (try again later).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The URL of the registry's published site (https://host/prefix).", valueName: "url"))
    var url: String

    @Option(help: ArgumentHelp("A name, jurisdiction code or key id to watch; repeat for more.", valueName: "value"))
    var watch: [String] = []

    @OptionGroup var remote: RemoteOptions

    @OptionGroup var policy: PolicyOption

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        guard case .url = RegistrySource(url) else {
            throw ValidationError("monitor follows a published registry: give its URL (https://host/prefix), not a directory")
        }
    }

    func run() throws {
        do throws(CommandError) {
            let monitor = RegistryMonitor(verifier: try RemoteSession.verifier(for: url, options: remote, policy: try policy.load()),
                                          watches: WatchList(watch))
            let report: MonitorReport
            do throws(RemoteVerificationError) {
                report = try runBlocking { () async throws(RemoteVerificationError) in try await monitor.scan() }
            } catch {
                throw .remote(error)
            }
            RemoteSession.noteFirstUse(report.verification)
            try Terminal.reporting("the registry verified; the scan's position was not saved, so the next run lists these entries again") {
                () throws(CommandError) in
                switch format {
                case .text: try Terminal.print(MonitorSummary.text(report))
                case .json: try Terminal.print(MonitorSummary.json(report))
                }
            }
            do throws(RemoteVerificationError) {
                try monitor.commit(report)
            } catch {
                throw .remote(error)
            }
            if !report.alerts.isEmpty {
                throw .failure(message: "\(report.alerts.count) new \(report.alerts.count == 1 ? "entry claims" : "entries claim") a watched name or jurisdiction with a key that is not watched (listed above as ALERT)",
                               code: ExitStatus.alert)
            }
        } catch {
            if format == .json {
                switch error {
                case .remote(.splitView(let evidence)):
                    try? Terminal.print(VerificationSummary.json(evidence))
                case .remote(.registry(.checkpointRefused(let refusal))):
                    try? Terminal.print(WitnessSummary.json(refusal))
                default:
                    break
                }
            }
            throw error.reportOnStandardError()
        }
    }
}
