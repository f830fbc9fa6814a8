import CryptoPrimitives
import DeclarationRegistry
import RegistryFormat

/// How `verify` reports its result, to people and to programs.
public enum VerificationSummary {
    /// A short summary for people.
    public static func text(_ report: VerificationReport) -> String {
        let header = report.header
        let title = report.declaration.titles[.en] ?? header.declarationID
        var lines = [
            "Registry \(header.origin): verified.",
            "  Declaration:  \(title), version \(header.declarationVersion)",
            "                digest \(header.declarationDigest.hex)",
            "  Entries:      \(report.entryCount)",
            "  Active:       \(report.activeCount(of: .government)) governments, \(report.activeCount(of: .civilSociety)) civil-society organisations",
            "  Checkpoint:   size \(report.checkpoint.size), root \(report.checkpoint.rootHash.base64)",
            "  Registrar:    key id \(header.registrarKey.keyID)",
            "                checkpoint key \(header.checkpointVerifierKeyText)",
        ]
        if let saved = report.savedCheckpoint {
            lines.append("  Saved checkpoint of size \(saved.size) is consistent: the ledger still holds exactly those entries.")
            if let proof = report.consistencyProof, saved.size < report.checkpoint.size {
                lines.append("                RFC 9162 consistency proof \(saved.size) → \(report.checkpoint.size), \(proof.count) hashes, verified against both signed roots")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One canonical JSON object for programs: `verified: true` and the figures.
    public static func json(_ report: VerificationReport) -> String {
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
            "checkpoint_key": .string(report.header.checkpointVerifierKeyText),
        ]
        if let saved = report.savedCheckpoint {
            object["saved_checkpoint"] = .object([
                "size": .integer(Int64(saved.size)),
                "root": .string(saved.rootHash.base64),
            ])
            if let proof = report.consistencyProof {
                object["consistency_proof"] = .array(proof.map { .string($0.base64) })
            }
        }
        return String(decoding: CanonicalJSON.encode(.object(object)), as: UTF8.self)
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
