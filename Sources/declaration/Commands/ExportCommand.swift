import ArgumentParser
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// `declaration export`: the public list of signatories of a verified
/// registry, as CSV, JSON, Markdown or HTML, in English, French or Spanish.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the active signatories of a verified registry as CSV, JSON, Markdown or HTML.",
        discussion: """
            The registry is verified first; if it does not verify, nothing is written. With --since FILE, \
            the verification is incremental, as for `declaration verify --since`: FILE must be a checkpoint \
            you saved after a full verification of your own (`declaration verify --save-checkpoint FILE`). \
            With --registry URL, the registry is verified from its published site first, as \
            `declaration verify URL` does (through the trust state). \
            With --out, the file \
            is written whole or not at all; an existing file is refused unless --force is given, and even then \
            only a regular file is replaced (never a symbolic link, FIFO or device). The export time is the only part that changes \
            between two exports of the same registry: fix it with --timestamp, or with the SOURCE_DATE_EPOCH \
            environment variable (seconds since 1970), for reproducible output. Formats: docs/EXPORT.md.

            With --policy FILE (a c2sp.org/tlog-policy), the checkpoint must also meet the policy (exit 1, \
            naming the missing witnesses, and nothing written), and the HTML and JSON lists name the witnesses \
            that cosigned it, with their times; without --policy they name none, since none were verified.

            The CSV is one header row and one row per signatory; with --out FILE, where it comes from (registry, \
            checkpoint, the command that verifies it) is written beside it, to FILE.provenance.json. With \
            --published-url URL (or --registry URL), the lists link the registry to its published site and \
            quote the command that verifies them from it.

            """)

    @OptionGroup var source: RegistrySourceOption

    @Option(help: "Output format.")
    var format: ExportFormat

    @Option(name: .customLong("lang"), help: "Language of headings, country names and dates.")
    var language: Language = .en

    @Option(help: "Only signatories of this kind.")
    var kind: SignatoryKind?

    @Option(help: ArgumentHelp("Write to this file (a new one, unless --force) instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "With --out: replace the file if it exists (only a regular file is ever replaced).")
    var force = false

    @Option(help: ArgumentHelp("The export time to write, as an RFC 3339 UTC time such as 2016-12-09T10:00:00Z.",
                               valueName: "time"))
    var timestamp: String?

    @Flag(help: "CSV only: start with a UTF-8 byte order mark, for spreadsheets that need it.")
    var bom = false

    @Option(help: ArgumentHelp("The URL of the registry's published site (https://host/prefix), to link to and verify from.",
                               valueName: "url"))
    var publishedURL: String?

    @Option(help: ArgumentHelp("A checkpoint saved after a full verification of your own (verify --save-checkpoint): check the signatures of the entries added since only.", valueName: "file"))
    var since: String?

    func validate() throws {
        if bom && format != .csv {
            throw ValidationError("--bom applies to --format csv only")
        }
        if force && out == nil {
            throw ValidationError("--force applies to --out only")
        }
        _ = try exportTime()
        if let publishedURL, !Self.isPlainURL(publishedURL) {
            throw ValidationError("--published-url: \"\(publishedURL)\" is not an http or https URL without spaces or quotes, such as https://example.org/registry")
        }
    }

    /// Whether `text` is an http(s) URL made only of characters a URL may
    /// hold unencoded (RFC 3986), so every format can quote it as it is.
    static func isPlainURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"), text.count > 8 else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&()*+,;=%".unicodeScalars)
        return text.unicodeScalars.allSatisfy { allowed.contains($0) && $0 != "'" }
    }

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let exportedAt: Date
            do throws(ValidationError) {
                exportedAt = try exportTime()
            } catch {
                throw .usage(error.message)
            }
            var options = ExportOptions(format: format, language: language, kind: kind,
                                        exportedAt: exportedAt, byteOrderMark: bom, publishedURL: publishedURL)
            let layout: RegistryLayout
            let saved: (path: String, bytes: [UInt8])?
            let policy = try source.policy.load()
            switch try source.source() {
            case .url(let url):
                if since != nil {
                    throw .usage("--since applies to a registry directory: for a URL, the trust state keeps the checkpoint last verified and the verification is incremental")
                }
                // Verified from the URL into the trust state's copy, which
                // the export then reads against the checkpoint just verified.
                let report = try RemoteSession.verify(url, options: source.remote, policy: policy, keepingSignatoryDetails: false)
                layout = report.mirror
                if options.publishedURL == nil, Self.isPlainURL(url) { options.publishedURL = url }
                saved = (path: report.mirror.checkpoint, bytes: report.verification.checkpointNote)
            case .directory(let directory):
                layout = RegistryLayout(directory: directory)
                saved = try since.map { path throws(CommandError) in (path: path, bytes: try StatementFile.readBytes(path)) }
            }
            let exported: (list: [UInt8], provenance: [UInt8]?)
            do throws(RegistryError) {
                exported = try SignatoryExport.files(registry: layout, options: options, since: saved, policy: policy,
                                                     tableName: out.map(SignatoryExport.fileName(of:)))
            } catch {
                throw .registry(error)
            }
            if let out {
                try OutputFile.write(exported, to: out, replacing: force)
            } else {
                try Terminal.write(exported.list)
            }
        }
    }

    /// --timestamp, else SOURCE_DATE_EPOCH, else now.
    private func exportTime() throws(ValidationError) -> Date {
        if let timestamp {
            do {
                return try RFC3339.date(from: timestamp)
            } catch {
                throw ValidationError("--timestamp: \(error)")
            }
        }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch), seconds >= 0 else {
                throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, found \"\(epoch)\"")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }
}

extension ExportFormat: ExpressibleByArgument {}
