import CryptoPrimitives
import RegistryFormat

/// The plain-text history that `list --all` prints.
public enum SignatoryList {
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
