import CryptoPrimitives
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: try SHA256Vector.all.map { ($0.message, $0.digest) })
    func knownAnswers(input: String, expected: String) {
        #expect(SHA256.hash(Array(input.utf8)).hex == expected)
    }

    @Test func incrementalMatchesOneShot() {
        let data = Array("The quick brown fox jumps over the lazy dog".utf8)
        var hasher = SHA256Hasher()
        hasher.update(data[..<10])
        hasher.update(data[10...])
        #expect(hasher.finalize() == SHA256.hash(data))
    }
}
