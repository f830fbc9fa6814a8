import Foundation
import RegistryFormat

/// What a monitor watches for: names, jurisdictions and signatory key ids
/// given by the person running it (`--watch`), usually their own.
///
/// A value is not declared to be a name, a jurisdiction or a key id: each
/// is matched against all three, so `Paris`, `FR-75C` and `3f2a-91bc-…`
/// all just work, and a value that could be either (a two-letter name) is
/// never missed.
public struct WatchList: Sendable, Hashable {
    /// What part of an entry a watched value matched.
    public enum Field: String, Sendable, Hashable, Comparable {
        case keyID = "key id"
        case name
        case jurisdiction

        public static func < (lhs: Field, rhs: Field) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One watched value matching one field of an entry.
    public struct Match: Sendable, Hashable {
        /// The value as given.
        public let watch: String
        /// The field it matched.
        public let field: Field
    }

    /// The values, as given.
    public let values: [String]
    private let folded: [(value: String, folded: String)]

    /// A list of `values`; empty values are dropped.
    public init(_ values: [String]) {
        let kept = values.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        self.values = kept
        self.folded = kept.map { ($0, Self.fold($0)) }
    }

    public static func == (lhs: WatchList, rhs: WatchList) -> Bool { lhs.values == rhs.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }

    /// Whether the list watches nothing.
    public var isEmpty: Bool { values.isEmpty }

    /// The watched values that `keyID` (a signatory key id, as
    /// `Ed25519PublicKey.keyID` spells it) matches: equal, ignoring case and
    /// dashes, or a prefix of at least 8 hex digits of it.
    public func keyMatches(_ keyID: String) -> [Match] {
        let id = Self.hexDigits(keyID)
        return folded.compactMap { watch in
            let digits = Self.hexDigits(watch.value)
            guard digits.count >= 8, digits.count == watch.value.filter({ $0 != "-" && $0 != " " }).count,
                  id.hasPrefix(digits) else { return nil }
            return Match(watch: watch.value, field: .keyID)
        }
    }

    /// The watched values that a signatory's name or jurisdiction matches.
    ///
    /// A name matches when the watched value, folded (case, accents, width)
    /// with its spaces collapsed, is a whole-word part of the name folded
    /// the same way: `paris` matches "Ville de Paris" and "PARÍS", not
    /// "Parisot". A jurisdiction matches when its ISO code equals the value,
    /// ignoring case.
    public func claims(of signatory: Signatory) -> [Match] {
        let name = " " + Self.fold(signatory.name) + " "
        let code = signatory.jurisdiction.code.uppercased()
        var matches: [Match] = []
        for watch in folded {
            if !watch.folded.isEmpty, name.contains(" " + watch.folded + " ") {
                matches.append(Match(watch: watch.value, field: .name))
            }
            if watch.value.trimmingCharacters(in: .whitespaces).uppercased() == code {
                matches.append(Match(watch: watch.value, field: .jurisdiction))
            }
        }
        return matches
    }

    /// Case, accents and width folded, every run of characters that are
    /// not letters or digits made one space: names compared as words.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var word = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }

    private static func hexDigits(_ text: String) -> String {
        String(text.lowercased().filter { $0.isHexDigit })
    }
}
