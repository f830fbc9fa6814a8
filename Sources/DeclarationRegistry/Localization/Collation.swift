import Foundation
import RegistryFormat

/// Orders names the way a reader of each language expects, deterministically
/// and without ICU.
///
/// Names are compared level by level, each level consulted only when all
/// earlier ones are equal:
/// 1. letters, ignoring accents and case ("é" ~ "e", "Ç" ~ "c"); "ß", "æ",
///    "œ", "ø", "ł", "đ", "þ" count as "ss", "ae", "oe", "o", "l", "d", "th".
///    In Spanish "ñ" is a letter of its own, after "n";
/// 2. accents: an unaccented letter before an accented one, then by the
///    accents' code points;
/// 3. case: lowercase before uppercase;
/// 4. the names' UTF-8 bytes, so that only identical strings tie and the
///    order is total.
///
/// Accents are found by Unicode canonical decomposition (NFD) and dropped as
/// combining marks. Characters are otherwise compared by code point after
/// folding, so spaces and punctuation come before digits, digits before
/// letters, digits are not read as numbers ("10" before "9"), and letters of
/// non-Latin scripts (Greek, Cyrillic, Georgian, Arabic, Hangul jamo…) come
/// after all Latin letters, in code-point order. French accents are compared
/// from the front, as current CLDR French does.
package enum Collation {
    /// The sort key of `name` in `language`; comparing keys compares names.
    package static func key(for name: String, in language: Language) -> CollationKey {
        var key = CollationKey(primary: [], secondary: [], tertiary: [], bytes: Array(name.utf8))
        key.primary.reserveCapacity(key.bytes.count)
        key.secondary.reserveCapacity(key.bytes.count)
        key.tertiary.reserveCapacity(key.bytes.count)
        // Names in Latin script, the registry's usual case, skip Foundation's
        // decomposition of the whole string: each scalar is decomposed from
        // a table. That gives the same scalars, because every scalar the
        // table holds starts its decomposition with a starter (canonical
        // combining class 0), so no combining mark is ever reordered across
        // two of them.
        if name.unicodeScalars.allSatisfy({ $0.isASCII || LatinDecompositions.table[$0.value] != nil }) {
            for scalar in name.unicodeScalars {
                if scalar.isASCII {
                    add(scalar, to: &key, in: language)
                } else if let decomposition = LatinDecompositions.table[scalar.value] {
                    for part in decomposition { add(part, to: &key, in: language) }
                }
            }
            return key
        }
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            add(scalar, to: &key, in: language)
        }
        return key
    }

    /// Adds one scalar of a name's canonical decomposition to its key.
    private static func add(_ scalar: Unicode.Scalar, to key: inout CollationKey, in language: Language) {
        if scalar.isASCII {
            // What the general path below gives for ASCII, without looking
            // up Unicode properties: no marks, no expansions, and only A–Z
            // are uppercase and fold (to a–z).
            let value = UInt8(truncatingIfNeeded: scalar.value)
            let isUppercase = value >= UInt8(ascii: "A") && value <= UInt8(ascii: "Z")
            key.primary.append(UInt32(isUppercase ? value | 0x20 : value) * 2)
            key.secondary.append(0)
            key.tertiary.append(isUppercase ? 1 : 0)
            return
        }
        if scalar.properties.generalCategory == .nonspacingMark {
            // A tilde on "n" makes the Spanish letter "ñ"; other marks are accents.
            if language == .es, scalar.value == 0x0303, key.primary.last == weight(of: "n") {
                key.primary[key.primary.count - 1] = weight(of: "n") + 1
            } else if !key.primary.isEmpty {
                key.secondary.append(scalar.value)
            }
            return
        }
        let isUppercase = scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
        let isExpansion = expansions[scalar.value] != nil
        for letter in foldedLetters(scalar).unicodeScalars {
            // Lowercasing can add a mark ("İ" gives "i" and a dot above): an accent.
            if letter.properties.generalCategory == .nonspacingMark {
                key.secondary.append(letter.value)
                continue
            }
            key.primary.append(weight(of: letter))
            // 0 separates one letter's accents from the next; a letter that
            // stands for an expansion ("ß" as "ss") sorts after the plain letters.
            key.secondary.append(0)
            if isExpansion { key.secondary.append(expansionMark + scalar.value) }
            key.tertiary.append(isUppercase ? 1 : 0)
        }
    }

    /// The key by Foundation's decomposition of the whole name, without the
    /// table: what `key(for:in:)` must always agree with.
    static func keyByFullDecomposition(for name: String, in language: Language) -> CollationKey {
        var key = CollationKey(primary: [], secondary: [], tertiary: [], bytes: Array(name.utf8))
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            add(scalar, to: &key, in: language)
        }
        return key
    }

    /// `names` in `language`'s order.
    package static func sorted(_ names: [String], in language: Language) -> [String] {
        sorted(names, in: language, by: { $0 })
    }

    /// `elements` ordered by the name `name` gives each, in `language`'s order;
    /// elements with identical names keep their relative order.
    package static func sorted<Element>(
        _ elements: [Element], in language: Language, by name: (Element) -> String
    ) -> [Element] {
        elements.enumerated()
            .map { (key: key(for: name($0.element), in: language), offset: $0.offset, element: $0.element) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.offset < $1.offset }
            .map(\.element)
    }

    /// Whether `lhs` comes before `rhs` in `language`'s order.
    package static func areInIncreasingOrder(_ lhs: String, _ rhs: String, in language: Language) -> Bool {
        key(for: lhs, in: language) < key(for: rhs, in: language)
    }

    /// Letters that neither decompose nor lowercase to plain Latin letters.
    private static let expansions: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss",  // ß ẞ
        0x00E6: "ae", 0x00C6: "ae",  // æ Æ
        0x0153: "oe", 0x0152: "oe",  // œ Œ
        0x00F8: "o", 0x00D8: "o",    // ø Ø
        0x0142: "l", 0x0141: "l",    // ł Ł
        0x0111: "d", 0x0110: "d",    // đ Đ
        0x00F0: "d", 0x00D0: "d",    // ð Ð
        0x00FE: "th", 0x00DE: "th",  // þ Þ
        0x0131: "i",                 // dotless ı
        0x0127: "h", 0x0126: "h",    // ħ Ħ
    ]

    /// Above every combining mark's code point, so expansions sort after accents.
    private static let expansionMark: UInt32 = 0x11_0000

    private static func foldedLetters(_ scalar: Unicode.Scalar) -> String {
        expansions[scalar.value] ?? scalar.properties.lowercaseMapping
    }

    /// Code points doubled, leaving odd weights free for letters such as "ñ"
    /// that a language places right after another.
    private static func weight(of scalar: Unicode.Scalar) -> UInt32 {
        scalar.value * 2
    }
}

/// The canonical decompositions (NFD) of the scalars from U+0080 to
/// U+024F (Latin-1, Latin Extended-A and -B), made once with Foundation.
/// A scalar is left out unless it and the first scalar of its decomposition
/// are starters, so decomposing a name scalar by scalar from this table
/// gives the same scalars as decomposing it whole.
enum LatinDecompositions {
    static let table: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for value in UInt32(0x80)...0x24F {
            guard let scalar = Unicode.Scalar(value),
                  scalar.properties.canonicalCombiningClass == .notReordered else { continue }
            let parts = Array(String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let first = parts.first, first.properties.canonicalCombiningClass == .notReordered else { continue }
            table[value] = parts
        }
        return table
    }()
}

/// A name's position in a language's order; see `Collation`.
package struct CollationKey: Sendable, Hashable, Comparable {
    /// Letter weights, accents and case removed.
    var primary: [UInt32]
    /// Accent marks, each letter's led by a 0.
    var secondary: [UInt32]
    /// 1 for each uppercase letter, 0 otherwise.
    var tertiary: [UInt8]
    /// The name's UTF-8 bytes, the final tie-break.
    var bytes: [UInt8]

    /// Appends the key to `numbers` as one sequence that orders as the key
    /// does: each level's values plus one, then a 0, so that a level that
    /// is a prefix of another sorts first and the next level is reached
    /// only when the earlier ones are equal.
    func flatten(into numbers: inout [UInt32]) {
        for value in primary { numbers.append(value + 1) }
        numbers.append(0)
        for value in secondary { numbers.append(value + 1) }
        numbers.append(0)
        for value in tertiary { numbers.append(UInt32(value) + 1) }
        numbers.append(0)
        for value in bytes { numbers.append(UInt32(value) + 1) }
        numbers.append(0)
    }

    /// Compares level by level: letters, then accents, then case, then bytes.
    package static func < (lhs: CollationKey, rhs: CollationKey) -> Bool {
        if lhs.primary != rhs.primary { return lhs.primary.lexicographicallyPrecedes(rhs.primary) }
        if lhs.secondary != rhs.secondary { return lhs.secondary.lexicographicallyPrecedes(rhs.secondary) }
        if lhs.tertiary != rhs.tertiary { return lhs.tertiary.lexicographicallyPrecedes(rhs.tertiary) }
        return lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}
