import RegistryStorage
import TransparencyLog

/// Merging witnesses' cosignatures into the registry's `checkpoint` file:
/// the registrar's signature line stays first, the cosignature lines follow
/// in the order they were added (c2sp.org/signed-note readers ignore the
/// lines of keys they do not know, so every reader of the file still opens it).
extension Registry {
    /// Adds `cosignatures` of the checkpoint whose text is `body` to the
    /// registry's checkpoint file, and saves `sizes` (what each witness last
    /// cosigned) in the derived state, under the registry's exclusive lock.
    ///
    /// The file is replaced atomically, and only if it still holds a
    /// checkpoint with that very text: if an append replaced it meanwhile,
    /// nothing is merged (the cosignatures are of a checkpoint no longer
    /// current) and nil is returned. A cosignature by a key the file
    /// already has a line for is not added again. The caller has verified
    /// every cosignature against its witness's key.
    ///
    /// Returns the checkpoint note as the file now holds it.
    func mergeCosignatures(_ cosignatures: [Cosignature], intoCheckpointWithText body: String,
                           sizes: WitnessSizes) throws(RegistryError) -> SignedNote? {
        let lock = try lockForWriting()
        defer { lock.release() }
        // The sizes are a hint kept apart from the checkpoint: saved even
        // when the checkpoint moved on, and their loss is no failure.
        try? sizes.save(layout)
        let verifier = RegistryVerifier(layout: layout)
        let bytes = try verifier.readCheckpointFile()
        guard let current = try? SignedNote(parsing: String(decoding: bytes, as: UTF8.self)),
              current.text == body else { return nil }
        var signatures = current.signatures
        for cosignature in cosignatures
        where !signatures.contains(where: { $0.name == cosignature.name && $0.keyHash == cosignature.keyHash }) {
            // A reader accepts at most this many lines; a policy long
            // enough to pass it gets what fits.
            guard signatures.count < SignedNote.maximumSignatures else { break }
            signatures.append(cosignature.noteSignature)
        }
        guard signatures.count > current.signatures.count else { return current }
        let merged: SignedNote
        do {
            merged = try SignedNote(text: current.text, signatures: signatures)
        } catch {
            throw .checkpointSigning(path: layout.checkpoint, error)
        }
        do {
            try FileSystem.replaceAtomically(layout.checkpoint, bytes: Array(merged.serialized.utf8))
        } catch {
            throw .storage(error)
        }
        return merged
    }
}
