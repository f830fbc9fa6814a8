import Foundation
import RegistryStorage

/// The checks every declaration file passes before its content is read:
/// no PEM block, valid UTF-8 without BOM, LF line endings, no control or
/// invisible characters, NFC, a final newline; and the spacing rule that
/// text lines and manifest strings follow.
///
/// Signatures bind to the exact bytes, so the bytes must have one reading
/// only: two files that render the same but differ in normalization, line
/// endings, invisible characters or spaces would carry different digests,
/// and a reviewer could not tell them apart.
enum DeclarationFileChecks {
    /// Returns the file's lines (without their line feeds), or the first problem found.
    static func lines(
        of bytes: [UInt8], file: String, allowsTabs: Bool = false
    ) throws(DeclarationError) -> [String] {
        // Before anything that could quote a line: a key file put here by
        // mistake must not end up, even in part, in an error message.
        if let line = pemBlockLine(in: bytes) {
            throw .pemBlock(file: file, line: line)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw .byteOrderMark(file: file)
        }
        var lines: [String] = []
        var lineNumber = 0
        for chunk in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if chunk.contains(0x0D) {
                throw .carriageReturn(file: file, line: lineNumber)
            }
            guard let line = String(validating: chunk, as: UTF8.self) else {
                throw .invalidUTF8(file: file, line: lineNumber)
            }
            for scalar in line.unicodeScalars {
                if isForbiddenControl(scalar, allowsTabs: allowsTabs) {
                    throw .controlCharacter(file: file, line: lineNumber, codePoint: scalar.value)
                }
                if isInvisible(scalar) {
                    throw .invisibleCharacter(file: file, line: lineNumber, codePoint: scalar.value)
                }
            }
            // Byte comparison, not String ==: Swift's String equality already
            // treats canonically equivalent strings as equal.
            guard line.precomposedStringWithCanonicalMapping.utf8.elementsEqual(chunk) else {
                throw .notNFC(file: file, line: lineNumber)
            }
            lines.append(line)
        }
        // Splitting "a\nb\n" gives ["a", "b", ""]: the empty last piece is
        // what a final newline leaves; anything else there lacks one.
        if let last = lines.last, !last.isEmpty {
            throw .missingFinalNewline(file: file, line: lineNumber)
        }
        lines.removeLast()
        return lines
    }

    /// The first line that starts a PEM block (RFC 7468: "-----BEGIN ") or
    /// holds private key material without its armour (`KeyMaterial`, the
    /// rule every error message follows), if any.
    static func pemBlockLine(in bytes: [UInt8]) -> Int? {
        let marker = Array("-----BEGIN".utf8)
        var lineNumber = 1
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.starts(with: marker) || KeyMaterial.appears(in: line) { return lineNumber }
            lineNumber += 1
        }
        return nil
    }

    /// C0 controls (the tab only where allowed), DEL and the C1 controls
    /// U+0080 to U+009F; the line feed never reaches here.
    static func isForbiddenControl(_ scalar: Unicode.Scalar, allowsTabs: Bool) -> Bool {
        switch scalar.value {
        case 0x09: !allowsTabs
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// Characters that are not displayed: format characters (category Cf:
    /// soft hyphen, zero-width space and joiners, bidirectional controls,
    /// tags...) and every other default-ignorable code point (U+034F,
    /// U+115F, variation selectors...).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// The white-space characters a text may hold: the space, and inside a
    /// line the no-break spaces French typography uses.
    static let allowedSpaces: Set<Unicode.Scalar> = [" ", "\u{A0}", "\u{202F}"]

    /// What is wrong with the spacing of `text` (a text line or a manifest
    /// string), said as what was expected, or nil: white space is U+0020,
    /// U+00A0 or U+202F only, never at the start or the end, and never two
    /// in a row (which `show` would print as one).
    static func spacingProblem(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() where scalar.properties.isWhitespace {
            guard allowedSpaces.contains(scalar) else {
                return "no white space other than U+0020, U+00A0 and U+202F, not "
                    + DeclarationError.codePointName(scalar.value)
            }
            if offset == 0 { return "no space at the start" }
            if offset == scalars.count - 1 { return "no space at the end" }
            if scalars[offset - 1].properties.isWhitespace { return "one space between words, not two" }
        }
        return nil
    }

    /// `text` with every control, invisible or unusual white-space
    /// character written as `\u{…}`, so that a message quoting input can
    /// neither drive the terminal nor hide what it quotes.
    static func printable(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            let unusualSpace = scalar.properties.isWhitespace && !allowedSpaces.contains(scalar)
            if isForbiddenControl(scalar, allowsTabs: false) || isInvisible(scalar) || unusualSpace {
                output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
