import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat

/// How `verify` reports its result, to people and to programs.
public enum VerificationSummary {
    /// A short summary for people, the verdict and its details in `language`.
    public static func text(_ report: VerificationReport, language: Language = .en) -> String {
        var lines = [Message.verifiedLocal.text(in: language, ["origin": report.header.origin])] + details(report, language: language)
        if let saved = report.savedCheckpoint {
            lines.append("  " + Message.verdictSavedConsistent.text(in: language, ["size": String(saved.size)]))
            if let proof = report.consistencyProof, saved.size < report.checkpoint.size {
                lines.append("                RFC 9162 consistency proof \(saved.size) → \(report.checkpoint.size), \(proof.count) hashes, verified against both signed roots")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The summary of a verification from a URL: what was verified, how
    /// the registrar's key is trusted, what was fetched.
    /// The verdict and its details are in `language`; how the key is
    /// trusted and what was fetched, for the auditor, stay in English.
    public static func text(_ remote: RemoteVerificationReport, language: Language = .en) -> String {
        let report = remote.verification
        var lines = [Message.verifiedRemote.text(in: language, ["origin": report.header.origin, "url": remote.url])]
            + details(report, language: language)
        switch remote.trust {
        case .firstUse:
            lines.append("  Trust:        first use: the key the header names is trusted from now on; pin it with --log-key \(remote.logKey)")
        case .pinned:
            lines.append("  Trust:        first use, the key pinned by --log-key")
        case .unchanged:
            lines.append("  Trust:        the checkpoint verified last time; nothing new")
        case .newSignatures:
            lines.append("  Trust:        the tree verified last time, with other signatures (cosignatures); the state keeps this note")
        case .updated(let fromSize, let proof):
            lines.append("  Trust:        grew from \(fromSize) entries: RFC 9162 consistency proof \(fromSize) → \(report.checkpoint.size) from the tiles, \(proof.count) hashes, verified against both signed roots")
        }
        if let checked = remote.checkedCheckpoint {
            lines.append("  Checkpoint given, of size \(checked.checkpoint.size), is consistent: \(checked.proof.count)-hash consistency proof verified")
        }
        lines.append("  State:        \(remote.mirror.directory)")
        lines.append("  Fetched:      \(remote.fetched.requests) requests, \(remote.fetched.bytes) bytes")
        return lines.joined(separator: "\n")
    }

    /// The lines under the first: declaration, entries, checkpoint,
    /// registrar, with labels in `language` lined up after the longest.
    private static func details(_ report: VerificationReport, language: Language) -> [String] {
        let header = report.header
        let title = report.declaration.titles[language] ?? report.declaration.titles[.en] ?? header.declarationID
        let governments = CountedNoun.government.counted(report.activeCount(of: .government), in: language)
        let organisations = CountedNoun.civilSocietyOrganisation.counted(report.activeCount(of: .civilSociety), in: language)
        let rows: [(Message?, String)] = [
            (.verdictDeclaration, Message.verdictDeclarationValue.text(in: language, ["title": title, "version": header.declarationVersion])),
            (nil, Message.verdictDigest.text(in: language, ["digest": header.declarationDigest.hex])),
            (.verdictEntries, String(report.entryCount)),
            (.verdictActive, Message.verdictActiveValue.text(in: language, ["governments": governments, "organisations": organisations])),
            (.verdictCheckpoint, Message.verdictCheckpointValue.text(in: language, [
                "size": String(report.checkpoint.size), "root": report.checkpoint.rootHash.base64])),
            (.verdictRegistrar, Message.verdictRegistrarValue.text(in: language, ["keyID": header.registrarKey.keyID])),
            (nil, Message.verdictCheckpointKey.text(in: language, ["key": header.checkpointVerifierKeyText])),
        ]
        // English keeps the layout programs and people know: labels padded to 14 columns.
        let width = max(13, rows.compactMap { $0.0.map { DisplayWidth.of($0.text(in: language)) + 1 } }.max() ?? 0)
        return rows.map { label, value in
            let head = label.map { $0.text(in: language) + (language == .fr ? " :" : ":") } ?? ""
            return "  " + DisplayWidth.padded(head, to: width + (language == .fr ? 1 : 0)) + " " + value
        } + (report.witnessing.map(WitnessSummary.lines) ?? [])
    }

    /// One canonical JSON object for programs: `verified: true` and the figures.
    public static func json(_ report: VerificationReport) -> String {
        String(decoding: CanonicalJSON.encode(.object(jsonObject(report))), as: UTF8.self)
    }

    private static func jsonObject(_ report: VerificationReport) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "verified": .bool(true),
            "origin": .string(report.header.origin),
            "declaration": .object([
                "id": .string(report.header.declarationID),
                "version": .string(report.header.declarationVersion),
                "digest": .string(report.header.declarationDigest.hex),
            ]),
            "entries": .integer(report.entryCount),
            "active": .object([
                "government": .integer(Int64(report.activeCount(of: .government))),
                "civil-society": .integer(Int64(report.activeCount(of: .civilSociety))),
            ]),
            "checkpoint": .object([
                "size": .integer(Int64(report.checkpoint.size)),
                "root": .string(report.checkpoint.rootHash.base64),
            ]),
            "registrar_key_id": .string(report.header.registrarKey.keyID),
            // What `verify-proof --log-key` takes.
            "checkpoint_key": .string(report.header.checkpointVerifierKeyText),
        ]
        if let witnessing = report.witnessing {
            object["witnesses"] = WitnessSummary.json(witnessing)
        }
        if let saved = report.savedCheckpoint {
            object["saved_checkpoint"] = .object([
                "size": .integer(Int64(saved.size)),
                "root": .string(saved.rootHash.base64),
            ])
            if let proof = report.consistencyProof {
                object["consistency_proof"] = .array(proof.map { .string($0.base64) })
            }
        }
        return object
    }

    /// The JSON of a verification from a URL: the local one's, with the
    /// URL, the trust, the trust state's folder and what was fetched.
    public static func json(_ remote: RemoteVerificationReport) -> String {
        var object = jsonObject(remote.verification)
        // The trusted checkpoint is the state's, not one the user gave.
        object["saved_checkpoint"] = nil
        object["consistency_proof"] = nil
        object["url"] = .string(remote.url)
        var trust: [String: JSONValue] = ["state_directory": .string(remote.mirror.directory)]
        switch remote.trust {
        case .firstUse: trust["kind"] = .string("first-use")
        case .pinned: trust["kind"] = .string("pinned")
        case .unchanged: trust["kind"] = .string("unchanged")
        case .newSignatures: trust["kind"] = .string("new-signatures")
        case .updated(let fromSize, let proof):
            trust["kind"] = .string("updated")
            trust["previous_size"] = .integer(Int64(fromSize))
            trust["consistency_proof"] = .array(proof.map { .string($0.base64) })
        }
        object["trust"] = .object(trust)
        if let checked = remote.checkedCheckpoint {
            object["checked_checkpoint"] = .object([
                "size": .integer(Int64(checked.checkpoint.size)),
                "root": .string(checked.checkpoint.rootHash.base64),
                "consistency_proof": .array(checked.proof.map { .string($0.base64) }),
            ])
        }
        object["fetched"] = .object([
            "requests": .integer(Int64(remote.fetched.requests)),
            "bytes": .integer(Int64(remote.fetched.bytes)),
        ])
        return String(decoding: CanonicalJSON.encode(.object(object)), as: UTF8.self)
    }

    /// Evidence of a split view as JSON: `verified: false`, the summary,
    /// both checkpoints and the file they were saved to.
    public static func json(_ evidence: SplitViewEvidence) -> String {
        var details: [String: JSONValue] = [
            "kind": .string("split-view"),
            "file": .string(evidence.url),
            "message": .string(evidence.summary),
            "earlier_checkpoint": .string(String(decoding: evidence.earlier, as: UTF8.self)),
            "served_checkpoint": .string(String(decoding: evidence.served, as: UTF8.self)),
        ]
        if let file = evidence.file { details["evidence_file"] = .string(file) }
        return String(decoding: CanonicalJSON.encode(.object(["verified": .bool(false), "failure": .object(details)])), as: UTF8.self)
    }

    /// The failure as one canonical JSON object: `verified: false` and where.
    public static func json(_ failure: VerificationFailure) -> String {
        var details: [String: JSONValue] = [
            "file": .string(failure.file),
            "message": .string(failure.message),
            "kind": .string(failure.severity == .interrupted ? "interrupted" : "invalid"),
        ]
        if let line = failure.line, line > 0 { details["line"] = .integer(Int64(line)) }
        if let sequence = failure.sequence, sequence > 0 { details["sequence"] = .integer(sequence) }
        if let field = failure.field { details["field"] = .string(field) }
        if let expected = failure.expected { details["expected"] = .string(expected) }
        if let found = failure.found { details["found"] = .string(found) }
        return String(decoding: CanonicalJSON.encode(.object(["verified": .bool(false), "failure": .object(details)])), as: UTF8.self)
    }
}
