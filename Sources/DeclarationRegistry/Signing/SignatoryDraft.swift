import RegistryFormat

/// A signatory's details as far as they are known: those given as options,
/// as typed, before any is checked.
package struct SignatoryDraft: Sendable, Equatable {
    /// The kind, already parsed by the command line.
    package var kind: SignatoryKind?
    /// The name.
    package var name: String?
    /// The jurisdiction's code, as typed.
    package var jurisdiction: String?
    /// The representative.
    package var representative: String?
    /// The representative's title.
    package var title: String?
    /// The website, optional in the statement.
    package var website: String?

    /// Creates a draft.
    package init(kind: SignatoryKind? = nil, name: String? = nil, jurisdiction: String? = nil,
                 representative: String? = nil, title: String? = nil, website: String? = nil) {
        self.kind = kind
        self.name = name
        self.jurisdiction = jurisdiction
        self.representative = representative
        self.title = title
        self.website = website
    }

    /// The options of the required details not given, such as `--name`.
    package var missingOptions: [String] {
        var missing: [String] = []
        if kind == nil { missing.append("--kind") }
        if name == nil { missing.append("--name") }
        if jurisdiction == nil { missing.append("--jurisdiction") }
        if representative == nil { missing.append("--representative") }
        if title == nil { missing.append("--title") }
        return missing
    }
}
