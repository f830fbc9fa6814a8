import CryptoPrimitives
import Foundation

/// Which of the two kinds of signatory the declaration invites.
public enum SignatoryKind: String, CaseIterable, Sendable, Hashable, Comparable {
    /// A subnational government: city, county, region, state, devolved nation…
    case government
    /// A civil-society organisation: NGO, community group, academia…
    case civilSociety = "civil-society"

    public static func < (lhs: SignatoryKind, rhs: SignatoryKind) -> Bool {
        // Governments are listed before civil-society organisations.
        lhs == .government && rhs == .civilSociety
    }
}

/// Who signs: the public facts about a government or organisation.
///
/// Nothing private (e-mail, phone) belongs here: the ledger is public and
/// can never be edited.
public struct Signatory: Sendable, Hashable {
    /// Government or civil-society organisation.
    public var kind: SignatoryKind
    /// The government's or organisation's name, such as "Paris".
    public var name: String
    /// Where it is: an ISO 3166-1 country or ISO 3166-2 subdivision code.
    public var jurisdiction: Jurisdiction
    /// The person or office that signs on its behalf.
    public var representative: String
    /// The representative's title, such as "Mayor".
    public var title: String
    /// An optional public website (http or https).
    public var website: String?

    /// Creates a signatory from already-validated fields.
    public init(
        kind: SignatoryKind,
        name: String,
        jurisdiction: Jurisdiction,
        representative: String,
        title: String,
        website: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.jurisdiction = jurisdiction
        self.representative = representative
        self.title = title
        self.website = website
    }

    /// What makes two active signatories the same organisation: kind, name
    /// (compared without regard to case) and jurisdiction.
    public var identity: SignatoryIdentity {
        SignatoryIdentity(kind: kind, foldedName: SignatoryIdentity.fold(name), jurisdiction: jurisdiction.code)
    }
}

/// The key under which the registry refuses two active signatories that are
/// the same organisation.
public struct SignatoryIdentity: Sendable, Hashable {
    let kind: SignatoryKind
    let foldedName: String
    let jurisdiction: String

    /// The name as the duplicate rule compares it (docs/FORMAT.md 9): the
    /// canonical caseless form of Unicode's D145, NFD, then full case
    /// folding (CaseFolding.txt, statuses C and F, from the pinned
    /// `UnicodeTables`), then NFC, so that "Straße", "STRASSE" and
    /// "strasse", "ΣΑΣ" and "σας", or "Ταΰγετος" and "ΤΑΫ́ΓΕΤΟΣ" fold alike
    /// and canonically equivalent spellings give the same bytes.
    static func fold(_ name: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            UnicodeTables.appendCaseFolding(of: scalar, to: &folded)
        }
        return String(folded).precomposedStringWithCanonicalMapping
    }

    /// A fixed-size digest of the identity, for the on-disk index.
    package var digest: SHA256Digest {
        SHA256.hash(Array("\(kind.rawValue)\n\(foldedName)\n\(jurisdiction)".utf8))
    }

    /// The digest of the identity of `signatory`: the same as
    /// `signatory.identity.digest`, made without the Unicode case mappings
    /// when every character of the name is below U+0300 (ASCII, Latin-1,
    /// Latin Extended-A and B, IPA, spacing modifiers), as in most names in
    /// Latin scripts. Case folding never depends on a character's
    /// neighbours, and none of these characters combines with the one
    /// before (combining marks start at U+0300), so folding the name is
    /// folding each character, and `foldedBelowU0300` holds each one's fold
    /// as `fold` gives it.
    package static func digest(of signatory: Signatory) -> SHA256Digest {
        var name = signatory.name
        var code = signatory.jurisdiction.code
        let digest = name.withUTF8 { name in
            code.withUTF8 { code in
                Self.digest(kind: signatory.kind, name: UnsafeRawBufferPointer(name), jurisdiction: UnsafeRawBufferPointer(code))
            }
        }
        return digest ?? signatory.identity.digest
    }

    /// The digest of the identity with this kind, name and jurisdiction
    /// (UTF-8), folding the name from `foldedBelowU0300`; nil when the name
    /// has a character from U+0300 on (fold it as a `String` then) or is not
    /// valid UTF-8.
    static func digest(kind: SignatoryKind, name: UnsafeRawBufferPointer, jurisdiction: UnsafeRawBufferPointer) -> SHA256Digest? {
        let kindBytes = kind.rawValue.utf8
        var text: [UInt8] = []
        text.reserveCapacity(kindBytes.count + name.count + jurisdiction.count + 8)
        text += kindBytes
        text.append(0x0A)
        let folded = foldedBelowU0300
        var index = 0
        while index < name.count {
            let lead = name[index]
            if lead < 0x80 {
                // ASCII folds to its lowercase.
                text.append(lead >= UInt8(ascii: "A") && lead <= UInt8(ascii: "Z") ? lead + 32 : lead)
                index += 1
                continue
            }
            // A lead byte from 0xC2 to 0xCB and a continuation byte make a
            // character from U+0080 to U+02FF.
            guard (0xC2...0xCB).contains(lead), index + 1 < name.count, name[index + 1] & 0xC0 == 0x80 else {
                return nil
            }
            text += folded[(Int(lead) & 0x1F) << 6 | (Int(name[index + 1]) & 0x3F)]
            index += 2
        }
        text.append(0x0A)
        text += jurisdiction
        return SHA256.hash(text)
    }

    /// The UTF-8 of `fold` applied to each character from U+0000 to U+02FF.
    private static let foldedBelowU0300: [[UInt8]] = (0..<0x300).map { value in
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return Array(fold(String(Character(scalar))).utf8)
    }
}
