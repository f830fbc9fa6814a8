import ArgumentParser
import DeclarationRegistry
import RegistryStorage

/// `declaration demo`: the README's first command.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build, verify and list a registry of the fifteen pioneers of 2016 and their civil-society partners.",
        discussion: """
            Keys are made on the spot; statements are dated 9 December 2016, the day of the signing in Paris. \
            Writes DIR/registry and DIR/keys (the private keys, apart from the registry). Without --out, \
            a new folder under the system's temporary directory is used.
            """)

    @Option(help: ArgumentHelp("Where to build it (must not exist, or be empty).", valueName: "dir"))
    var out: String?

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let directory: String
            if let out {
                directory = out
            } else {
                directory = try Self.freshTemporaryDirectory()
            }
            let result: DemoRegistry.Result
            do throws(RegistryError) {
                result = try DemoRegistry.build(in: directory)
            } catch {
                throw .registry(error)
            }
            try Terminal.reporting("the demo registry is built in \(result.registry)") { () throws(CommandError) in
                try Terminal.print("Demo registry built in \(result.registry) (private keys in \(result.keys)).")
                try Terminal.print()
                try Terminal.print(VerificationSummary.text(result.report))
                try Terminal.print()
                let listing = SignatoryListing(report: result.report,
                                               checkpointNote: String(decoding: result.report.checkpointNote, as: UTF8.self),
                                               options: ExportOptions(format: .json))
                for line in SignatoryTable.lines(listing, width: Terminal.outputWidth ?? 100) { try Terminal.print(line) }
                try Terminal.print()
                try Terminal.print("Verify it yourself: declaration verify --registry \(result.registry)")
            }
        }
    }

    private static func freshTemporaryDirectory() throws(CommandError) -> String {
        let base = FileSystem.temporaryDirectory
        do {
            return try FileSystem.makeUniqueDirectory(template: base + "/declaration-demo-XXXXXX", base: base)
        } catch {
            throw .storage(error)
        }
    }
}
