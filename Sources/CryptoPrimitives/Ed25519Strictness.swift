/// The checks that make Ed25519 verification strict, following "Taming the
/// many EdDSAs" (Chalkias, Garillot, Nikolaenko, 2020) and libsodium.
///
/// They run in Swift before OpenSSL is called, so the rules do not depend on
/// which OpenSSL version is installed.
enum Ed25519Strictness {
    /// The group order L = 2^252 + 27742317777372353535851937790883648493,
    /// little-endian, as RFC 8032 encodes scalars.
    static let groupOrder: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
        0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// The y coordinates (little-endian, sign bit clear) of every point of
    /// order 1, 2, 4 or 8, including their unreduced forms y + p: the same
    /// list libsodium blocks. With both values of the sign bit they cover
    /// the 8 canonical small-order encodings and their 6 non-canonical ones.
    static let smallOrderYCoordinates: [[UInt8]] = [
        // y = 0: the two points of order 4.
        [UInt8](repeating: 0, count: 32),
        // y = 1: the neutral element (order 1).
        [0x01] + [UInt8](repeating: 0, count: 31),
        // The two y values of the four points of order 8.
        [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0,
            0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
            0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39,
            0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
        ],
        [
            0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f,
            0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
            0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6,
            0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
        ],
        // y = p - 1: the point of order 2.
        [0xec] + [UInt8](repeating: 0xff, count: 30) + [0x7f],
        // y = p, an unreduced 0.
        [0xed] + [UInt8](repeating: 0xff, count: 30) + [0x7f],
        // y = p + 1, an unreduced 1.
        [0xee] + [UInt8](repeating: 0xff, count: 30) + [0x7f],
    ]

    /// Whether the 32-byte point encoding is one of the small-order points,
    /// whatever its sign bit.
    static func hasSmallOrder(_ point: UnsafeBufferPointer<UInt8>) -> Bool {
        guard point.count == 32 else { return false }
        for candidate in smallOrderYCoordinates {
            var difference: UInt8 = 0
            for index in 0..<31 {
                difference |= point[index] ^ candidate[index]
            }
            difference |= (point[31] & 0x7f) ^ candidate[31]
            if difference == 0 { return true }
        }
        return false
    }

    /// Whether the y coordinate of the 32-byte point encoding is below the
    /// field prime p = 2^255 - 19.
    static func isCanonicalPoint(_ point: UnsafeBufferPointer<UInt8>) -> Bool {
        guard point.count == 32 else { return false }
        // y >= p exactly when the top 250 bits are all ones and the low
        // byte is at least 0xed.
        guard point[31] & 0x7f == 0x7f else { return true }
        for index in 1..<31 where point[index] != 0xff {
            return true
        }
        return point[0] < 0xed
    }

    /// Whether the 32-byte little-endian scalar is below the group order L.
    static func isReducedScalar(_ scalar: UnsafeBufferPointer<UInt8>) -> Bool {
        guard scalar.count == 32 else { return false }
        var index = 31
        while index >= 0 {
            let byte = scalar[index]
            let limit = groupOrder[index]
            if byte < limit { return true }
            if byte > limit { return false }
            index -= 1
        }
        // Equal to L.
        return false
    }
}
