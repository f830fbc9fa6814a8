/// Why a declaration (its text files and manifest) was rejected.
///
/// Every case names the file as the user gave it (directory path or the
/// built-in copy, then the file name) and, where it applies, the line and the
/// manifest field, so the message can say where to look and what to change.
public enum DeclarationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory could not be listed or a file in it could not be read.
    case unreadable(path: String, reason: String)
    /// A file the declaration needs is absent.
    case missingFile(file: String)
    /// A file that is not part of the declaration sits among its files.
    case unexpectedFile(file: String)
    /// One of the declaration's names is not a regular file: `kind` says what
    /// it is ("a directory", "a symbolic link", "a named pipe"...).
    case notRegularFile(file: String, kind: String)
    /// A file is larger than `limit` bytes, far more than any declaration needs.
    case fileTooLarge(file: String, size: Int, limit: Int)
    /// The file starts with a UTF-8 byte-order mark, which the format forbids.
    case byteOrderMark(file: String)
    /// A line holds bytes that are not valid UTF-8.
    case invalidUTF8(file: String, line: Int)
    /// A line holds a carriage return; the files use LF line endings only.
    case carriageReturn(file: String, line: Int)
    /// A line holds a control character (a tab, for instance) other than the line feed.
    case controlCharacter(file: String, line: Int, codePoint: UInt32)
    /// A line holds a character that is not displayed (a format character
    /// such as U+200B, or another default-ignorable code point), so two
    /// texts that look the same would differ in their bytes.
    case invisibleCharacter(file: String, line: Int, codePoint: UInt32)
    /// A line starts a PEM block (`-----BEGIN …`) or holds private key material: the
    /// file is not a declaration file, and none of it is quoted.
    case pemBlock(file: String, line: Int)
    /// A line is not in Unicode Normalization Form C.
    case notNFC(file: String, line: Int)
    /// The last line is not terminated by a line feed.
    case missingFinalNewline(file: String, line: Int)
    /// A line of a text file does not follow the text format.
    case malformedText(file: String, line: Int, expected: String, found: String)
    /// A text file has a different number of clauses or preamble paragraphs
    /// than the first language's text, so the languages cannot be read side by side.
    case structureMismatch(
        file: String, line: Int, part: String, found: Int, referenceFile: String, expected: Int
    )
    /// The manifest is not the JSON the format expects at this point.
    case malformedManifest(file: String, line: Int, expected: String, found: String)
    /// A field the manifest must have is absent.
    case missingField(file: String, line: Int, field: String)
    /// The manifest has a field the format does not define.
    case unknownField(file: String, line: Int, field: String)
    /// A manifest field has a value the format does not allow.
    case invalidField(file: String, line: Int, field: String, expected: String, found: String)
    /// A title in the manifest differs from the title line of the text file.
    case titleMismatch(
        file: String, line: Int, field: String, manifestTitle: String, textFile: String, textTitle: String
    )
    /// The manifest (`file`) claims the `id` and `version` of a declaration
    /// this library knows (the built-in one), but the files' declaration
    /// digest is not that declaration's: an altered text under the official
    /// name. Digests are 64 lowercase hexadecimal digits.
    case unofficialText(file: String, id: String, version: String, digest: String, knownDigest: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreadable(let path, _): path
        case .missingFile(let file), .unexpectedFile(let file), .byteOrderMark(let file): file
        case .notRegularFile(let file, _): file
        case .invisibleCharacter(let file, _, _), .pemBlock(let file, _): file
        case .unofficialText(let file, _, _, _, _): file
        case .fileTooLarge(let file, _, _): file
        case .invalidUTF8(let file, _), .carriageReturn(let file, _), .notNFC(let file, _),
             .missingFinalNewline(let file, _): file
        case .controlCharacter(let file, _, _): file
        case .malformedText(let file, _, _, _), .malformedManifest(let file, _, _, _): file
        case .structureMismatch(let file, _, _, _, _, _): file
        case .missingField(let file, _, _), .unknownField(let file, _, _): file
        case .invalidField(let file, _, _, _, _): file
        case .titleMismatch(let file, _, _, _, _, _): file
        }
    }

    /// The 1-based line the error is about, when there is one.
    public var line: Int? {
        switch self {
        case .unreadable, .missingFile, .unexpectedFile, .notRegularFile, .fileTooLarge, .unofficialText: nil
        case .invisibleCharacter(_, let line, _), .pemBlock(_, let line): line
        case .byteOrderMark: 1
        case .invalidUTF8(_, let line), .carriageReturn(_, let line), .notNFC(_, let line),
             .missingFinalNewline(_, let line): line
        case .controlCharacter(_, let line, _): line
        case .malformedText(_, let line, _, _), .malformedManifest(_, let line, _, _): line
        case .structureMismatch(_, let line, _, _, _, _): line
        case .missingField(_, let line, _), .unknownField(_, let line, _): line
        case .invalidField(_, let line, _, _, _): line
        case .titleMismatch(_, let line, _, _, _, _): line
        }
    }

    /// The manifest field the error is about, when there is one (`titles.fr`, `languages[1]`).
    public var field: String? {
        switch self {
        case .missingField(_, _, let field), .unknownField(_, _, let field): field
        case .invalidField(_, _, let field, _, _): field
        case .titleMismatch(_, _, let field, _, _, _): field
        case .unofficialText: "version"
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the declaration (\(reason)); check the path and its permissions"
        case .missingFile(let file):
            return "\(file): missing; a declaration directory holds exactly "
                + Declaration.fileNames.joined(separator: ", ")
        case .unexpectedFile(let file):
            return "\(file): not part of a declaration; remove it (a declaration directory holds exactly "
                + Declaration.fileNames.joined(separator: ", ") + ")"
        case .notRegularFile(let file, let kind):
            return "\(file): \(kind), not a regular file; a declaration's files are regular files "
                + "(replace it with the file itself)"
        case .fileTooLarge(let file, let size, let limit):
            return "\(file): \(size) bytes, more than the \(limit)-byte limit; is this the right file?"
        case .byteOrderMark(let file):
            return "\(file):1: starts with a byte-order mark; save the file as UTF-8 without BOM"
        case .invalidUTF8(let file, let line):
            return "\(file):\(line): not valid UTF-8; save the file as UTF-8"
        case .carriageReturn(let file, let line):
            return "\(file):\(line): carriage return (CR) found; use LF line endings only"
        case .controlCharacter(let file, let line, let codePoint):
            return "\(file):\(line): control character \(Self.codePointName(codePoint)) "
                + "found; remove it (use spaces, not tabs)"
        case .invisibleCharacter(let file, let line, let codePoint):
            return "\(file):\(line): invisible character \(Self.codePointName(codePoint)) found; remove it "
                + "(texts that look the same must have the same bytes)"
        case .pemBlock(let file, let line):
            return "\(file):\(line): starts a PEM block (\"-----BEGIN\") or holds private key material, not a "
                + "declaration text; nothing of it is shown. Put the declaration file here, and keep private keys to yourself"
        case .notNFC(let file, let line):
            return "\(file):\(line): text is not in Unicode Normalization Form C; "
                + "normalize the file to NFC (for example `uconv -x nfc`)"
        case .missingFinalNewline(let file, let line):
            return "\(file):\(line): the last line does not end with a line feed; add a final newline"
        case .malformedText(let file, let line, let expected, let found):
            return "\(file):\(line): expected \(expected), found \(found); see docs/DECLARATION.md for the text format"
        case .structureMismatch(let file, let line, let part, let found, let referenceFile, let expected):
            return "\(file):\(line): \(found) \(part), but \(referenceFile) has \(expected); "
                + "every language must have the same numbered structure"
        case .malformedManifest(let file, let line, let expected, let found):
            return "\(file):\(line): expected \(expected), found \(found); fix the JSON"
        case .missingField(let file, let line, let field):
            return "\(file):\(line): field `\(field)` is missing; add it (see docs/DECLARATION.md)"
        case .unknownField(let file, let line, let field):
            return "\(file):\(line): field `\(field)` is not part of the manifest format; remove it"
        case .invalidField(let file, let line, let field, let expected, let found):
            return "\(file):\(line): field `\(field)`: expected \(expected), found \(found)"
        case .titleMismatch(let file, let line, let field, let manifestTitle, let textFile, let textTitle):
            return "\(file):\(line): field `\(field)` is \"\(manifestTitle)\" but the title line of "
                + "\(textFile) is \"\(textTitle)\"; make them identical"
        case .unofficialText(let file, let id, let version, let digest, let knownDigest):
            return "\(file): claims to be \(id) version \(version), whose declaration digest is \(knownDigest), "
                + "but these files' digest is \(digest): this is not that declaration's text. "
                + "A changed wording needs a new `version` (see docs/DECLARATION.md)"
        }
    }

    /// "U+00AD", as code points are written in messages.
    static func codePointName(_ codePoint: UInt32) -> String {
        let hex = String(codePoint, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
