import CryptoPrimitives
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// A local ledger as a proof source: one pass over the lines the
/// registrar's checkpoint covers hashes every one of them (on every core)
/// and keeps the lines a proof may need; the Merkle tiles of the tree
/// (c2sp.org/tlog-tiles) are then built from those hashes, on every core
/// too, and a proof is read from the tiles.
///
/// It does not check the lines: `EntryProof.make` checks the one entry a
/// proof carries and verifies the inclusion proof against the signed root,
/// which fails if any covered line differs from what the registrar signed.
struct LedgerProofSource: RegistryProofSource {
    let location: String
    /// The tiles of the tree of every covered line.
    private let tiles: TileSet
    /// The lines kept: the entry asked for, or every line that may be by
    /// the key asked for, by index.
    private let lines: [UInt64: [UInt8]]
    /// The key asked for, and the indices of the lines that may be its.
    private let key: Ed25519PublicKey?
    private let keyLines: [UInt64]

    /// How many lines are read and hashed together: about a megabyte, the
    /// reader's chunk, enough to keep every core busy.
    static let blockLines = 2_048

    /// Reads the first `treeSize` lines of the ledger in `layout`, within
    /// its first `ledgerLength` bytes, keeping the lines `subject` needs
    /// (none without one: for consistency proofs only).
    init(layout: RegistryLayout, ledgerLength: Int, treeSize: UInt64, subject: ProofSubject?) throws(RegistryError) {
        let reader: LedgerReader
        do {
            reader = try LedgerReader(path: layout.ledger, limit: ledgerLength)
        } catch {
            throw .storage(error)
        }
        var wantedIndex: UInt64?
        var key: Ed25519PublicKey?
        switch subject {
        case .entry(let sequence): wantedIndex = sequence >= 1 ? UInt64(sequence - 1) : nil
        case .latestEntry(let signer): key = signer
        case nil: break
        }
        // The key as the ledger spells it: canonical base64 between quotes.
        let needle = key.map { Array(Base64.encode($0.rawRepresentation).utf8) }

        var leafHashes: [SHA256Digest] = []
        // No more lines than the ledger has room for, whatever size the
        // checkpoint claims: a line is at least one byte and its line feed.
        leafHashes.reserveCapacity(Int(min(treeSize, UInt64(ledgerLength / 2))))
        var lines: [UInt64: [UInt8]] = [:]
        var keyLines: [UInt64] = []
        // Each block is hashed while the next is read.
        let reading = BlockReading(reader)
        reading.read(maximumLines: Int(min(UInt64(Self.blockLines), treeSize)))
        var block = LedgerBlock()
        while case .success(true) = reading.outcome {
            swap(&block, &reading.block)
            let first = UInt64(leafHashes.count)
            let read = block
            let following = Int(min(UInt64(Self.blockLines), treeSize - first - UInt64(read.lineCount)))
            let hashed = Parallel.slices(of: read.lineCount, alongside: { reading.read(maximumLines: following) }) { range in
                Self.hash(read, lines: range, lookingFor: needle)
            }
            for slice in hashed {
                leafHashes += slice.hashes
                keyLines += slice.matches.map { first + UInt64($0) }
            }
            if let wanted = wantedIndex, wanted >= first, wanted < UInt64(leafHashes.count) {
                lines[wanted] = Array(read.bytes[read.range(ofLine: Int(wanted - first))])
            }
            for index in keyLines.reversed() {
                guard index >= first else { break }
                lines[index] = Array(read.bytes[read.range(ofLine: Int(index - first))])
            }
        }
        if case .failure(let error) = reading.outcome { throw .storage(error) }
        guard UInt64(leafHashes.count) == treeSize else {
            let count = leafHashes.count
            throw .verificationFailed(VerificationFailure(
                file: layout.ledger, line: count + 1, sequence: Int64(count) + 1,
                expected: "\(treeSize) entries", found: "\(count) entries",
                message: "the ledger has \(count) entries, but the registrar's checkpoint commits to \(treeSize): entries \(count + 1) to \(treeSize) were removed"))
        }
        self.location = layout.ledger
        self.tiles = Self.tiles(leafHashes: leafHashes)
        self.lines = lines
        self.key = key
        self.keyLines = keyLines
    }

    func latestEntryIndex(signedBy key: Ed25519PublicKey, treeSize: UInt64) throws(RegistryError) -> UInt64? {
        guard key == self.key, treeSize == tiles.treeSize else {
            throw Self.notRead("the entries of key \(key.keyID) in the tree of \(treeSize) entries")
        }
        return keyLines.last
    }

    func entryLine(at index: UInt64, treeSize: UInt64) throws(RegistryError) -> [UInt8] {
        guard treeSize == tiles.treeSize, let line = lines[index] else {
            throw Self.notRead("entry \(index + 1) in the tree of \(treeSize) entries")
        }
        return line
    }

    func inclusionProof(forLeafAt index: UInt64, treeSize: UInt64) throws(RegistryError) -> [SHA256Digest] {
        guard treeSize == tiles.treeSize else {
            throw Self.notRead("the tree of \(treeSize) entries")
        }
        do {
            return try tiles.inclusionProof(forLeafAt: index)
        } catch {
            throw .verificationFailed(VerificationFailure(file: location, message: error.description))
        }
    }

    /// The RFC 9162 consistency proof from the tree of the first `oldSize`
    /// entries to the tree of `treeSize`, the one read: what a witness
    /// checks before it cosigns (c2sp.org/tlog-witness).
    func consistencyProof(fromSize oldSize: UInt64, treeSize: UInt64) throws(RegistryError) -> [SHA256Digest] {
        guard treeSize == tiles.treeSize else {
            throw Self.notRead("the tree of \(treeSize) entries")
        }
        do {
            return try tiles.consistencyProof(fromSize: oldSize)
        } catch {
            throw .verificationFailed(VerificationFailure(file: location, message: error.description))
        }
    }

    /// The root of the tree read.
    func root() throws(RegistryError) -> SHA256Digest {
        do {
            return try tiles.root()
        } catch {
            throw .verificationFailed(VerificationFailure(file: location, message: error.description))
        }
    }

    /// Every Merkle tile of the tree of `leafHashes`, as `TileSet(leafHashes:)`
    /// makes them, with the tiles' roots (nearly every interior hash of the
    /// tree) computed on every core.
    static func tiles(leafHashes: [SHA256Digest]) -> TileSet {
        var tiles = TileSet(treeSize: UInt64(leafHashes.count))
        var hashes = leafHashes
        var level = 0
        let width = TilePath.fullWidth
        while !hashes.isEmpty, level <= TilePath.maximumLevel {
            let levelHashes = hashes
            for (index, start) in stride(from: 0, to: levelHashes.count, by: width).enumerated() {
                let chunk = Array(levelHashes[start..<min(start + width, levelHashes.count)])
                // The level is at most 63 and the width 1 to 256, as a path needs.
                if let path = try? TilePath(level: level, index: UInt64(index), width: chunk.count),
                   let tile = try? Tile(path: path, hashes: chunk) {
                    tiles.insert(tile)
                }
            }
            // A partial tile is not hashed into the level above.
            hashes = Parallel.slices(of: levelHashes.count / width) { range in
                range.map { MerkleTree.root(leafHashes: Array(levelHashes[$0 * width..<($0 + 1) * width])) }
            }.flatMap { $0 }
            level += 1
        }
        return tiles
    }

    /// The ledger's reader and the block it reads into, used by one task at
    /// a time: the next block is read beside the hashing of the one before.
    ///
    /// `@unchecked Sendable` is safe because `read` runs in exactly one task
    /// of `Parallel.slices(of:alongside:_:)`, which touches nothing else of
    /// it, and the caller reads `block` and `outcome` only after that call
    /// has returned, which orders the task's writes before the reads.
    private final class BlockReading: @unchecked Sendable {
        private let reader: LedgerReader
        var block = LedgerBlock()
        /// Whether the last read found lines, or why it failed.
        private(set) var outcome: Result<Bool, StorageError> = .success(false)

        init(_ reader: LedgerReader) {
            self.reader = reader
        }

        /// Reads up to `maximumLines` lines into `block`; none when 0.
        func read(maximumLines: Int) {
            guard maximumLines > 0 else {
                outcome = .success(false)
                return
            }
            do throws(StorageError) {
                outcome = .success(try reader.readBlock(into: &block, maximumLines: maximumLines))
            } catch {
                outcome = .failure(error)
            }
        }
    }

    /// A question the source was not made to answer: a mistake of the
    /// caller's, reported rather than answered wrongly.
    private static func notRead(_ what: String) -> RegistryError {
        .invalidField(FieldError(field: "proof source", problem: .malformed(
            expected: "a question about the lines it read", found: what)))
    }

    /// The leaf hashes of some lines of a block, and which of them may be
    /// by the key spelt `needle`.
    private static func hash(_ block: LedgerBlock, lines range: Range<Int>,
                             lookingFor needle: [UInt8]?) -> (hashes: [SHA256Digest], matches: [Int]) {
        var hashes: [SHA256Digest] = []
        hashes.reserveCapacity(range.count)
        var matches: [Int] = []
        var hasher = SHA256Hasher()
        block.bytes.withUnsafeBytes { bytes in
            for index in range {
                let line = UnsafeRawBufferPointer(rebasing: bytes[block.range(ofLine: index)])
                hashes.append(MerkleTree.leafHash(line, using: &hasher))
                if let needle, mayBeSigned(line, byKeySpelt: needle) { matches.append(index) }
            }
        }
        return (hashes, matches)
    }

    /// Whether the line's statement is by the key whose base64 is `needle`:
    /// read where the layout puts it, or, in a line laid out otherwise, from
    /// the line parsed in full.
    private static func mayBeSigned(_ line: UnsafeRawBufferPointer, byKeySpelt needle: [UInt8]) -> Bool {
        if let range = LedgerLineCodec.publicKeyText(inLine: line) {
            return range.count == needle.count && zip(range, needle).allSatisfy { line[$0] == $1 }
        }
        guard let json = try? CanonicalJSON.parseCanonical(Array(line)), let entry = try? Entry(json: json) else {
            return false
        }
        return Base64.encode(entry.statement.publicKey.rawRepresentation).utf8.elementsEqual(needle)
    }
}
