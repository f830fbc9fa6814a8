import CryptoPrimitives
import Foundation
import RegistryFormat

/// A witness that cosigned the checkpoint a list was made from, as the
/// verifier's policy named it.
package struct ExportWitness: Sendable, Hashable {
    /// Its name in the policy.
    package var witness: String
    /// The key name its cosignature carries.
    package var keyName: String
    /// The cosignature's time, RFC 3339 UTC.
    package var time: String
}

/// The facts an export states about where its list comes from: enough for a
/// reader to find the registry and prove the list against it.
package struct ExportMetadata: Sendable, Hashable {
    /// The registry's origin, the name in its checkpoints.
    package var origin: String
    /// The declaration's id, from its manifest.
    package var declarationID: String
    /// The declaration's version.
    package var declarationVersion: String
    /// The declaration's title in each language it has.
    package var declarationTitles: [Language: String]
    /// The digest of the declaration's texts that every signature covers.
    package var declarationDigest: SHA256Digest
    /// How many entries the checkpoint the list was made from covers.
    package var checkpointSize: UInt64
    /// That checkpoint's Merkle root.
    package var checkpointRoot: SHA256Digest
    /// The signed checkpoint note itself, for readers to save and pass to
    /// `declaration verify --checkpoint`; nil when not at hand.
    package var checkpointNote: String?
    /// When the export was made, in the registry's RFC 3339 UTC form.
    package var exportedAt: String
    /// The witnesses whose cosignatures a policy verified on the
    /// checkpoint; nil when the export was made without a policy, so
    /// nothing about witnesses was verified (and nothing is said).
    package var witnesses: [ExportWitness]? = nil
    /// The URL of the registry's published site, when known; nil otherwise.
    package var publishedURL: String? = nil

    /// Metadata given field by field.
    package init(origin: String, declarationID: String, declarationVersion: String,
                declarationTitles: [Language: String], declarationDigest: SHA256Digest,
                checkpointSize: UInt64, checkpointRoot: SHA256Digest, checkpointNote: String?, exportedAt: String) {
        self.origin = origin
        self.declarationID = declarationID
        self.declarationVersion = declarationVersion
        self.declarationTitles = declarationTitles
        self.declarationDigest = declarationDigest
        self.checkpointSize = checkpointSize
        self.checkpointRoot = checkpointRoot
        self.checkpointNote = checkpointNote
        self.exportedAt = exportedAt
    }

    /// The metadata of a verified registry, with the signed checkpoint note
    /// that the report's checkpoint was read from.
    package init(report: VerificationReport, checkpointNote: String?, exportedAt: Date) {
        self.init(origin: report.header.origin, declarationID: report.header.declarationID,
                  declarationVersion: report.header.declarationVersion,
                  declarationTitles: report.declaration.titles, declarationDigest: report.header.declarationDigest,
                  checkpointSize: report.checkpoint.size, checkpointRoot: report.checkpoint.rootHash,
                  checkpointNote: checkpointNote, exportedAt: Timestamp.string(from: exportedAt))
        witnesses = report.witnessing.map { witnessing in
            witnessing.cosigners.map { ExportWitness(witness: $0.witness.description, keyName: $0.cosignature.name, time: $0.time) }
        }
    }
}

/// The list of signatories as every format shows it: chosen, ordered and
/// worded in one language, so the four exporters only lay it out.
///
/// Order: governments first, then civil-society organisations; within a
/// kind, by name in the language's `Collation`, then by entry number.
package struct SignatoryListing: Sendable, Hashable {
    /// The version of the JSON export's schema; see docs/EXPORT.md.
    package static let jsonSchema = "declaration-registry/signatories/v1"

    /// The command that verifies a copy of the registry against a saved checkpoint.
    package static let directoryVerifyCommand = "declaration verify --registry DIR --checkpoint FILE"

    /// The command that verifies the list: from the published registry's
    /// URL when known, else on a copy DIR of the registry.
    package var verifyCommand: String { verifyArguments.joined(separator: " ") }

    /// `verifyCommand` as its shell words, each as typed (a URL quoted when
    /// it must be), so that a layout can keep each one whole.
    package var verifyArguments: [String] {
        guard let url = metadata.publishedURL else {
            return Self.directoryVerifyCommand.split(separator: " ").map(String.init)
        }
        return ["declaration", "verify", Self.shellWord(url), "--checkpoint", "FILE"]
    }

    /// The sentence that says how to use `verifyCommand`.
    package var verifyInstructions: String {
        text(metadata.publishedURL == nil ? .verifyInstructions : .verifyInstructionsPublished)
    }

    /// `word` as one shell word: as it is when made only of characters no
    /// shell reads specially, else in single quotes.
    static func shellWord(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ":/._-~%+,@=".unicodeScalars.contains(scalar))
        }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The list in one line: "18 signatories: 15 governments, 3
    /// civil-society organisations, as of 2 January 2026"; with one kind
    /// only, "3 civil-society organisations, as of …"; with none,
    /// "No signatories yet.".
    package var summary: String {
        guard !isEmpty else { return text(.noSignatories) }
        let day = Self.day(metadata.exportedAt, in: language)
        let parts = groups.map { CountedNoun.of($0.kind).counted($0.rows.count, in: language) }
        let asOf = ", " + text(.asOf) + " " + day
        guard groups.count > 1 else { return parts.joined() + asOf }
        let colon = language == .fr ? "\u{00A0}: " : ": "
        return CountedNoun.signatory.counted(rowCount, in: language) + colon + parts.joined(separator: ", ") + asOf
    }

    /// One signatory, with every value already in the listing's language.
    package struct Row: Sendable, Hashable {
        /// The ledger entry of the signature.
        package var sequence: Int64
        /// The government's or organisation's name, as signed.
        package var name: String
        /// Government or civil society.
        package var kind: SignatoryKind
        /// The kind's name in the listing's language.
        package var kindName: String
        /// The ISO 3166 code, such as "US-TX".
        package var jurisdiction: String
        /// The country's ISO 3166-1 alpha-2 code, such as "US".
        package var countryCode: String
        /// The country's name in the listing's language.
        package var countryName: String
        /// The jurisdiction's name in the listing's language
        /// (`JurisdictionName`): "France", "Jalisco, Mexique".
        package var jurisdictionName: String
        /// The person or office that signed.
        package var representative: String
        /// The representative's title.
        package var title: String
        /// The language of the text that was signed.
        package var language: Language
        /// That language's name in the listing's language.
        package var languageName: String
        /// When they signed, RFC 3339 UTC.
        package var signedAt: String
        /// The day they signed, in the listing's language.
        package var signedOn: String
        /// When the registry recorded the signature, RFC 3339 UTC.
        package var appendedAt: String
        /// The day it was recorded, in the listing's language.
        package var recordedOn: String
        /// The signing key's id.
        package var keyID: String
        /// The signing key.
        package var signingKey: Ed25519PublicKey
        /// The signing key, base64; made when asked for, since only the
        /// JSON export shows it.
        package var publicKey: String { Base64.encode(signingKey.rawRepresentation) }
        /// The signatory's website, if it gave one.
        package var website: String?
    }

    /// The signatories of one kind.
    package struct Group: Sendable, Hashable {
        /// Their kind.
        package var kind: SignatoryKind
        /// The group's title in the listing's language.
        package var title: String
        /// The signatories, in order.
        package var rows: [Row]
    }

    /// The language everything is worded in.
    package var language: Language
    /// The kind chosen, or nil for both.
    package var kind: SignatoryKind?
    /// Where the list comes from.
    package var metadata: ExportMetadata
    /// One group per kind shown, governments first; a group may be empty.
    package var groups: [Group]

    /// The listing of `signatories` in `language`, of `kind` only when given.
    package init(signatories: [ActiveSignatory], metadata: ExportMetadata, language: Language, kind: SignatoryKind?) {
        self.language = language
        self.kind = kind
        self.metadata = metadata
        let kinds = SignatoryKind.allCases.sorted().filter { kind == nil || $0 == kind }
        var wording = Wording(language: language)
        groups = kinds.map { groupKind in
            let members = signatories.indices.filter { signatories[$0].signatory.kind == groupKind }
            return Group(kind: groupKind, title: Self.groupTitle(groupKind).text(in: language),
                         rows: Self.ordered(members, of: signatories, wording: &wording))
        }
    }

    /// The signatories at `members` by name in the language's collation,
    /// then by entry number.
    private static func ordered(_ members: [Int], of signatories: [ActiveSignatory],
                                wording: inout Wording) -> [Row] {
        // One collation key per signatory, computed once and flattened into
        // one shared array of numbers; the sort moves positions and compares
        // those numbers in place, without copying a key or a signatory. The
        // keys are made on every core, a slice of the members each.
        let language = wording.language
        let keyed = Parallel.slices(of: members.count) { range in
            var flat: [UInt32] = []
            var bounds: [Range<Int>] = []
            for member in members[range] {
                let start = flat.count
                Collation.key(for: signatories[member].signatory.name, in: language).flatten(into: &flat)
                bounds.append(start..<flat.count)
            }
            return (flat: flat, bounds: bounds)
        }
        var flat: [UInt32] = []
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(members.count)
        for (sliceFlat, sliceBounds) in keyed {
            let offset = flat.count
            flat += sliceFlat
            bounds += sliceBounds.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
        }
        let sequences = members.map { signatories[$0].sequence }
        let order = flat.withUnsafeBufferPointer { flat in
            bounds.withUnsafeBufferPointer { bounds in
                sequences.withUnsafeBufferPointer { sequences in
                    bounds.indices.sorted { lhs, rhs in
                        // One pass over the two keys: the first difference
                        // decides, then the shorter key, then the entry.
                        let left = bounds[lhs], right = bounds[rhs]
                        let common = min(left.count, right.count)
                        var offset = 0
                        while offset < common {
                            let a = flat[left.lowerBound + offset], b = flat[right.lowerBound + offset]
                            if a != b { return a < b }
                            offset += 1
                        }
                        if left.count != right.count { return left.count < right.count }
                        return sequences[lhs] < sequences[rhs]
                    }
                }
            }
        }
        // The rows, on every core too: a slice of the order each, with its
        // own copy of the words rows share.
        let shared = wording
        return Parallel.slices(of: order.count) { range in
            var wording = shared
            return order[range].map { row(signatories[members[$0]], wording: &wording) }
        }.flatMap { $0 }
    }

    /// The listing of a verified registry's active signatories.
    package init(report: VerificationReport, checkpointNote: String?, options: ExportOptions) {
        var metadata = ExportMetadata(report: report, checkpointNote: checkpointNote, exportedAt: options.exportedAt)
        metadata.publishedURL = options.publishedURL
        self.init(signatories: report.roll.signatories, metadata: metadata, language: options.language, kind: options.kind)
    }

    /// Every row, governments first.
    package var rows: [Row] { groups.flatMap(\.rows) }

    /// How many rows there are, without copying them.
    package var rowCount: Int { groups.reduce(0) { $0 + $1.rows.count } }

    /// Whether no signatory is listed.
    package var isEmpty: Bool { groups.allSatisfy(\.rows.isEmpty) }

    /// The declaration's title in the listing's language (its id if the
    /// declaration lacks that language).
    package var declarationTitle: String {
        metadata.declarationTitles[language] ?? metadata.declarationTitles[.en] ?? metadata.declarationID
    }

    /// A fixed word or phrase in the listing's language.
    package func text(_ term: Vocabulary) -> String { term.text(in: language) }

    /// The export time as a day in the listing's language and the exact UTC time.
    package var exportedAtText: String {
        Self.day(metadata.exportedAt, in: language) + " (" + metadata.exportedAt + ")"
    }

    static func groupTitle(_ kind: SignatoryKind) -> Vocabulary {
        kind == .government ? .groupGovernments : .groupCivilSociety
    }

    static func kindName(_ kind: SignatoryKind) -> Vocabulary {
        kind == .government ? .kindGovernment : .kindCivilSociety
    }

    /// The day of an RFC 3339 time in `language`; the time itself if it
    /// does not parse, which a verified registry never holds.
    static func day(_ rfc3339: String, in language: Language) -> String {
        (try? LocalizedDate(rfc3339: rfc3339))?.formatted(in: language) ?? rfc3339
    }

    private static func row(_ active: ActiveSignatory, wording: inout Wording) -> Row {
        let signatory = active.signatory
        let language = wording.language
        return Row(
            sequence: active.sequence, name: signatory.name, kind: signatory.kind,
            kindName: kindName(signatory.kind).text(in: language),
            jurisdiction: signatory.jurisdiction.code, countryCode: signatory.jurisdiction.country.code,
            countryName: wording.countryName(signatory.jurisdiction.country),
            jurisdictionName: wording.jurisdictionName(signatory.jurisdiction),
            representative: signatory.representative, title: signatory.title,
            language: active.language, languageName: active.language.displayName(in: language),
            signedAt: active.signedAt, signedOn: wording.day(active.signedAt),
            appendedAt: active.appendedAt, recordedOn: wording.day(active.appendedAt),
            keyID: active.publicKey.keyID, signingKey: active.publicKey,
            website: signatory.website)
    }

    /// The words rows repeat, made once per listing: every row of the same
    /// country or day then shares one string.
    private struct Wording {
        let language: Language
        private var countries: [String: String] = [:]
        private var jurisdictions: [String: String] = [:]
        private var days: [Int: String] = [:]

        init(language: Language) {
            self.language = language
        }

        mutating func countryName(_ country: Country) -> String {
            if let name = countries[country.code] { return name }
            let name = country.name(in: language)
            countries[country.code] = name
            return name
        }

        mutating func jurisdictionName(_ jurisdiction: Jurisdiction) -> String {
            if let name = jurisdictions[jurisdiction.code] { return name }
            let name = JurisdictionName.name(of: jurisdiction, in: language)
            jurisdictions[jurisdiction.code] = name
            return name
        }

        /// What `SignatoryListing.day(_:in:)` gives.
        mutating func day(_ rfc3339: String) -> String {
            guard let date = try? LocalizedDate(rfc3339: rfc3339) else { return rfc3339 }
            let number = (date.year * 100 + date.month) * 100 + date.day
            if let text = days[number] { return text }
            let text = date.formatted(in: language)
            days[number] = text
            return text
        }
    }
}
