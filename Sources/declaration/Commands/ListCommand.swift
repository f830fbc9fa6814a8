import ArgumentParser
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// `declaration list`: the signatories of a verified registry.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the active signatories after verifying the registry, in the order of `export`.",
        discussion: """
            Governments first, then civil-society organisations, each by name in the chosen language's \
            collation, as `export` orders them. On a terminal, a summary line and one table per kind, its \
            columns fitted to the width (COLUMNS when set, else the terminal's), long values cut with "…"; \
            when standard output is not a terminal (and COLUMNS is not set), plain lines: one per signatory, \
            tab-separated (entry, kind, name, jurisdiction code, jurisdiction, representative, title, key id, \
            website), nothing cut. With --format json, the same document as `export --format json`.

            With --all, lists the whole history instead: every signature and withdrawal, in ledger order, \
            in the language of --lang (--kind keeps the entries of that kind's signatories). On a terminal, \
            columns fitted to the width (entry, day recorded, event, name, jurisdiction, key id, and the \
            reason when a withdrawal gives one), long values cut with "…"; otherwise plain lines: one per \
            entry, tab-separated (entry, recording time in RFC 3339 UTC, event as signed or withdrew, \
            kind, name, jurisdiction code, jurisdiction, key id, reason), nothing cut.

            With --registry URL, verifies the registry from its published site first, as \
            `declaration verify URL` does (through the trust state), and lists what verified.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var source: RegistrySourceOption

    @Option(help: "Only signatories of this kind.")
    var kind: SignatoryKind?

    @Option(name: .customLong("lang"), help: "Language of headings, kinds, jurisdictions and dates (default: the locale's, else en).")
    var lang: Language?

    /// The list's language: --lang, else the locale's, as for every
    /// command that speaks to a person (docs/LOCALIZATION.md).
    private var language: Language {
        InterfaceLanguage.resolve(lang, environment: ProcessInfo.processInfo.environment)
    }

    @Option(help: "Output format.")
    var format: Format = .text

    @Flag(help: "The whole history, withdrawals included, in ledger order (text only).")
    var all = false

    func validate() throws {
        if all && format == .json {
            throw ValidationError("--format json lists the active signatories; for the whole history, use --all with --format text")
        }
    }

    func run() throws {
        // Lines for people follow the locale; JSON, for programs, does not.
        let language = format == .json ? (lang ?? .en) : self.language
        try runReportingFailures { () throws(CommandError) in
            let report: VerificationReport
            let policy = try source.policy.load()
            var publishedURL: String?
            switch try source.source() {
            case .url(let url):
                report = try RemoteSession.verify(url, options: source.remote, policy: policy, collectingHistory: all).verification
                publishedURL = url
            case .directory(let directory):
                do throws(RegistryError) {
                    report = try RegistryVerifier(layout: RegistryLayout(directory: directory)).verify(collectingHistory: all, policy: policy)
                } catch {
                    throw .registry(error)
                }
            }
            let lines: [String]
            if all {
                let history = SignatoryHistory(report.history, kind: kind, language: language)
                if let width = Terminal.outputWidth {
                    lines = history.lines(width: width)
                } else {
                    lines = history.plainLines()
                }
            } else {
                let options = ExportOptions(format: .json, language: language, kind: kind, publishedURL: publishedURL)
                let listing = SignatoryListing(report: report, checkpointNote: String(decoding: report.checkpointNote, as: UTF8.self),
                                               options: options)
                switch format {
                case .json:
                    try Terminal.write(SignatoryExport.render(listing, options: options))
                    return
                case .text:
                    if let width = Terminal.outputWidth {
                        lines = SignatoryTable.lines(listing, width: width)
                    } else {
                        lines = SignatoryTable.plainLines(listing)
                    }
                }
            }
            // One write, so a long list is not a system call per line.
            try Terminal.write(Array(lines.map { $0 + "\n" }.joined().utf8))
        }
    }
}

extension SignatoryKind: ExpressibleByArgument {}
