import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// What a registrar could do to make signatories sign a text other than
/// the one they think: replace the registry's declaration copy, give the
/// header the new digest and sign a new checkpoint with the real key. The
/// registry is then consistent on its own, so only the rule that an id and
/// version the tool knows has one digest can catch it.
public enum DeclarationForgery {
    /// The built-in declaration's files with clause `clause` (from 1) of
    /// `language`'s text replaced by `replacement`; `version`, when given,
    /// replaces the manifest's version.
    public static func files(
        changingClause clause: Int, of language: String, to replacement: String, version: String? = nil
    ) -> [String: [UInt8]] {
        var files = Declaration.embeddedFiles
        let name = language + ".txt"
        var lines = String(decoding: files[name] ?? [], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix("\(clause). ") }) {
            lines[index] = "\(clause). " + replacement
        }
        files[name] = Array(lines.joined(separator: "\n").utf8)
        if let version {
            let manifest = String(decoding: files["manifest.json"] ?? [], as: UTF8.self)
                .replacingOccurrences(of: #""version": "1.0.0""#, with: #""version": "\#(version)""#)
            files["manifest.json"] = Array(manifest.utf8)
        }
        return files
    }

    /// The declaration digest of `files`, in hex.
    public static func digest(of files: [String: [UInt8]]) throws -> String {
        try Declaration(files: files, source: "t").digest.hex
    }

    /// The text digest of `language` ("fr") in `files`, in hex.
    public static func textDigest(of files: [String: [UInt8]], language: String) -> String {
        SHA256.hash(files[language + ".txt"] ?? []).hex
    }

    /// What `declaration show --lang language` prints for `files`.
    public static func rendered(_ files: [String: [UInt8]], language: String) throws -> String {
        let declaration = try Declaration(files: files, source: "t")
        return declaration.rendered(in: Language(rawValue: language) ?? .en)
    }

    /// Replaces the declaration copy of the registry in `registry`, whose
    /// ledger must be empty, with `files`, rewrites its header for them and
    /// signs a new empty checkpoint with the unencrypted registrar key in
    /// `registrarKeyFile`.
    public static func replaceDeclaration(
        in registry: String, with files: [String: [UInt8]], registrarKeyFile: String
    ) throws {
        let layout = RegistryLayout(directory: registry)
        let declaration = try Declaration(files: files, source: "forged")
        let oldHeader = try RegistryHeader(json: CanonicalJSON.parseCanonical(
            Array(try Data(contentsOf: URL(fileURLWithPath: layout.header))).dropLast()))
        let header = RegistryHeader(
            origin: oldHeader.origin, declarationID: declaration.id, declarationVersion: declaration.version,
            declarationDigest: declaration.digest, registrarKey: oldHeader.registrarKey)
        for (name, bytes) in files {
            try Data(bytes).write(to: URL(fileURLWithPath: layout.declarationFile(name)))
        }
        try Data(header.fileBytes).write(to: URL(fileURLWithPath: layout.header))
        let key = try KeyFile.readPrivateKey(at: registrarKeyFile, passphrase: nil)
        let checkpoint = try RegistryCheckpoint(origin: header.origin, size: 0, rootHash: MerkleTree.emptyRoot,
                                                chainHead: header.hash)
        try Data(try checkpoint.signedNote(with: key)).write(to: URL(fileURLWithPath: layout.checkpoint))
    }
}
