import DeclarationRegistry
import Foundation

/// The declaration files in the checkout, and small edits of them, for the
/// tests of loading and rejecting declarations.
enum DeclarationFixtures {
    static let id = "subnational-open-government-declaration"

    /// `declarations/subnational-open-government-declaration` in the checkout,
    /// found from this file's path: the tests compare the built-in copy with it.
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Declaration
            .deletingLastPathComponent()  // DeclarationRegistry
            .deletingLastPathComponent()  // UnitTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // the checkout
            .appendingPathComponent("declarations")
            .appendingPathComponent(id)
    }

    /// The bytes of the checkout's declaration files, by name.
    static func files() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return files
    }

    /// The checkout's files with line `number` (1-based) of `name` replaced by `replacement`.
    static func files(replacingLine number: Int, of name: String, with replacement: String) throws -> [String: [UInt8]] {
        try files(editing: name) { lines in lines[number - 1] = replacement }
    }

    /// The checkout's files with the lines of `name` edited by `edit`.
    static func files(editing name: String, _ edit: (inout [String]) -> Void) throws -> [String: [UInt8]] {
        var all = try files()
        var lines = String(decoding: all[name] ?? [], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // the empty piece after the final newline
        edit(&lines)
        all[name] = Array((lines.joined(separator: "\n") + "\n").utf8)
        return all
    }

    /// The error `Declaration(files:source:)` throws for `files`, or nil if it accepts them.
    static func rejection(_ files: [String: [UInt8]]) -> DeclarationError? {
        do {
            _ = try Declaration(files: files, source: "t")
            return nil
        } catch {
            return error
        }
    }

    /// Writes `files` into a new directory named `name` inside `parent`.
    static func write(_ files: [String: [UInt8]], into parent: URL, name: String = id) throws -> URL {
        let directory = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (file, bytes) in files {
            try Data(bytes).write(to: directory.appendingPathComponent(file))
        }
        return directory
    }

    /// Runs `command` through /bin/sh in `directory` and returns its standard output.
    static func shell(_ command: String, in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
