/// The version of this package: the `DeclarationRegistry` library and the
/// `declaration` tool built from it, which are released together.
///
/// This is the one place it is written: bump it for a release (docs/CLI.md,
/// "Versions"); `declaration --version` prints it.
public enum LibraryVersion {
    /// The release, as semantic versioning (MAJOR.MINOR.PATCH).
    public static let current = "0.1.0"
}
