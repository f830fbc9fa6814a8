import CryptoPrimitives

extension Declaration {
    /// The name shown for the built-in copy in error messages.
    static let embeddedSource = "(built-in)/subnational-open-government-declaration"

    /// The declaration built into the binary, so the tool works from any
    /// directory without the source checkout.
    ///
    /// SwiftPM embeds the files of `declarations/subnational-open-government-declaration`
    /// (through the `Embedded` link beside this file) as byte arrays; the
    /// test suite checks that they equal the files in `declarations/`. It
    /// throws only if the built-in files were broken at build time, which the
    /// tests also catch.
    public static var embedded: Declaration {
        get throws(DeclarationError) { try embeddedResult.get() }
    }

    /// The exact bytes of the built-in files, by name.
    public static var embeddedFiles: [String: [UInt8]] {
        [
            "en.txt": PackageResources.en_txt,
            "es.txt": PackageResources.es_txt,
            "fr.txt": PackageResources.fr_txt,
            "manifest.json": PackageResources.manifest_json,
        ]
    }

    // Parsed once: the files cannot change while the program runs.
    private static let embeddedResult = Result { () throws(DeclarationError) -> Declaration in
        try Declaration(files: embeddedFiles, source: embeddedSource)
    }
}

extension Declaration {
    /// The declaration digest this library knows for declaration `id` at
    /// `version`, or nil when it knows no such declaration. It knows one:
    /// the built-in declaration.
    package static func knownDigest(id: String, version: String) -> SHA256Digest? {
        guard let known = try? embedded, known.id == id, known.version == version else { return nil }
        return known.digest
    }

    /// The declaration this library knows whose digest is `digest`, or nil:
    /// how a statement's digest is named to people without the texts.
    package static func known(digest: SHA256Digest) -> Declaration? {
        guard let known = try? embedded, known.digest == digest else { return nil }
        return known
    }

    /// Throws `.unofficialText` when this declaration claims the `id` and
    /// `version` of a declaration the library knows but its files have
    /// another digest.
    ///
    /// An id and version name one text. Without this check a registry could
    /// carry an altered clause under the official name, with its digests
    /// recomputed and its checkpoint re-signed, and be consistent on its own:
    /// signatories would sign the altered text while reading the official one.
    package func checkAgainstKnownDeclarations() throws(DeclarationError) {
        guard let known = Self.knownDigest(id: id, version: version), known != digest else { return }
        throw .unofficialText(
            file: Self.path(source, Self.manifestFileName), id: id, version: version,
            digest: digest.hex, knownDigest: known.hex)
    }
}
