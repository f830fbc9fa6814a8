import ArgumentParser
import DeclarationRegistry

/// `--policy FILE`: the witness policy (c2sp.org/tlog-policy) a command
/// that reads a registry, a proof or a published site demands of the
/// registrar's checkpoint.
struct PolicyOption: ParsableArguments {
    @Option(name: .customLong("policy"), help: ArgumentHelp(
        "A witness policy (c2sp.org/tlog-policy): refuse a checkpoint without its quorum of cosignatures.",
        discussion: "The log must be one of the policy's log lines (when it has any), and the checkpoint cosigned by a quorum of its witnesses; the witnesses that cosigned are shown. docs/WITNESSES.md.",
        valueName: "file"))
    var path: String?

    /// The policy read from the file, strictly; nil without --policy. A
    /// missing file exits 66, one that is not a policy 65 (naming its line).
    func load() throws(CommandError) -> CheckpointPolicy? {
        guard let path else { return nil }
        do {
            return try CheckpointPolicy.read(path)
        } catch {
            throw .registry(error)
        }
    }
}
