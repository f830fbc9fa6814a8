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

    /// Prints the entries an append recorded and the new checkpoint; if
    /// that cannot be written, the error still says they are recorded.
    static func recorded(_ result: Registry.AppendResult) throws(CommandError) {
        try Terminal.reporting(recordedEntries(result.entries.map(\.sequence))) { () throws(CommandError) in
            for entry in result.entries {
                try Terminal.print("Recorded entry \(entry.sequence): \(describe(entry.statement))")
            }
            try Terminal.print("Checkpoint: size \(result.checkpoint.size), root \(result.checkpoint.rootHash.base64)")
        }
    }

    /// "entry 5 is recorded", "entries 5 to 7 are recorded".
    static func recordedEntries(_ sequences: [Int64]) -> String {
        guard let first = sequences.first, let last = sequences.last else { return "nothing was recorded" }
        return first == last ? "entry \(first) is recorded" : "entries \(first) to \(last) are recorded"
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
