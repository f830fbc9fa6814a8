import DeclarationRegistry
import RegistryFormat

/// Sentences the commands print about what they did.
enum Report {
    /// "signature of Paris (FR), government, in fr" and the like.
    static func describe(_ statement: Statement) -> String {
        switch statement.content {
        case .signature(let language, let signatory):
            return "signature of \(signatory.name) (\(signatory.jurisdiction.code)), \(signatory.kind.rawValue), read in \(language.rawValue), key id \(statement.publicKey.keyID)"
        case .withdrawal(let reason):
            return "withdrawal by key id \(statement.publicKey.keyID)" + (reason.map { " (reason: \($0))" } ?? "")
        }
    }

    /// Tells the user what an automatic repair removed.
    static func repaired(_ result: Registry.RepairResult?) {
        guard let result else { return }
        var parts: [String] = []
        if result.removedEntries > 0 { parts.append("\(result.removedEntries) entries beyond the checkpoint") }
        if result.removedTornBytes > 0 { parts.append("an incomplete last line of \(result.removedTornBytes) bytes") }
        Terminal.standardError("note: removed what an interrupted append left (\(parts.joined(separator: " and "))); "
                               + "they were never reported recorded. Backup: \(result.backupPath)")
    }
}
