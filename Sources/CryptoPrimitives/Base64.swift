import Foundation

/// Standard base64 (RFC 4648 section 4, with padding), decoded strictly.
package enum Base64 {
    /// Encodes bytes as standard padded base64.
    package static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes standard padded base64, or returns nil when the text is not
    /// exactly the canonical encoding of some bytes (no white space, no
    /// URL-safe alphabet, zero padding bits), so one value has one spelling.
    package static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    /// Decodes the canonical standard base64 in `text`, or returns nil: the
    /// length is a multiple of four, every character is in the standard
    /// alphabet, `=` appears only as the last one or two characters, and the
    /// bits the padding leaves over are zero. Those are exactly the texts
    /// that `encode` produces, so decoding and re-encoding gives the same
    /// text back.
    package static func decode(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        if text.isEmpty { return [] }
        let padding = text[text.count - 1] != UInt8(ascii: "=") ? 0 : (text[text.count - 2] == UInt8(ascii: "=") ? 2 : 1)
        let count = text.count / 4 * 3 - padding
        return sextets.withUnsafeBufferPointer { sextets -> [UInt8]? in
            var invalid = false
            let output = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
                var written = 0
                var index = 0
                while index < text.count {
                    // The padding characters count as zero bits here; the
                    // checks below make sure they are where padding goes.
                    let isLastGroup = index + 4 == text.count
                    let meaningful = isLastGroup ? 4 - padding : 4
                    var group: UInt32 = 0
                    var bad: UInt8 = 0
                    for offset in 0..<4 {
                        let value = offset < meaningful ? sextets[Int(text[index + offset])] : 0
                        bad |= value
                        group = group << 6 | UInt32(value & 0x3F)
                    }
                    // An invalid character has the high bit set.
                    if bad & 0x80 != 0 { invalid = true; break }
                    switch meaningful {
                    case 4:
                        output[written] = UInt8(truncatingIfNeeded: group >> 16)
                        output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                        output[written + 2] = UInt8(truncatingIfNeeded: group)
                        written += 3
                    case 3:
                        // 18 bits carry two bytes; the last two bits must be zero.
                        if group & 0xFF != 0 { invalid = true }
                        output[written] = UInt8(truncatingIfNeeded: group >> 16)
                        output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                        written += 2
                    default:
                        // 12 bits carry one byte; the last four bits must be zero.
                        if group & 0xFFFF != 0 { invalid = true }
                        output[written] = UInt8(truncatingIfNeeded: group >> 16)
                        written += 1
                    }
                    index += 4
                }
                initialized = written
            }
            return invalid ? nil : output
        }
    }

    /// Each byte's value in the standard alphabet, or 0xFF for a byte
    /// outside it (`=` included).
    private static let sextets: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()
}

extension SHA256Digest {
    /// The digest in standard base64, as checkpoints spell root hashes.
    public var base64: String { Base64.encode(bytes) }
}
