import ArgumentParser

/// `declaration witness`: run a c2sp.org/tlog-witness witness that cosigns
/// registries' checkpoints (docs/WITNESSES.md, "Running a witness"), and,
/// on the registrar's side, the registry's witness policy and collecting
/// its witnesses' cosignatures again.
struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Run a witness that cosigns logs' checkpoints (c2sp.org/tlog-witness); keep a registry's witness policy.",
        subcommands: [
            WitnessServeCommand.self,
            WitnessKeyCommand.self,
            WitnessEvidenceCommand.self,
            WitnessPolicyCommand.self,
            WitnessRetryCommand.self,
        ]
    )
}

/// The witness's key, as `serve` and `key` take it.
struct WitnessKeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The witness's Ed25519 private key (made with `declaration keygen`, mode 0600).", valueName: "file"))
    var key: String

    @Option(help: ArgumentHelp(
        "The witness's key name, usually its domain and path, such as example.org/witness.", valueName: "name"))
    var name: String

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "A file whose first line is the witness key's passphrase.", valueName: "file"))
    var passphraseFile: String?
}
