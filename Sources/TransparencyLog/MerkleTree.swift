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

    /// MTH(D[n]) of RFC 9162 section 2.1.1, over leaf hashes already computed.
    static func subtreeRoot(_ leafHashes: ArraySlice<SHA256Digest>) -> SHA256Digest {
        switch leafHashes.count {
        case 0:
            return emptyRoot
        case 1:
            return leafHashes[leafHashes.startIndex]
        default:
            let split = leafHashes.startIndex + splitPoint(leafHashes.count)
            return nodeHash(
                subtreeRoot(leafHashes[..<split]),
                subtreeRoot(leafHashes[split...])
            )
        }
    }

    /// The largest power of two smaller than `count` (which must be at
    /// least 2): the size of the left subtree in RFC 9162.
    static func splitPoint(_ count: Int) -> Int {
        1 << (Int.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }
}
