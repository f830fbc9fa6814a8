import CryptoPrimitives
import TransparencyLog

/// The Merkle tree's frontier, and the ledger's length, at the sizes the
/// witnesses hold: what lets the registrar prove consistency from such a
/// size reading only the entries after it
/// (`MerkleTreeBuilder.State.consistencyProof(appending:)`), instead of
/// hashing the whole ledger on every append. Kept in
/// `state/witness-frontiers`, one line per size: the size, the ledger's
/// length in bytes at that size, and the frontier's hashes in hex, separated
/// by spaces.
///
/// Derived and only a hint, like `WitnessSizes`: nothing in it is trusted.
/// A proof made from it is used only when the root it gives is the signed
/// checkpoint's (which a wrong frontier or length cannot give), and a
/// missing or damaged file means hashing the ledger as before.
package struct WitnessFrontiers: Sendable, Equatable {
    /// Where the tree stood at one size.
    package struct Frontier: Sendable, Equatable {
        /// The ledger's length in bytes when it held `state.size` entries.
        package let ledgerLength: Int
        /// The tree's frontier at that size.
        package let state: MerkleTreeBuilder.State

        package init(ledgerLength: Int, state: MerkleTreeBuilder.State) {
            self.ledgerLength = ledgerLength
            self.state = state
        }
    }

    /// The frontiers, by tree size.
    package var frontiers: [UInt64: Frontier]

    /// The most bytes the file is read to: a frontier line is under 4.2 KB.
    static let byteLimit = 1 << 20

    package init(frontiers: [UInt64: Frontier] = [:]) {
        self.frontiers = frontiers
    }

    /// The frontiers saved in `layout`'s state; none when the file is
    /// missing or not as `save` writes it.
    package static func load(_ layout: RegistryLayout) -> WitnessFrontiers {
        guard let bytes = try? FileSystem.read(layout.witnessFrontiers, limit: byteLimit, links: .refuse) else {
            return WitnessFrontiers()
        }
        var frontiers: [UInt64: Frontier] = [:]
        for line in bytes.split(separator: 0x0A) {
            let fields = line.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count >= 2, let size = UInt64(fields[0]), let length = Int(fields[1]), length >= 0 else {
                return WitnessFrontiers()
            }
            let hashes = fields.dropFirst(2).compactMap(SHA256Digest.init(hex:))
            guard hashes.count == fields.count - 2, let state = try? MerkleTreeBuilder.State(size: size, frontier: hashes) else {
                return WitnessFrontiers()
            }
            frontiers[size] = Frontier(ledgerLength: length, state: state)
        }
        return WitnessFrontiers(frontiers: frontiers)
    }

    /// Writes the frontiers atomically into `layout`'s state, creating the
    /// state's folder if it is missing.
    package func save(_ layout: RegistryLayout) throws(StorageError) {
        if !FileSystem.isDirectory(layout.state) { try FileSystem.makeDirectory(layout.state) }
        let text = frontiers.sorted { $0.key < $1.key }.map { size, frontier in
            ([String(size), String(frontier.ledgerLength)] + frontier.state.frontier.map(\.hex)).joined(separator: " ") + "\n"
        }.joined()
        try FileSystem.replaceAtomically(layout.witnessFrontiers, bytes: Array(text.utf8))
    }
}
