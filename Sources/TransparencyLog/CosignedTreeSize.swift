/// The body of a c2sp.org/tlog-witness `409 Conflict` answer to
/// `add-checkpoint`: the size of the checkpoint the witness last cosigned
/// for the log, in decimal, and a newline, served as `text/x.tlog.size`.
/// A log resends its request from that size.
public struct CosignedTreeSize: Sendable, Equatable {
    /// The body's media type.
    public static let contentType = "text/x.tlog.size"

    /// What errors call this body.
    static let bodyName = "text/x.tlog.size body"

    /// The tree size the witness last cosigned.
    public let size: UInt64

    /// The body for `size`.
    public init(size: UInt64) {
        self.size = size
    }

    /// Parses the body, strictly: decimal digits without leading zeros
    /// (`0` alone for zero) that fit in 64 bits, a newline, and nothing more.
    public init(parsing bytes: [UInt8]) throws(TransparencyError) {
        // A size has at most 20 digits; a longer body is refused unread.
        let expected = "the tree size in decimal, without leading zeros, and a newline"
        guard bytes.count <= 21 else {
            throw .malformedWitnessBody(
                body: Self.bodyName, line: 1, expected: expected,
                found: BodyLines.text(bytes.prefix(40)[...])
            )
        }
        var reader = BodyLines.witness(bytes, body: Self.bodyName)
        let line = try reader.line(expected: expected)
        guard let size = BodyLines.decimal(line) else {
            throw .malformedWitnessBody(body: Self.bodyName, line: 1, expected: expected, found: BodyLines.text(line))
        }
        guard reader.isAtEnd else {
            throw .malformedWitnessBody(
                body: Self.bodyName, line: 2, expected: "nothing after the size's line",
                found: BodyLines.text(reader.remainder)
            )
        }
        self.size = size
    }

    /// The body: the size in decimal and a newline.
    public var bytes: [UInt8] {
        Array((String(size) + "\n").utf8)
    }
}
