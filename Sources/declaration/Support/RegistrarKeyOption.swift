import ArgumentParser
import CryptoPrimitives

/// The registrar's key, as `init` and `append` take it: the key file and the
/// file holding its passphrase, if the key is encrypted. (`sign` and
/// `withdraw` take the registrar key optionally, beside the signatory's own
/// passphrase option, so they spell them in `StatementDestination`.)
struct RegistrarKeyOption: ParsableArguments {
    @Option(name: .customLong("registrar-key"), help: ArgumentHelp(
        "The registrar's private key (`init` makes it if it does not exist).", valueName: "file"))
    var path: String

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "A file whose first line is the registrar key's passphrase.", valueName: "file"))
    var passphraseFile: String?

    /// Loads the key; asks for its passphrase on the terminal when it is
    /// encrypted and no passphrase file was given.
    func load() throws(CommandError) -> Ed25519PrivateKey {
        try KeyLoader.loadPrivateKey(at: path, passphraseFile: passphraseFile)
    }

    /// Loads the key, or makes one (with its `.pub` beside it) when no file
    /// exists yet.
    func loadOrCreate() throws(CommandError) -> (key: Ed25519PrivateKey, created: Bool) {
        try KeyLoader.loadOrCreateRegistrarKey(at: path, passphraseFile: passphraseFile)
    }
}
