import Foundation

/// The rules every human-readable text field of a statement obeys, so that
/// what a reader sees in the list is exactly what was signed.
enum TextRules {
    /// Checks `value` and returns it unchanged if it is acceptable.
    static func check(_ value: String, field: String, limit: Int) throws(FieldError) {
        if value.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw FieldError(field: field, problem: .empty)
        }
        let length = value.unicodeScalars.count
        if length > limit {
            throw FieldError(field: field, problem: .tooLong(limit: limit, found: length))
        }
        for (offset, scalar) in value.unicodeScalars.enumerated() where isForbidden(scalar) {
            throw FieldError(field: field, problem: .forbiddenCharacter(scalar: scalar.value, offset: offset))
        }
        if let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace {
            throw FieldError(field: field, problem: .surroundingWhitespace)
        }
        if !isNFC(value) {
            throw FieldError(field: field, problem: .notNFC)
        }
    }

    /// Whether the text is already in Normalization Form C.
    ///
    /// Swift's `==` on strings compares canonical equivalence, so the check
    /// compares the UTF-8 bytes instead.
    static func isNFC(_ value: String) -> Bool {
        if value.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        return value.precomposedStringWithCanonicalMapping.utf8.elementsEqual(value.utf8)
    }

    /// Returns the NFC form of text a person typed.
    static func normalized(_ value: String) -> String {
        value.precomposedStringWithCanonicalMapping
    }

    /// Control characters, bidirectional controls, line and paragraph
    /// separators, and other invisible formatting characters: each could make
    /// a name display differently from what was signed.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true      // C0 and C1 controls
        case 0x200B, 0x200E, 0x200F: return true        // zero-width space, LRM, RLM
        // U+200C and U+200D (joiners) stay allowed: Persian, Indic scripts and emoji need them.
        case 0x2028...0x202E: return true               // separators and embeddings/overrides
        case 0x2060...0x206F: return true               // word joiner, isolates, deprecated formats
        case 0x061C: return true                        // Arabic letter mark
        case 0xFEFF: return true                        // byte order mark
        case 0xFFF9...0xFFFB: return true               // interlinear annotations
        default:
            // Unassigned and private-use code points cannot be displayed reliably.
            switch scalar.properties.generalCategory {
            case .unassigned, .privateUse, .surrogate: return true
            default: return false
            }
        }
    }
}
