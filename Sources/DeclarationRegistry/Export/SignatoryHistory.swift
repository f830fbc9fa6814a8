import CryptoPrimitives
import Foundation
import RegistryFormat

/// The whole history of a registry as `declaration list --all` prints it:
/// every signature and withdrawal in ledger order, worded in one language.
/// On a terminal, columns that fit the width (`TextColumns`, long values
/// cut with "…", so an entry is always one line); otherwise plain lines,
/// one per entry, fields separated by tabs, nothing cut.
package struct SignatoryHistory: Sendable, Hashable {
    /// One entry, with every value already in the history's language.
    package struct Row: Sendable, Hashable {
        /// The ledger entry.
        package var sequence: Int64
        /// When the registry recorded it, RFC 3339 UTC.
        package var appendedAt: String
        /// That day in the history's language ("9 décembre 2016").
        package var recordedOn: String
        /// A signature or a withdrawal, named as `monitor` names it.
        package var event: RegistryEvent.Action
        /// The signatory's kind; nil for a withdrawal whose signature the
        /// history does not hold, which a verified registry never has.
        package var kind: SignatoryKind?
        /// The signatory's name, as signed (for a withdrawal, as its key
        /// last signed); empty when not known.
        package var name: String
        /// The ISO 3166 code, such as "MX-JAL"; empty when not known.
        package var jurisdiction: String
        /// The jurisdiction's name in the history's language
        /// (`JurisdictionName`); empty when not known.
        package var jurisdictionName: String
        /// The signing key's id.
        package var keyID: String
        /// Why the signatory withdrew, as it wrote; empty for a signature
        /// or a withdrawal without a reason.
        package var reason: String
    }

    /// The language everything is worded in.
    package var language: Language
    /// The entries shown, in ledger order.
    package var rows: [Row]

    /// The history of `entries` (in ledger order) in `language`, only the
    /// entries of signatories of `kind` when given: a withdrawal is of the
    /// kind its key's signature was.
    package init(_ entries: [Entry], kind: SignatoryKind?, language: Language) {
        self.language = language
        var signers: [Ed25519PublicKey: Signatory] = [:]
        var jurisdictionNames: [String: String] = [:]
        var days: [String: String] = [:]
        func jurisdictionName(_ jurisdiction: Jurisdiction) -> String {
            if let name = jurisdictionNames[jurisdiction.code] { return name }
            let name = JurisdictionName.name(of: jurisdiction, in: language)
            jurisdictionNames[jurisdiction.code] = name
            return name
        }
        func day(_ rfc3339: String) -> String {
            let key = String(rfc3339.prefix(10))
            if let text = days[key] { return text }
            let text = SignatoryListing.day(rfc3339, in: language)
            days[key] = text
            return text
        }
        var rows: [Row] = []
        for entry in entries {
            let statement = entry.statement
            let event: RegistryEvent.Action
            let signatory: Signatory?
            var reason = ""
            switch statement.content {
            case .signature(_, let signed):
                signers[statement.publicKey] = signed
                event = .signed
                signatory = signed
            case .withdrawal(let given):
                event = .withdrew
                signatory = signers[statement.publicKey]
                reason = given ?? ""
            }
            guard kind == nil || signatory?.kind == kind else { continue }
            rows.append(Row(
                sequence: entry.sequence, appendedAt: entry.appendedAt, recordedOn: day(entry.appendedAt),
                event: event, kind: signatory?.kind, name: signatory?.name ?? "",
                jurisdiction: signatory?.jurisdiction.code ?? "",
                jurisdictionName: signatory.map { jurisdictionName($0.jurisdiction) } ?? "",
                keyID: statement.publicKey.keyID, reason: reason))
        }
        self.rows = rows
    }

    /// A fixed word or phrase in the history's language.
    package func text(_ term: Vocabulary) -> String { term.text(in: language) }

    /// The event's name in the history's language.
    package func text(_ event: RegistryEvent.Action) -> String {
        switch event {
        case .signed: return text(.eventSignature)
        case .withdrew: return text(.eventWithdrawal)
        }
    }

    /// The columns: entry, recorded on, event, name, jurisdiction, key id
    /// and reason (only when an entry gives one). On a narrow terminal the
    /// key id goes first, then the reason, the jurisdiction, the day and
    /// the event, until the names have at least ten cells.
    private static func columns(withReason: Bool) -> TextColumns {
        var columns: [TextColumns.Column] = [
            .init(isFlexible: false, isAlignedRight: true), .init(isFlexible: false), .init(isFlexible: false),
            .init(isFlexible: true), .init(isFlexible: true), .init(isFlexible: false),
        ]
        if withReason { columns.append(.init(isFlexible: true)) }
        return TextColumns(columns: columns, dropOrder: withReason ? [5, 6, 4, 1, 2] : [5, 4, 1, 2])
    }

    /// The history in columns at most `width` cells wide (at least 20 are
    /// assumed): a header line, then one line per entry; or the sentence
    /// that there is none.
    package func lines(width requested: Int) -> [String] {
        let width = max(requested, TextColumns.minimumWidth)
        guard !rows.isEmpty else { return DisplayWidth.wrapped(text(.noEntries), to: width) }
        let withReason = rows.contains { !$0.reason.isEmpty }
        var header = [text(.columnEntry), text(.columnRecordedOn), text(.columnEvent), text(.columnName),
                      text(.columnJurisdiction), text(.columnKeyID)]
        if withReason { header.append(text(.columnReason)) }
        let cells = rows.map { row in
            var cells = [String(row.sequence), row.recordedOn, text(row.event), row.name.isEmpty ? "?" : row.name,
                         row.jurisdictionName, row.keyID]
            if withReason { cells.append(row.reason) }
            return cells
        }
        return Self.columns(withReason: withReason).lines(header: header, rows: cells, width: width)
    }

    /// One line per entry, for programs: entry, recording time (RFC 3339
    /// UTC), event (`signed` or `withdrew`, as `monitor --format json`
    /// says), kind (`government` or
    /// `civil-society`), name, jurisdiction code, jurisdiction name, key id
    /// and reason, separated by tabs (a tab in a value becomes a space).
    /// Nothing else, so no entry is no line.
    package func plainLines() -> [String] {
        rows.map { row in
            [String(row.sequence), row.appendedAt, row.event.rawValue, row.kind?.rawValue ?? "", row.name,
             row.jurisdiction, row.jurisdictionName, row.keyID, row.reason]
                .map { $0.replacingOccurrences(of: "\t", with: " ") }
                .joined(separator: "\t")
        }
    }
}
