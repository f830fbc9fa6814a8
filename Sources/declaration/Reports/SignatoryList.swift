import CryptoPrimitives
import RegistryFormat

/// The plain-text list of signatories that `list` and `demo` print.
public enum SignatoryList {
    /// One line per active signatory, governments first, then by name:
    /// entry, kind, name, jurisdiction, title and representative, key id.
    public static func lines(_ signatories: [ActiveSignatory], kind: SignatoryKind?) -> [String] {
        let chosen = signatories
            .filter { kind == nil || $0.signatory.kind == kind }
            .sorted { ($0.signatory.kind, $0.signatory.name, $0.sequence) < ($1.signatory.kind, $1.signatory.name, $1.sequence) }
        guard !chosen.isEmpty else { return ["(no active signatories)"] }
        return chosen.map { active in
            let signatory = active.signatory
            return [
                String(active.sequence).leftPadded(to: 5, with: " "),
                signatory.kind.rawValue.padding(13),
                "\(signatory.name) (\(signatory.jurisdiction.code))".padding(34),
                "\(signatory.title), \(signatory.representative)",
                "[\(active.publicKey.keyID)]",
            ].joined(separator: "  ")
        }
    }

    /// One line per entry, in ledger order: signatures and withdrawals.
    public static func historyLines(_ entries: [Entry], kind: SignatoryKind?) -> [String] {
        var signers: [Ed25519PublicKey: Signatory] = [:]
        var lines: [String] = []
        for entry in entries {
            let statement = entry.statement
            let date = String(entry.appendedAt.prefix(10))
            let sequence = String(entry.sequence).leftPadded(to: 5, with: " ")
            switch statement.content {
            case .signature(let language, let signatory):
                signers[statement.publicKey] = signatory
                guard kind == nil || signatory.kind == kind else { continue }
                lines.append([
                    sequence, date, "signed".padding(9), signatory.kind.rawValue.padding(13),
                    "\(signatory.name) (\(signatory.jurisdiction.code))", "in \(language.rawValue)",
                    "[\(statement.publicKey.keyID)]",
                ].joined(separator: "  "))
            case .withdrawal(let reason):
                let signatory = signers[statement.publicKey]
                guard kind == nil || signatory?.kind == kind else { continue }
                var line = [
                    sequence, date, "withdrew".padding(9), (signatory?.kind.rawValue ?? "").padding(13),
                    signatory.map { "\($0.name) (\($0.jurisdiction.code))" } ?? "?",
                    "[\(statement.publicKey.keyID)]",
                ].joined(separator: "  ")
                if let reason { line += "  reason: \(reason)" }
                lines.append(line)
            }
        }
        return lines.isEmpty ? ["(no entries)"] : lines
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
