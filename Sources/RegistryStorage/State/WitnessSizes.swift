import CryptoPrimitives

/// The tree size each witness last cosigned for the registry, as far as the
/// registrar knows: where the next `add-checkpoint` request's consistency
/// proof starts. Kept in `state/witness-sizes`, one line per witness, its
/// size in decimal, a space and its verifier key (`size vkey`).
///
/// Derived and only a hint: a witness that holds another size answers 409
/// with its own, and the registrar resends from there. So a missing,
/// damaged or deleted file is read as knowing nothing, and nothing in it is
/// trusted beyond choosing where a proof starts.
package struct WitnessSizes: Sendable, Equatable {
    /// The sizes, by the witness's verifier key (`CosignerKey.string`).
    package var sizes: [String: UInt64]

    /// The most bytes the file is read to: far more than any policy needs.
    static let byteLimit = 1 << 20

    /// Sizes known for no witness.
    package init(sizes: [String: UInt64] = [:]) {
        self.sizes = sizes
    }

    /// The sizes saved in `layout`'s state; none when the file is missing
    /// or not as `save` writes it.
    package static func load(_ layout: RegistryLayout) -> WitnessSizes {
        guard let bytes = try? FileSystem.read(layout.witnessSizes, limit: byteLimit, links: .refuse) else {
            return WitnessSizes()
        }
        var sizes: [String: UInt64] = [:]
        for line in bytes.split(separator: 0x0A) {
            let fields = line.split(separator: 0x20, maxSplits: 1)
            guard fields.count == 2, let size = UInt64(String(decoding: fields[0], as: UTF8.self)) else {
                return WitnessSizes()
            }
            sizes[String(decoding: fields[1], as: UTF8.self)] = size
        }
        return WitnessSizes(sizes: sizes)
    }

    /// Writes the sizes atomically into `layout`'s state, creating the
    /// state's folder if it is missing.
    package func save(_ layout: RegistryLayout) throws(StorageError) {
        if !FileSystem.isDirectory(layout.state) { try FileSystem.makeDirectory(layout.state) }
        let text = sizes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\n" }.joined()
        try FileSystem.replaceAtomically(layout.witnessSizes, bytes: Array(text.utf8))
    }
}
