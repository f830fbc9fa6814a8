import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage

/// The declaration signatories sign: its text in English, French and
/// Spanish, the facts of its adoption, and the exact bytes of its files.
///
/// A declaration is four files in one directory, `en.txt`, `es.txt`,
/// `fr.txt` and `manifest.json` (docs/DECLARATION.md describes them). The
/// files are data, not code: an operator can replace the project's rendering
/// with the official wording, and because every signature binds to
/// ``digest``, a signature made on one wording never counts for another.
public struct Declaration: Sendable {
    /// The manifest's file name.
    public static let manifestFileName = "manifest.json"

    /// Every file of a declaration, sorted by name: the order of ``digestListing``.
    public static let fileNames: [String] =
        (Language.allCases.map(\.textFileName) + [manifestFileName]).sorted()

    /// The largest file accepted, in bytes. The texts are a few kilobytes;
    /// the cap keeps a wrong path from reading a disk image into memory.
    public static let maximumFileSize = 1 << 20

    /// The declaration's identifier, such as "subnational-open-government-declaration";
    /// a declaration directory carries the same name.
    public let id: String
    /// The version of the text, MAJOR.MINOR.PATCH, such as "1.0.0".
    public let version: String
    /// The day the declaration was adopted, written YYYY-MM-DD ("2016-12-09").
    public let adoptedOn: String
    /// The languages in the order the manifest lists them.
    public let languages: [Language]
    /// Where the declaration was adopted, written in each language.
    public let place: [Language: String]
    /// The text in each language.
    public let texts: [Language: DeclarationText]
    /// The exact bytes of each file, by file name. The registry keeps a
    /// byte-exact copy of them beside the signatures.
    public let files: [String: [UInt8]]
    /// The digest binding the three texts and the manifest: SHA-256 of
    /// ``digestListing``, which is what `sha256sum en.txt es.txt fr.txt manifest.json | sha256sum`
    /// prints.
    public let digest: SHA256Digest
    /// Where the files were read from, as errors name it (a directory path,
    /// or the built-in copy's name).
    let source: String

    /// The title in each language.
    public var titles: [Language: String] { texts.mapValues(\.title) }

    /// The clauses in each language, without their numbers.
    public var clauses: [Language: [String]] { texts.mapValues(\.clauses) }

    /// The text in `language`. Every declaration has all three languages.
    public func text(in language: Language) -> DeclarationText {
        // A loaded declaration always has every language (the manifest check
        // requires it); the fallback only keeps the signature total.
        texts[language] ?? DeclarationText.empty
    }

    /// SHA-256 of the text file of `language`, byte for byte.
    public func digest(for language: Language) -> SHA256Digest {
        SHA256.hash(files[language.textFileName] ?? [])
    }

    /// The `sha256sum`-style listing that ``digest`` hashes: one line per
    /// file, sorted by name, "<64 hex digits><two spaces><name>\n".
    public var digestListing: String {
        Self.listing(of: files)
    }

    /// Reads and checks the declaration in `directory`, whose name must be
    /// the manifest's `id`, or `declaration` (a registry's copy).
    ///
    /// Each of the four files must be a regular file (a symbolic link is
    /// refused, not followed), and nothing else may be in the directory. A
    /// declaration that claims the `id` and `version` of one this library
    /// knows (the built-in one) but has another digest is refused with
    /// `.unofficialText`.
    public static func load(from directory: URL) throws(DeclarationError) -> Declaration {
        let directory = directory.standardizedFileURL
        let source = directory.path
        let names: [String]
        do {
            names = try FileSystem.contentsOfDirectory(source).sorted()
        } catch {
            throw .unreadable(path: source, reason: error.reason)
        }
        for name in names where !fileNames.contains(name) {
            throw .unexpectedFile(file: Self.path(source, name))
        }
        var files: [String: [UInt8]] = [:]
        for name in names {
            files[name] = try readFile(directory.appendingPathComponent(name), path: Self.path(source, name))
        }
        // A registry keeps its copy in a folder named `declaration`, which
        // `show --declaration REGISTRY/declaration` must open as it is.
        let name = directory.lastPathComponent
        let declaration = try Declaration(
            files: files, source: source, expectedID: name == RegistryLayout.Name.declaration ? nil : name)
        try declaration.checkAgainstKnownDeclarations()
        return declaration
    }

    /// Checks a declaration given as file bytes by name (how the registry
    /// reads its own copy); `source` prefixes file names in errors.
    ///
    /// It does not compare the files with the declarations the library
    /// knows: what reads a registry's copy checks it against the header
    /// first, then `checkAgainstKnownDeclarations()`, and
    /// `Registry.create` refuses a declaration that fails that check.
    public init(files: [String: [UInt8]], source: String) throws(DeclarationError) {
        try self.init(files: files, source: source, expectedID: nil)
    }

    init(files: [String: [UInt8]], source: String, expectedID: String?) throws(DeclarationError) {
        for name in files.keys.sorted() where !Self.fileNames.contains(name) {
            throw .unexpectedFile(file: Self.path(source, name))
        }
        for name in Self.fileNames {
            guard let bytes = files[name] else {
                throw .missingFile(file: Self.path(source, name))
            }
            guard bytes.count <= Self.maximumFileSize else {
                throw .fileTooLarge(file: Self.path(source, name), size: bytes.count, limit: Self.maximumFileSize)
            }
        }
        let manifestFile = Self.path(source, Self.manifestFileName)
        let manifest = try DeclarationManifest(bytes: files[Self.manifestFileName] ?? [], file: manifestFile)
        if let expectedID, manifest.id.value != expectedID {
            throw .invalidField(
                file: manifestFile, line: manifest.id.line, field: "id",
                expected: "\"\(expectedID)\", the directory's name (rename one or the other)",
                found: "\"\(manifest.id.value)\"")
        }

        var texts: [Language: DeclarationText] = [:]
        for language in manifest.languages {
            let file = Self.path(source, language.textFileName)
            let text = try DeclarationText(parsing: files[language.textFileName] ?? [], file: file)
            if let title = manifest.titles[language], title.value != text.title {
                throw .titleMismatch(
                    file: manifestFile, line: title.line, field: "titles.\(language)",
                    manifestTitle: title.value, textFile: file, textTitle: text.title)
            }
            texts[language] = text
        }
        try Self.checkSameStructure(texts, languages: manifest.languages, source: source)

        self.id = manifest.id.value
        self.version = manifest.version.value
        self.adoptedOn = manifest.adopted.value
        self.languages = manifest.languages
        self.place = manifest.place.mapValues(\.value)
        self.texts = texts
        self.files = files
        self.digest = SHA256.hash(Array(Self.listing(of: files).utf8))
        self.source = source
    }

    /// Fails unless every language has as many preamble paragraphs and
    /// clauses as the first one listed, so clause N means the same in all.
    private static func checkSameStructure(
        _ texts: [Language: DeclarationText], languages: [Language], source: String
    ) throws(DeclarationError) {
        guard let reference = languages.first, let referenceText = texts[reference] else { return }
        let referenceFile = path(source, reference.textFileName)
        for language in languages.dropFirst() {
            guard let text = texts[language] else { continue }
            let file = path(source, language.textFileName)
            if text.preamble.count != referenceText.preamble.count {
                throw .structureMismatch(
                    file: file, line: text.preambleLines.last ?? 2, part: "preamble paragraphs",
                    found: text.preamble.count, referenceFile: referenceFile,
                    expected: referenceText.preamble.count)
            }
            if text.clauses.count != referenceText.clauses.count {
                // Point at the first clause the other file lacks, or at the
                // last clause when this file is the short one.
                let line = text.clauses.count > referenceText.clauses.count
                    ? text.clauseLines[referenceText.clauses.count]
                    : text.clauseLines.last ?? text.lineCount
                throw .structureMismatch(
                    file: file, line: line, part: "clauses", found: text.clauses.count,
                    referenceFile: referenceFile, expected: referenceText.clauses.count)
            }
        }
    }

    static func listing(of files: [String: [UInt8]]) -> String {
        // File names are ASCII, so String order is byte order, as `sort` in the C locale.
        files.keys.sorted().map { "\(SHA256.hash(files[$0] ?? []).hex)  \($0)\n" }.joined()
    }

    private static func readFile(_ url: URL, path: String) throws(DeclarationError) -> [UInt8] {
        // Looked at without following a link: a link would make the
        // declaration's bytes whatever its target holds at the time.
        if let kind = FileSystem.entryKind(url.path), kind != .regularFile {
            throw .notRegularFile(file: path, kind: kind.description)
        }
        // Read as every registry file is: without following a link, without
        // blocking on a pipe swapped in since the look above, and bounded.
        do {
            return try FileSystem.read(url.path, limit: maximumFileSize, links: .refuse)
        } catch {
            switch error.cause {
            case .tooLarge(let limit):
                throw .fileTooLarge(file: path, size: FileSystem.size(of: url.path) ?? limit + 1, limit: limit)
            case .notRegularFile, .symbolicLink:
                throw .notRegularFile(file: path, kind: FileSystem.entryKind(url.path)?.description ?? "not a regular file")
            default:
                throw .unreadable(path: path, reason: error.reason)
            }
        }
    }

    static func path(_ source: String, _ name: String) -> String {
        source.hasSuffix("/") ? source + name : source + "/" + name
    }
}

extension DeclarationText {
    /// A text with nothing in it, never produced by parsing.
    static let empty = DeclarationText(title: "", preamble: [], clauses: [])

    private init(title: String, preamble: [String], clauses: [String]) {
        self.title = title
        self.preamble = preamble
        self.clauses = clauses
        self.clauseLines = []
        self.preambleLines = []
        self.lineCount = 0
    }
}
