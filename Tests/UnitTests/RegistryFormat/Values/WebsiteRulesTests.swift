@testable import RegistryFormat
import Testing

/// The website rule is the grammar docs/FORMAT.md 5.1 writes out (a subset
/// of RFC 3986), not whatever Foundation's URL parser accepts, so another
/// implementation can decide every address the same way.
@Suite struct WebsiteRulesTests {
    static func accepts(_ address: String) -> Bool {
        (try? WebsiteRules.check(address, field: "signatory.website")) != nil
    }

    static func grammarAccepts(_ address: String) -> Bool {
        var address = address
        return address.withUTF8 { WebsiteRules.matchesGrammar(UnsafeRawBufferPointer($0)) }
    }

    @Test(arguments: [
        "https://www.paris.fr", "http://cdmx.gob.mx:8080", "HTTPS://WWW.PARIS.FR", "Http://Example.org/Path",
        "https://www.paris.fr/", "https://www.paris.fr/#top", "https://x.org/a%2Fb?q=1&r=%C3%A9",
        "http://192.168.0.1:8080/", "https://www.prefeitura.sp.gov.br/cidade?x=1&y=2", "https://a.b/~u/(1)*!$',;=:@",
        "https://xn--mnchen-3ya.de", "https://a", "https://a-b.c-d.org?", "https://a.org/?q=/?",
    ])
    func addressesOfTheGrammarAreAccepted(address: String) {
        #expect(Self.accepts(address), "\(address)")
        #expect(Self.grammarAccepts(address), "\(address)")
    }

    @Test(arguments: [
        "https://user@www.paris.fr",            // userinfo: the host is not what a reader sees first
        "https://www.paris.fr@evil.example",
        "https://www.paris.fr/%zz",             // a percent sign not followed by two hex digits
        "https://www.paris.fr/%4",
        "https://www.paris.fr/<script>",        // not a URI character
        "https://www.paris.fr/a\"b",
        "https://www.paris.fr/a{b}",
        "https://www.paris.fr/a|b",
        "https://www.paris.fr/a\\b",
        "https://www.paris.fr/a^b",
        "https://www.paris.fr/a`b",
        "https://www.paris.fr/#a#b",            // a second "#"
        "https://a..b",                          // an empty label
        "https://.a.b", "https://a.b.", "https://-a.b", "https://a-.b",
        "https://a_b.org",                       // "_" is not a host character
        "https://[::1]/",                        // no IP literals
        "https://www.paris.fr:", "https://www.paris.fr:123456", "https://www.paris.fr:8a",
        "https://münchen.de",                    // write the host as its A-label, xn--mnchen-3ya.de
        "https://www.paris.fr/é",                // percent-encode non-ASCII
        "https://", "https:///path", "https://:80", "ftp://www.paris.fr", "https:www.paris.fr",
        "https//www.paris.fr", "www.paris.fr", "https://www.paris.fr?a b",
        "https://" + String(repeating: "a", count: 64) + ".org",   // a label longer than 63
    ])
    func addressesOutsideTheGrammarAreRefused(address: String) {
        #expect(!Self.accepts(address), "\(address)")
        #expect(!Self.grammarAccepts(address), "\(address)")
    }
}
