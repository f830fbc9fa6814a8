import Foundation

/// The checks every declaration file passes before its content is read:
/// valid UTF-8 without BOM, LF line endings, no control characters, NFC,
/// a final newline.
///
/// Signatures bind to the exact bytes, so the bytes must have one reading
/// only: two files that render the same but differ in normalization or line
/// endings would carry different digests, and a reviewer could not tell them apart.
enum DeclarationFileChecks {
    /// Returns the file's lines (without their line feeds), or the first problem found.
    static func lines(
        of bytes: [UInt8], file: String, allowsTabs: Bool = false
    ) throws(DeclarationError) -> [String] {
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
            for scalar in line.unicodeScalars where isForbiddenControl(scalar, allowsTabs: allowsTabs) {
                throw .controlCharacter(file: file, line: lineNumber, codePoint: scalar.value)
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

    private static func isForbiddenControl(_ scalar: Unicode.Scalar, allowsTabs: Bool) -> Bool {
        switch scalar.value {
        case 0x09: !allowsTabs
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
