import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// What a dishonest registrar could do: append a line that was never checked
/// and sign a checkpoint over it with the real registrar key. Verification
/// must still refuse the line for what it holds.
public enum RegistryForgery {
    /// Appends an entry holding `statement` (any JSON) after the last line,
    /// correctly chained and timed, and signs a matching checkpoint with the
    /// unencrypted registrar key in `registrarKeyFile`. Returns the new
    /// line's number.
    @discardableResult
    public static func appendUnchecked(statement: JSONValue, registry: String, registrarKeyFile: String) throws -> Int {
        let layout = RegistryLayout(directory: registry)
        let headerBytes = Array(try Data(contentsOf: URL(fileURLWithPath: layout.header)))
        let header = try RegistryHeader(json: CanonicalJSON.parseCanonical(headerBytes.dropLast()))
        let ledger = Array(try Data(contentsOf: URL(fileURLWithPath: layout.ledger)))
        var lines = ledger.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
        let last = try lines.last.map { try Entry(json: CanonicalJSON.parseCanonical($0)) }
        let entry: JSONValue = .object([
            "sequence": .integer((last?.sequence ?? 0) + 1),
            "previous": .string((lines.last.map { SHA256.hash($0) } ?? header.hash).hex),
            "appended_at": .string(last?.appendedAt ?? "2016-12-09T10:00:00Z"),
            "statement": statement,
        ])
        lines.append(CanonicalJSON.encode(entry))
        var tree = MerkleTreeBuilder()
        for line in lines { tree.append(leafHash: MerkleTree.leafHash(line)) }
        let key = try KeyFile.readPrivateKey(at: registrarKeyFile, passphrase: nil)
        let checkpoint = try RegistryCheckpoint(origin: header.origin, size: tree.size, rootHash: tree.root,
                                                chainHead: SHA256.hash(lines[lines.count - 1]))
        try Data(lines.flatMap { $0 + [0x0A] }).write(to: URL(fileURLWithPath: layout.ledger))
        try Data(try checkpoint.signedNote(with: key)).write(to: URL(fileURLWithPath: layout.checkpoint))
        return lines.count
    }
}
