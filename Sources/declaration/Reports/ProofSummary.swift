import CryptoPrimitives
import DeclarationRegistry
import RegistryFormat
import TransparencyLog

/// How `proof` and `verify-proof` report, to people and to programs.
enum ProofSummary {
    /// The line `proof --out` prints once the file is written.
    static func madeLine(_ made: EntryProof, file: String) -> String {
        let statement = made.entry.statement
        let what: String
        switch statement.content {
        case .signature(_, let signatory):
            what = "the signature of \(signatory.name) (\(signatory.kind.rawValue), \(signatory.jurisdiction.code))"
        case .withdrawal:
            what = "a withdrawal: the signatory with key id \(statement.publicKey.keyID) withdrew its signature"
        }
        return "Proof of entry \(made.entry.sequence), \(what), in registry \(made.checkpoint.checkpoint.origin), "
            + "under its checkpoint of \(made.checkpoint.size) entries, written to \(file)."
    }

    /// Who signed what, for people.
    static func text(_ report: ProofReport) -> String {
        let entry = report.entry
        let statement = entry.statement
        var lines = [
            "Proof verified: entry \(entry.sequence) of registry \(report.registry), "
                + "under the registrar's checkpoint of \(report.checkpoint.size) entries.",
        ]
        switch statement.content {
        case .signature(let language, let signatory):
            lines += [
                "  Statement:    a signature of the declaration, read in \(language.displayName(in: .en)) (\(language.code))",
                "  Signatory:    \(signatory.name) (\(signatory.kind.rawValue), \(signatory.jurisdiction.code))",
                "  Signed by:    \(signatory.representative), \(signatory.title)",
            ]
            if let website = signatory.website { lines.append("  Website:      \(website)") }
        case .withdrawal(let reason):
            lines.append("  Statement:    a withdrawal: the signatory with this key withdrew its signature")
            if let reason { lines.append("  Reason:       \(reason)") }
        }
        lines += [
            "  Signed at:    \(statement.signedAt) (the signatory's clock); recorded at \(entry.appendedAt)",
            "  Key:          key id \(statement.publicKey.keyID)",
        ]
        if let known = report.knownDeclaration {
            lines.append("  Declaration:  \(known.titles[.en] ?? known.id), version \(known.version)")
            lines.append("                digest \(statement.declarationDigest.hex)")
        } else {
            lines.append("  Declaration:  digest \(statement.declarationDigest.hex)")
        }
        lines += [
            "  Checkpoint:   size \(report.checkpoint.size), root \(report.checkpoint.rootHash.base64)",
            "                signed by \(report.logKey.string)",
            "  Other signatures (not checked): "
                + (report.otherSignatures.isEmpty ? "none" : report.otherSignatures.map(\.signer).joined(separator: ", ")),
        ]
        lines += report.witnessing.map(WitnessSummary.lines) ?? []
        switch statement.content {
        case .signature:
            lines.append("The proof shows that this signature was recorded; a later entry may withdraw it.")
        case .withdrawal:
            lines.append("A withdrawal names only the signatory's key: the proof of the signature it withdraws names the signatory.")
        }
        return lines.joined(separator: "\n")
    }

    /// One canonical JSON object for programs: `verified: true` and the entry.
    static func json(_ report: ProofReport) -> String {
        let entry = report.entry
        let statement = entry.statement
        var proved: [String: JSONValue] = [
            "sequence": .integer(entry.sequence),
            "index": .integer(Int64(clamping: report.index)),
            "type": .string(statement.type),
            "signed_at": .string(statement.signedAt),
            "appended_at": .string(entry.appendedAt),
            "public_key": .string(Base64.encode(statement.publicKey.rawRepresentation)),
            "key_id": .string(statement.publicKey.keyID),
            "declaration": .string(statement.declarationDigest.hex),
        ]
        switch statement.content {
        case .signature(let language, let signatory):
            proved["language"] = .string(language.code)
            var fields: [String: JSONValue] = [
                "name": .string(signatory.name),
                "kind": .string(signatory.kind.rawValue),
                "jurisdiction": .string(signatory.jurisdiction.code),
                "representative": .string(signatory.representative),
                "title": .string(signatory.title),
            ]
            if let website = signatory.website { fields["website"] = .string(website) }
            proved["signatory"] = .object(fields)
        case .withdrawal(let reason):
            if let reason { proved["reason"] = .string(reason) }
        }
        var object: [String: JSONValue] = [
            "verified": .bool(true),
            "registry": .string(report.registry),
            "entry": .object(proved),
            "entry_source": .string(report.entrySource.rawValue),
            "checkpoint": .object([
                "size": .integer(Int64(clamping: report.checkpoint.size)),
                "root": .string(report.checkpoint.rootHash.base64),
                "log_key": .string(report.logKey.string),
            ]),
            "other_signatures": .array(report.otherSignatures.map { .string($0.signer) }),
        ]
        if let witnessing = report.witnessing {
            object["witnesses"] = WitnessSummary.json(witnessing)
        }
        if let known = report.knownDeclaration {
            object["known_declaration"] = .object(["id": .string(known.id), "version": .string(known.version)])
        }
        return String(decoding: CanonicalJSON.encode(.object(object)), as: UTF8.self)
    }

    /// The failed check as one canonical JSON object: `verified: false`.
    static func json(check: ProofCheck, message: String) -> String {
        String(decoding: CanonicalJSON.encode(.object([
            "verified": .bool(false),
            "failure": .object(["check": .string(check.rawValue), "message": .string(message)]),
        ])), as: UTF8.self)
    }
}
