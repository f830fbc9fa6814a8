import Foundation

/// The rules every human-readable text field of a statement obeys, so that
/// what a reader sees in the list is exactly what was signed.
package enum TextRules {
    /// Checks `value` and returns it unchanged if it is acceptable.
    static func check(_ value: String, field: String, limit: Int) throws(FieldError) {
        if value.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw FieldError(field: field, problem: .empty)
        }
        let length = value.unicodeScalars.count
        if length > limit {
            throw FieldError(field: field, problem: .tooLong(limit: limit, found: length))
        }
        for (offset, scalar) in value.unicodeScalars.enumerated() {
            guard let refusal = refusal(of: scalar) else { continue }
            if refusal == .unassigned {
                throw FieldError(field: field, problem: .unassignedCharacter(scalar: scalar.value, offset: offset,
                                                                            unicodeVersion: UnicodeTables.version))
            }
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
    package static func normalized(_ value: String) -> String {
        value.precomposedStringWithCanonicalMapping
    }

    /// Whether text may not hold `scalar`: see `refusal(of:)`.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        UnicodeTables.refusal(of: scalar) != nil
    }

    /// Why text may not hold `scalar`, or nil when it may. The set is
    /// Unicode 15.1's (`UnicodeTables.version`), whatever the runtime's:
    /// controls (Cc); every format character (Cf) and default-ignorable
    /// code point (soft hyphen, joiners, variation selectors, Hangul
    /// fillers, tags), any of which makes two names that display alike
    /// differ in their bytes; line and paragraph separators (Zl, Zp);
    /// private use (Co) and surrogates (Cs), which display as nothing
    /// agreed; and what Unicode 15.1 leaves unassigned (Cn).
    static func refusal(of scalar: Unicode.Scalar) -> UnicodeTables.Refusal? {
        UnicodeTables.refusal(of: scalar)
    }
}

extension UnicodeTables {
    /// Why a code point is refused, as `refusedRanges` records it.
    enum Refusal: UInt32, Sendable {
        /// A C0 or C1 control, or DEL (Cc).
        case control
        /// A format character (Cf) or a default-ignorable code point.
        case invisible
        /// U+2028 or U+2029 (Zl, Zp).
        case separator
        /// A private-use code point (Co).
        case privateUse
        /// A surrogate code point (Cs).
        case surrogate
        /// Not assigned in Unicode `version` (Cn): a later version may
        /// assign it, and the format may then allow it.
        case unassigned
    }

    /// Why `scalar` is refused, found by bisection in `refusedRanges`;
    /// nil when it is allowed. Allocation-free.
    static func refusal(of scalar: Unicode.Scalar) -> Refusal? {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return nil }
        let ranges = refusedRanges
        // The first range whose first code point is above `value`.
        var low = 0
        var high = ranges.count / 3
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle * 3] <= value { low = middle + 1 } else { high = middle }
        }
        guard low > 0, value <= ranges[(low - 1) * 3 + 1] else { return nil }
        return Refusal(rawValue: ranges[(low - 1) * 3 + 2])
    }

    /// Appends the full case folding of `scalar` (CaseFolding.txt, C + F)
    /// to `output`: itself when it has none.
    static func appendCaseFolding(of scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        let keys = caseFoldingKeys
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < scalar.value { low = middle + 1 } else { high = middle }
        }
        guard low < keys.count, keys[low] == scalar.value else {
            output.append(scalar)
            return
        }
        for index in Int(caseFoldingOffsets[low])..<Int(caseFoldingOffsets[low + 1]) {
            // The table holds only scalar values, written by the generator.
            if let folded = Unicode.Scalar(caseFoldingValues[index]) { output.append(folded) }
        }
    }
}
