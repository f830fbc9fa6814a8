import CryptoPrimitives
import DeclarationRegistry
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
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
