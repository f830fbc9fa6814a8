import RegistryStorage

/// The registry's own byte-exact copy of the declaration files it binds
/// to, so that a verifier needs nothing else.
enum DeclarationCopy {
    /// The largest declaration file read: the same limit a declaration
    /// directory has.
    static let fileLimit = Declaration.maximumFileSize

    /// Reads the declaration from the registry's `declaration` folder;
    /// throws `.verificationFailed` when it is missing or not a valid
    /// declaration (a folder that is a symbolic link, an entry that is not
    /// one of the four files, a file that is a directory, a link or anything
    /// but a regular file included), `.storage` when a file cannot be read.
    static func read(_ layout: RegistryLayout) throws(RegistryError) -> Declaration {
        let directory = layout.declaration
        // What the folder holds is part of the registry's content: anything
        // but the four regular files means the registry does not verify,
        // not that reading it failed.
        if let kind = FileSystem.entryKind(directory), kind != .directory {
            throw .verificationFailed(VerificationFailure(
                file: directory, expected: "a directory", found: kind.description,
                message: "\(kind) in place of the registry's declaration folder; it must be a directory holding "
                    + Declaration.fileNames.joined(separator: ", ")))
        }
        let names: [String]
        do {
            names = try FileSystem.contentsOfDirectory(directory)
        } catch {
            throw .verificationFailed(VerificationFailure(file: directory, message: "the registry's copy of the declaration texts is missing or unreadable"))
        }
        for name in names.sorted() where !Declaration.fileNames.contains(name) {
            throw failure(.unexpectedFile(file: layout.declarationFile(name)))
        }
        for name in names.sorted() {
            let path = layout.declarationFile(name)
            if let kind = FileSystem.entryKind(path), kind != .regularFile {
                throw failure(.notRegularFile(file: path, kind: kind.description))
            }
        }
        var files: [String: [UInt8]] = [:]
        do {
            for name in names.sorted() {
                files[name] = try FileSystem.read(layout.declarationFile(name), limit: fileLimit, links: .refuse)
            }
        } catch {
            // A file beyond the format's limit is not one the registrar
            // copied: the registry does not verify (exit 1), as for an
            // oversized header or checkpoint, rather than a bad input.
            guard let limit = error.readLimit else { throw .storage(error) }
            throw .verificationFailed(VerificationFailure(
                file: error.path, expected: "at most \(limit) bytes", found: FileSystem.size(of: error.path).map { "\($0) bytes" },
                message: "the declaration file is larger than \(limit) bytes, the most the format allows: the file was replaced or damaged"))
        }
        do {
            return try Declaration(files: files, source: directory)
        } catch {
            throw failure(error)
        }
    }

    /// The verification failure for a declaration error: the place is the
    /// error's file and line, the message the rest of its text.
    static func failure(_ error: DeclarationError) -> RegistryError {
        // The error's text starts with its own `file:line: `; the failure
        // adds the place itself.
        let place = error.file + (error.line.map { ":\($0)" } ?? "") + ": "
        let text = error.description
        let message = text.hasPrefix(place) ? String(text.dropFirst(place.count)) : text
        return .verificationFailed(VerificationFailure(file: error.file, line: error.line, message: message))
    }
}
