import CryptoPrimitives
import Foundation

/// The Merkle Tree Hash of RFC 9162 section 2.1.1, over SHA-256.
///
/// Leaves and interior nodes are hashed with different one-byte prefixes
/// (0x00 and 0x01) so that no leaf can be passed off as a node.
public enum MerkleTree {
    /// The root of the empty tree: SHA-256 of no bytes.
    public static let emptyRoot = SHA256.hash([UInt8]())

    /// The hash of one leaf: SHA-256(0x00 ‖ leaf).
    public static func leafHash(_ leaf: some ContiguousBytes) -> SHA256Digest {
        var hasher = SHA256Hasher()
        hasher.update([UInt8(0x00)])
        hasher.update(leaf)
        return hasher.finalize()
    }

    /// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        var hasher = SHA256Hasher()
        hasher.update([UInt8(0x01)])
        hasher.update(left.bytes)
        hasher.update(right.bytes)
        return hasher.finalize()
    }

    /// The root of the tree whose leaves have the given hashes, in order.
    public static func root(leafHashes: [SHA256Digest]) -> SHA256Digest {
        subtreeRoot(leafHashes[...])
    }

    /// The hash of one leaf, SHA-256(0x00 ‖ leaf), computed with `hasher`,
    /// which is left ready for the next: for hashing many leaves in a row.
    package static func leafHash(_ leaf: some ContiguousBytes, using hasher: inout SHA256Hasher) -> SHA256Digest {
        hasher.update(leafPrefix)
        hasher.update(leaf)
        return hasher.finalizeAndRestart()
    }

    /// MTH(D[n]) of RFC 9162 section 2.1.1, over leaf hashes already computed.
    ///
    /// The tree is hashed level by level, each node over the pair below it,
    /// with a node left without a partner at the end of a level carried up
    /// unchanged: the same tree as the RFC's split at the largest power of
    /// two below n, whose right part is the one left short. The levels are
    /// kept in one buffer and every node is hashed in one context, so a
    /// tile's root (255 nodes) allocates nothing per node.
    static func subtreeRoot(_ leafHashes: ArraySlice<SHA256Digest>) -> SHA256Digest {
        switch leafHashes.count {
        case 0:
            return emptyRoot
        case 1:
            return leafHashes[leafHashes.startIndex]
        default:
            let size = SHA256.byteCount
            var level: [UInt8] = []
            level.reserveCapacity(leafHashes.count * size)
            for hash in leafHashes { level += hash.bytes }
            var count = leafHashes.count
            var hasher = SHA256Hasher()
            var input = [UInt8](repeating: 0x01, count: 1 + 2 * size)
            level.withUnsafeMutableBytes { nodes in
                input.withUnsafeMutableBytes { input in
                    while count > 1 {
                        for pair in 0..<count / 2 {
                            // Node `pair` of the level above overwrites the
                            // first of the two it hashes, already read.
                            UnsafeMutableRawBufferPointer(rebasing: input[1...])
                                .copyMemory(from: UnsafeRawBufferPointer(rebasing: nodes[(2 * pair * size)..<((2 * pair + 2) * size)]))
                            hasher.update(UnsafeRawBufferPointer(input))
                            hasher.finalizeAndRestart(into: UnsafeMutableRawBufferPointer(rebasing: nodes[(pair * size)...]))
                        }
                        if count % 2 == 1 {
                            let last = (count - 1) * size
                            UnsafeMutableRawBufferPointer(rebasing: nodes[(count / 2 * size)...])
                                .copyMemory(from: UnsafeRawBufferPointer(rebasing: nodes[last..<(last + size)]))
                        }
                        count = (count + 1) / 2
                    }
                }
            }
            // The first 32 bytes are a digest, so this is never nil.
            return SHA256Digest(bytes: Array(level[..<size])) ?? emptyRoot
        }
    }

    /// The byte that starts a leaf's hash input.
    private static let leafPrefix: [UInt8] = [0x00]

    /// The largest power of two smaller than `count` (which must be at
    /// least 2): the size of the left subtree in RFC 9162.
    static func splitPoint(_ count: Int) -> Int {
        1 << (Int.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }
}
