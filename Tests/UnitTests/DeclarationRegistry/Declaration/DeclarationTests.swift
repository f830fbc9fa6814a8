import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

@Suite struct DeclarationTests {
    @Test func loadsTheProjectDeclaration() throws {
        let declaration = try Declaration.load(from: DeclarationFixtures.directory)
        #expect(declaration.id == "subnational-open-government-declaration")
        #expect(declaration.version == "1.0.0")
        #expect(declaration.adoptedOn == "2016-12-09")
        #expect(declaration.languages == [.en, .fr, .es])
        #expect(declaration.titles == [
            .en: "Subnational Open Government Declaration",
            .fr: "Déclaration sous-nationale pour un gouvernement ouvert",
            .es: "Declaración Subnacional de Gobierno Abierto",
        ])
        #expect(declaration.place[.en]?.contains("Paris City Hall") == true)
        #expect(declaration.place[.es]?.contains("París") == true)
        for language in Language.allCases {
            #expect(declaration.clauses[language]?.count == 5)
            #expect(declaration.text(in: language).preamble.count == 1)
        }
        #expect(declaration.clauses[.fr]?[3].hasPrefix("Nous appelons la communauté") == true)
        #expect(Set(declaration.files.keys) == ["en.txt", "es.txt", "fr.txt", "manifest.json"])
    }

    @Test func textDigestsMatchSha256sum() throws {
        let directory = DeclarationFixtures.directory
        let declaration = try Declaration.load(from: directory)
        for language in Language.allCases {
            let output = try DeclarationFixtures.shell("sha256sum \(language.textFileName)", in: directory)
            #expect(output == "\(declaration.digest(for: language).hex)  \(language.textFileName)\n")
        }
    }

    @Test func declarationDigestIsSha256sumOfTheListing() throws {
        let directory = DeclarationFixtures.directory
        let declaration = try Declaration.load(from: directory)
        let listing = try DeclarationFixtures.shell("sha256sum en.txt es.txt fr.txt manifest.json", in: directory)
        #expect(declaration.digestListing == listing)
        let digest = try DeclarationFixtures.shell(
            "sha256sum en.txt es.txt fr.txt manifest.json | sha256sum", in: directory)
        #expect(digest == "\(declaration.digest.hex)  -\n")
    }

    @Test func digestListingHasOneSha256sumLinePerFileInNameOrder() throws {
        let declaration = try Declaration.load(from: DeclarationFixtures.directory)
        let expected = ["en.txt", "es.txt", "fr.txt", "manifest.json"].map { name in
            "\(SHA256.hash(declaration.files[name] ?? []).hex)  \(name)\n"
        }.joined()
        #expect(declaration.digestListing == expected)
        #expect(declaration.digest == SHA256.hash(Array(expected.utf8)))
    }

    @Test func editingOneTextChangesItsDigestAndTheDeclarationDigest() throws {
        let original = try Declaration(files: DeclarationFixtures.files(), source: "t")
        let edited = try Declaration(
            files: DeclarationFixtures.files(editing: "es.txt") { lines in
                lines[2] = lines[2].replacingOccurrences(of: "Nosotros", with: "Nosotras")
            },
            source: "t")
        #expect(edited.digest != original.digest)
        #expect(edited.digest(for: .es) != original.digest(for: .es))
        #expect(edited.digest(for: .en) == original.digest(for: .en))
        #expect(edited.digest(for: .fr) == original.digest(for: .fr))
    }

    @Test func editingTheManifestChangesOnlyTheDeclarationDigest() throws {
        let original = try Declaration(files: DeclarationFixtures.files(), source: "t")
        let edited = try Declaration(
            files: DeclarationFixtures.files(replacingLine: 3, of: "manifest.json", with: "  \"version\": \"1.0.1\","),
            source: "t")
        #expect(edited.version == "1.0.1")
        #expect(edited.digest != original.digest)
        for language in Language.allCases {
            #expect(edited.digest(for: language) == original.digest(for: language))
        }
    }

    @Test func embeddedCopyEqualsTheCheckout() throws {
        let checkout = try DeclarationFixtures.files()
        #expect(Declaration.embeddedFiles == checkout)
        let embedded = try Declaration.embedded
        #expect(embedded.digest == (try Declaration.load(from: DeclarationFixtures.directory)).digest)
    }

    @Test func loadsFromBytesAndFromADirectoryAlike() throws {
        let temporary = try TemporaryDirectory()
        let files = try DeclarationFixtures.files()
        let directory = try DeclarationFixtures.write(files, into: temporary.url)
        let fromDirectory = try Declaration.load(from: directory)
        let fromBytes = try Declaration(files: files, source: "registry")
        #expect(fromDirectory.digest == fromBytes.digest)
        #expect(fromDirectory.files == fromBytes.files)
        #expect(fromDirectory.texts == fromBytes.texts)
    }

    @Test func renderingShowsTextAndDigests() throws {
        let declaration = try Declaration.load(from: DeclarationFixtures.directory)
        let page = declaration.rendered(in: .es, width: 60)
        #expect(page.hasPrefix("Declaración Subnacional de Gobierno Abierto\n"))
        #expect(page.contains("\n5. Instamos a los países"))
        #expect(page.contains(declaration.digest(for: .es).hex))
        #expect(page.contains(declaration.digest.hex))
        #expect(page.contains("Adoptada: 9 de diciembre de 2016, "))
        // The title, preamble and clauses are wrapped; the closing details are not.
        let body = try #require(page.components(separatedBy: "\nAdoptada: ").first)
        #expect(body.split(separator: "\n").count > 20)
        for line in body.split(separator: "\n") {
            #expect(line.count <= 60, "too long: \(line)")
        }
    }

    @Test func languageNames() {
        #expect(Language.allCases.map(\.nativeName) == ["English", "français", "español"])
        #expect(Language.fr.displayName(in: .es) == "francés")
        #expect(Language.es.displayName(in: .en) == "Spanish")
        #expect(Language.allCases.sorted() == [.en, .es, .fr])
        #expect(Declaration.fileNames == ["en.txt", "es.txt", "fr.txt", "manifest.json"])
    }
}
