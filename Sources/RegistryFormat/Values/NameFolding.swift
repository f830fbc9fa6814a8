import Foundation

/// What a person typed and the names of places, reduced to a form in which
/// "ile-de-france", "Île de France" and "ÎLE-DE-FRANCE" are the same: for
/// finding a jurisdiction by name, never for anything stored or signed.
package enum NameFolding {
    /// Lowercase, without accents, the special letters spelt out (ß → ss,
    /// œ → oe, ł → l…), punctuation and runs of white space as one space.
    package static func folded(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var pendingSpace = false
        // Canonical decomposition puts accents in combining marks, dropped here.
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                continue
            }
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(contentsOf: spelledOut(scalar))
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// Letters that do not decompose into a base letter and an accent.
    private static func spelledOut(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar {
        case "ß": ["s", "s"]
        case "æ": ["a", "e"]
        case "œ": ["o", "e"]
        case "ø": ["o"]
        case "ł": ["l"]
        case "đ", "ð": ["d"]
        case "þ": ["t", "h"]
        case "ħ": ["h"]
        case "ı": ["i"]
        default: [scalar]
        }
    }

    /// The optimal-string-alignment distance between `a` and `b` (insertions,
    /// deletions, substitutions and swaps of two neighbours), or nil when it
    /// is more than `limit`.
    package static func distance<C: RandomAccessCollection>(_ a: C, _ b: C, limit: Int) -> Int?
    where C.Element: Equatable, C.Index == Int {
        guard abs(a.count - b.count) <= limit else { return nil }
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, twoBack[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            // Every later row is at least this row's minimum.
            if rowMinimum > limit { return nil }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
