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

    /// Folds case the way Unicode's full case folding does for names:
    /// lowercase, uppercase, then lowercase again, with the default
    /// (locale-free) mappings, so that "Straße", "STRASSE" and "strasse",
    /// or "ΣΑΣ" and "σας", fold alike.
    static func fold(_ name: String) -> String {
        name.lowercased().uppercased().lowercased()
    }

    /// A fixed-size digest of the identity, for the on-disk index.
    var digest: SHA256Digest {
        SHA256.hash(Array("\(kind.rawValue)\n\(foldedName)\n\(jurisdiction)".utf8))
    }
}
