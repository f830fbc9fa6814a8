import Foundation
import Testing
import TestSupport

@Suite struct ShowTests {
    static let titles = [
        "en": "Subnational Open Government Declaration",
        "fr": "Déclaration sous-nationale pour un gouvernement ouvert",
        "es": "Declaración Subnacional de Gobierno Abierto",
    ]

    /// The checkout's declaration directory, for comparing digests with `sha256sum`.
    static var checkoutDeclaration: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("declarations/subnational-open-government-declaration")
    }

    @Test(arguments: ["en", "fr", "es"])
    func showsEachLanguageOutsideTheCheckout(lang: String) throws {
        // Run from an empty directory: the built-in copy must suffice.
        let temporary = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["show", "--lang", lang], directory: temporary.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix((Self.titles[lang] ?? "?") + "\n"))
        #expect(result.standardOutput.contains("\n1. "))
        #expect(result.standardOutput.contains("\n5. "))
        // The day of adoption as the language writes it.
        let adopted = ["en": "Adopted: 9 December 2016, ", "fr": "Adoptée : 9 décembre 2016, ", "es": "Adoptada: 9 de diciembre de 2016, "]
        #expect(result.standardOutput.contains(adopted[lang] ?? "?"))
        #expect(result.standardError.isEmpty)
    }

    @Test func englishIsTheDefaultAndDigestsMatchTheFiles() throws {
        let temporary = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["show"], directory: temporary.url)
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("Subnational Open Government Declaration\n"))
        let textDigest = try Self.shell("sha256sum en.txt | cut -c1-64")
        let declarationDigest = try Self.shell("sha256sum en.txt es.txt fr.txt manifest.json | sha256sum | cut -c1-64")
        #expect(textDigest.count == 64)
        #expect(result.standardOutput.contains("Text digest (SHA-256 of en.txt): \(textDigest)\n"))
        #expect(result.standardOutput.contains(
            "Declaration digest (SHA-256 of the file listing): \(declarationDigest)\n"))
    }

    /// Runs `command` in the checkout's declaration directory; returns its output without the line feed.
    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = checkoutDeclaration
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    @Test func unknownLanguageListsTheValidOnes() throws {
        let temporary = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["show", "--lang", "de"], directory: temporary.url)
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("'de'"))
        for code in ["en", "fr", "es"] {
            #expect(result.standardError.contains("'\(code)'"))
        }
    }

    @Test func readsADeclarationDirectory() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.url.appendingPathComponent("subnational-open-government-declaration")
        try FileManager.default.copyItem(at: Self.checkoutDeclaration, to: directory)
        let manifest = directory.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.1.0\"").utf8).write(to: manifest)
        let result = try DeclarationProcess.run(
            ["show", "--lang", "fr", "--declaration", directory.path], directory: temporary.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Version : 1.1.0"))
    }

    @Test func rejectsABrokenDeclarationWithFileAndLine() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.url.appendingPathComponent("subnational-open-government-declaration")
        try FileManager.default.copyItem(at: Self.checkoutDeclaration, to: directory)
        let spanish = directory.appendingPathComponent("es.txt")
        let text = try String(contentsOf: spanish, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: spanish)
        let result = try DeclarationProcess.run(["show", "--declaration", directory.path], directory: temporary.url)
        #expect(result.status != 0)
        #expect(result.standardError.contains("es.txt:1:"))
        #expect(result.standardError.contains("LF"))
    }
}
