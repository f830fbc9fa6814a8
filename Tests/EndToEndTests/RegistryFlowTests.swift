import Foundation
import Testing
import TestSupport

/// The signatory's and registrar's flows, run through the built binary.
@Suite struct RegistryFlowTests {
    private func initRegistry(in directory: TemporaryDirectory, origin: String = "registry.example.org/test") throws -> DeclarationProcess.Result {
        try DeclarationProcess.run(["init", "--origin", origin, "--registrar-key", directory.path("registrar"),
                                    "--registry", directory.path("registry")])
    }

    private func keygen(_ name: String, in directory: TemporaryDirectory) throws {
        let result = try DeclarationProcess.run(["keygen", "--out", directory.path(name)])
        #expect(result.status == 0, "\(result.standardError)")
    }

    private func signParis(in directory: TemporaryDirectory, key: String = "paris", extra: [String] = []) throws -> DeclarationProcess.Result {
        try DeclarationProcess.run([
            "sign", "--key", directory.path(key), "--kind", "government", "--name", "Paris",
            "--jurisdiction", "fr", "--representative", "Cabinet de la Maire", "--title", "Maire",
            "--lang", "fr", "--yes",
        ] + extra)
    }

    @Test func initSignVerifyListWithdraw() throws {
        let directory = try TemporaryDirectory()
        let created = try initRegistry(in: directory)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput.contains("Registrar key written"))
        #expect(FileManager.default.fileExists(atPath: directory.path("registrar.pub")))

        try keygen("paris", in: directory)
        let registry = ["--registry", directory.path("registry")]
        let signed = try signParis(in: directory, extra: registry + ["--registrar-key", directory.path("registrar")])
        #expect(signed.status == 0, "\(signed.standardError)")
        #expect(signed.standardOutput.contains("Signé et enregistré comme entrée 1 : Paris (FR)."))

        let verified = try DeclarationProcess.run(["verify"] + registry)
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("verified"))
        #expect(verified.standardOutput.contains("1 government, 0 civil-society organisations"))

        let listed = try DeclarationProcess.run(["list"] + registry)
        #expect(listed.status == 0)
        #expect(listed.standardOutput.contains("\tParis\tFR\tFrance\t"))

        let withdrawn = try DeclarationProcess.run(["withdraw", "--key", directory.path("paris"), "--reason", "New mandate",
                                                    "--registrar-key", directory.path("registrar")] + registry)
        #expect(withdrawn.status == 0, "\(withdrawn.standardError)")
        let afterwards = try DeclarationProcess.run(["list"] + registry)
        #expect(afterwards.standardOutput.isEmpty)
        let table = try DeclarationProcess.run(["list"] + registry, environment: ["COLUMNS": "80"])
        #expect(table.standardOutput.hasPrefix("No signatories yet."))
        let history = try DeclarationProcess.run(["list", "--all"] + registry)
        #expect(history.standardOutput.contains("\twithdrew\tgovernment\tParis\tFR\tFrance\t"))
        #expect(history.standardOutput.hasSuffix("\tNew mandate\n"))

        // A withdrawn signatory may sign again later.
        let again = try signParis(in: directory, extra: registry + ["--registrar-key", directory.path("registrar")])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try DeclarationProcess.run(["verify"] + registry).status == 0)
    }

    @Test func statementFileAppendedByRegistrar() throws {
        let directory = try TemporaryDirectory()
        #expect(try initRegistry(in: directory).status == 0)
        try keygen("paris", in: directory)
        let registry = ["--registry", directory.path("registry")]
        let written = try signParis(in: directory, extra: registry + ["--out", directory.path("paris.statement.json")])
        #expect(written.status == 0, "\(written.standardError)")
        let appended = try DeclarationProcess.run(["append", "--registrar-key", directory.path("registrar"),
                                                   directory.path("paris.statement.json")] + registry)
        #expect(appended.status == 0, "\(appended.standardError)")
        #expect(appended.standardOutput.contains("Recorded entry 1"))
        // The same statement again: the key already belongs to an active signatory.
        let twice = try DeclarationProcess.run(["append", "--registrar-key", directory.path("registrar"),
                                                directory.path("paris.statement.json")] + registry)
        #expect(twice.status == 1)
        #expect(twice.standardError.contains("paris.statement.json"))
        #expect(twice.standardError.contains("already signed (entry 1)"))
    }

    @Test func duplicateSignatoryIsRefusedAndNothingWritten() throws {
        let directory = try TemporaryDirectory()
        #expect(try initRegistry(in: directory).status == 0)
        try keygen("paris", in: directory)
        try keygen("impostor", in: directory)
        let registry = ["--registry", directory.path("registry"), "--registrar-key", directory.path("registrar")]
        #expect(try signParis(in: directory, extra: registry).status == 0)
        let ledgerBefore = try Data(contentsOf: URL(fileURLWithPath: directory.path("registry/ledger.jsonl")))
        let duplicate = try signParis(in: directory, key: "impostor", extra: registry)
        #expect(duplicate.status == 1)
        #expect(duplicate.standardError.contains("même type, même nom, même territoire"))
        let ledgerAfter = try Data(contentsOf: URL(fileURLWithPath: directory.path("registry/ledger.jsonl")))
        #expect(ledgerBefore == ledgerAfter)
    }

    @Test func statementForAnotherRegistryIsRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(try initRegistry(in: directory).status == 0)
        try keygen("paris", in: directory)
        let written = try signParis(in: directory, extra: ["--origin", "other.example.org/registry", "--out", directory.path("other.json")])
        #expect(written.status == 0, "\(written.standardError)")
        let appended = try DeclarationProcess.run(["append", "--registrar-key", directory.path("registrar"),
                                                   "--registry", directory.path("registry"), directory.path("other.json")])
        #expect(appended.status == 1)
        #expect(appended.standardError.contains("\"registry\""))
        #expect(appended.standardError.contains("other.example.org/registry"))
    }

    @Test func initRefusesToOverwrite() throws {
        let directory = try TemporaryDirectory()
        #expect(try initRegistry(in: directory).status == 0)
        let again = try initRegistry(in: directory)
        #expect(again.status == 73)
        #expect(again.standardError.contains("already exists"))
    }

    @Test func wrongRegistrarKeyIsRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(try initRegistry(in: directory).status == 0)
        try keygen("paris", in: directory)
        let signed = try signParis(in: directory, extra: ["--registry", directory.path("registry"),
                                                          "--registrar-key", directory.path("paris")])
        #expect(signed.status == 1)
        #expect(signed.standardError.contains("not the registrar key"))
    }

    @Test func missingFieldsWithoutTerminalAreNamed() throws {
        let directory = try TemporaryDirectory()
        #expect(try initRegistry(in: directory).status == 0)
        try keygen("paris", in: directory)
        let result = try DeclarationProcess.run(["sign", "--key", directory.path("paris"), "--yes", "--name", "Paris",
                                                 "--registry", directory.path("registry"), "--registrar-key", directory.path("registrar")])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--kind"))
        #expect(result.standardError.contains("--jurisdiction"))
    }

    @Test func demoBuildsVerifiesAndLists() throws {
        let directory = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["demo", "--out", directory.path("demo")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("verified"))
        #expect(result.standardOutput.contains("15 governments, 3 civil-society organisations"))
        #expect(result.standardOutput.contains("São Paulo"))
        #expect(result.standardOutput.contains("São Paulo, Brazil"))
        #expect(result.standardOutput.contains("Friends of the Nation"))
        let verified = try DeclarationProcess.run(["verify", "--registry", directory.path("demo/registry"), "--format", "json"])
        #expect(verified.status == 0)
        #expect(verified.standardOutput.contains("\"verified\":true"))
    }
}
