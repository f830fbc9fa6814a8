import ArgumentParser
import TransparencyLog
import Witness

/// `declaration witness key`: prints the witness's verifier key.
struct WitnessKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print the witness's verifier key (Ed25519 cosignature, type 0x04), for others' policies.",
        discussion: """
            The line printed is what a policy's `witness <name> <vkey> <url>` line takes as vkey.
            """)

    @OptionGroup var witnessKey: WitnessKeyOptions

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let key = try KeyLoader.loadPrivateKey(at: witnessKey.key, passphraseFile: witnessKey.passphraseFile)
            let cosigner: CosignerKey
            do throws(TransparencyError) {
                cosigner = try CosignerKey(name: witnessKey.name, publicKey: key.publicKey)
            } catch {
                throw .witness(.invalidName(witnessKey.name, error))
            }
            try Terminal.print(cosigner.string)
        }
    }
}
