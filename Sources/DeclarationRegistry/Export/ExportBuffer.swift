/// The bytes of an export, written in place: every exporter appends to one
/// buffer, escaping as it goes, instead of building a string per value and
/// joining them.
struct ExportBuffer {
    /// What has been written.
    var bytes: [UInt8] = []

    /// An empty buffer with room for about `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text` as it is.
    mutating func append(_ text: String) {
        Self.withUTF8(text) { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as it is, then a line feed.
    mutating func line(_ text: String) {
        append(text)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `value` in decimal.
    mutating func append(_ value: Int64) {
        append(String(value))
    }

    /// Appends `text` escaped: bytes `isPlain` accepts are copied in runs,
    /// and at each other byte `escape` writes what stands for the bytes
    /// from there and says how many it consumed (at least one).
    mutating func append(_ text: String, isPlain: (UInt8) -> Bool,
                         escape: (UnsafeBufferPointer<UInt8>, Int, inout [UInt8]) -> Int) {
        Self.withUTF8(text) { source in
            var runStart = 0
            var index = 0
            while index < source.count {
                if isPlain(source[index]) {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                index += max(1, escape(source, index, &bytes))
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
    }

    /// Runs `body` on the UTF-8 bytes of `text`, without copying them when
    /// the string already holds them contiguously (as native strings do).
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }
}
