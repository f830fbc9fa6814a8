import ArgumentParser

/// `declaration witness`: the witnesses of a registry, from the
/// registrar's side (its policy, collecting cosignatures again).
struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Witnesses: the registry's witness policy, and collecting their cosignatures again.",
        discussion: "Witnessing a registry: docs/WITNESSES.md.\n\n\(ExitStatus.summary)",
        subcommands: [WitnessPolicyCommand.self, WitnessRetryCommand.self])
}
