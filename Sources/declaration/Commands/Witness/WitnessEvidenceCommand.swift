import ArgumentParser
import Foundation
import RegistryStorage
import Witness

/// `declaration witness evidence`: lists the evidence a witness kept.
struct WitnessEvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "List the refused inconsistent checkpoints, validly signed by their log, that a witness kept.",
        discussion: """
            Each is one file in DATA/evidence/<origin hash>/ holding the whole request, the checkpoint the \
            witness had cosigned, the reason and the time. Text lists one per line; --format json prints \
            them all, with those fields and the file's path.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("The witness's data directory.", valueName: "directory"))
    var data: String

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: Format = .text

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let listed: [WitnessEvidence.Listed]
            do throws(WitnessError) {
                let layout = WitnessDataLayout(directory: data)
                guard FileSystem.isDirectory(layout.directory) else {
                    throw .storage(StorageError(path: layout.directory, operation: "reading", code: ENOENTCode))
                }
                listed = try WitnessEvidence.list(in: layout)
            } catch {
                throw .witness(error)
            }
            switch format {
            case .json:
                struct Entry: Encodable {
                    let file: String
                    let evidence: WitnessEvidence
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                let data = (try? encoder.encode(listed.map { Entry(file: $0.path, evidence: $0.evidence) })) ?? Data("[]".utf8)
                try Terminal.print(String(decoding: data, as: UTF8.self))
            case .text:
                if listed.isEmpty { try Terminal.print("no evidence in \(data)") }
                for item in listed {
                    let e = item.evidence
                    try Terminal.print(
                        "\(e.origin)\t\(e.reason)\tcosigned \(e.cosignedSize) \(e.cosignedRoot)\t"
                            + "refused old \(e.oldSize) size \(e.size) \(e.root)\ttime \(e.time)\t\(item.path)"
                    )
                }
            }
        }
    }
}
