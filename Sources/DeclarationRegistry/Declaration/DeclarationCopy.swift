import RegistryStorage

/// The registry's own byte-exact copy of the declaration files it binds
/// to, so that a verifier needs nothing else.
enum DeclarationCopy {
    /// The largest declaration file read.
    static let fileLimit = 1 << 20

    /// Reads the declaration from the registry's `declaration` folder;
    /// throws `.verificationFailed` when it is missing or not a valid
    /// declaration, `.storage` when a file cannot be read.
    static func read(_ layout: RegistryLayout) throws(RegistryError) -> Declaration {
        let directory = layout.declaration
        let names: [String]
        do {
            names = try FileSystem.contentsOfDirectory(directory)
        } catch {
            throw .verificationFailed(VerificationFailure(file: directory, message: "the registry's copy of the declaration texts is missing or unreadable"))
        }
        var files: [String: [UInt8]] = [:]
        do {
            for name in names.sorted() {
                files[name] = try FileSystem.read(layout.declarationFile(name), limit: fileLimit, links: .refuse)
            }
        } catch {
            throw .storage(error)
        }
        do {
            return try Declaration(files: files, source: directory)
        } catch {
            // The error's text starts with its own `file:line: `; the
            // failure adds the place itself.
            let place = error.file + (error.line.map { ":\($0)" } ?? "") + ": "
            let text = error.description
            let message = text.hasPrefix(place) ? String(text.dropFirst(place.count)) : text
            throw .verificationFailed(VerificationFailure(file: error.file, line: error.line, message: message))
        }
    }
}
