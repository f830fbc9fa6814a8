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
