import Foundation
import RegistryStorage
import TransparencyLog

/// One refused checkpoint that proves a log misbehaved: it carried a valid
/// signature by the log's key and is inconsistent with the checkpoint the
/// witness had cosigned. Kept as one JSON file in the origin's evidence
/// folder (`WitnessDataLayout`), written durably before the refusal is sent.
package struct WitnessEvidence: Codable, Sendable, Equatable {
    /// The log's origin.
    package var origin: String
    /// Why it was refused (`AddCheckpointRefusal.code`), such as `root-changed`.
    package var reason: String
    /// The refusal's explanation, as sent to the client.
    package var detail: String
    /// When it was refused, in seconds since the POSIX epoch.
    package var time: UInt64
    /// The request's old size.
    package var oldSize: UInt64
    /// The refused checkpoint's size.
    package var size: UInt64
    /// The refused checkpoint's root, in base64.
    package var root: String
    /// The size the witness had cosigned.
    package var cosignedSize: UInt64
    /// The root the witness had cosigned, in base64.
    package var cosignedRoot: String
    /// The checkpoint the witness held, as served (nil if it held none).
    package var cosignedCheckpoint: String?
    /// The whole request body, verbatim: the signed checkpoint and proof.
    package var request: String

    /// The most bytes an evidence file may have: the request and the held
    /// checkpoint, escaped, with room to spare.
    package static let maximumByteCount = 1 << 20

    /// The file's bytes: JSON with sorted keys, one trailing newline.
    package var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return Array(data) + [0x0A]
    }

    /// An evidence file with the path it was read from.
    package struct Listed: Sendable, Equatable {
        /// The file.
        package var path: String
        /// What it holds.
        package var evidence: WitnessEvidence
    }

    /// Every evidence file in the data directory, ordered by origin hash,
    /// then by file name (time, then sequence).
    package static func list(in layout: WitnessDataLayout) throws(WitnessError) -> [Listed] {
        guard FileSystem.isDirectory(layout.evidence) else { return [] }
        var listed: [Listed] = []
        for origin in try storage({ () throws(StorageError) in try FileSystem.contentsOfDirectory(layout.evidence) }).sorted() {
            let folder = layout.evidence + "/" + origin
            guard FileSystem.isDirectory(folder) else { continue }
            let names = try storage { () throws(StorageError) in try FileSystem.contentsOfDirectory(folder) }
            for name in names.sorted() where name.hasSuffix(WitnessDataLayout.Name.evidenceExtension) {
                let path = folder + "/" + name
                let bytes = try storage { () throws(StorageError) in
                    try FileSystem.read(path, limit: maximumByteCount, links: .refuse)
                }
                guard let evidence = try? JSONDecoder().decode(WitnessEvidence.self, from: Data(bytes)) else {
                    throw .damagedState(path: path, reason: "not an evidence file this witness wrote")
                }
                listed.append(Listed(path: path, evidence: evidence))
            }
        }
        return listed
    }
}

/// Runs a storage operation, its failure as a `WitnessError`.
func storage<T>(_ operation: () throws(StorageError) -> T) throws(WitnessError) -> T {
    do throws(StorageError) {
        return try operation()
    } catch {
        throw .storage(error)
    }
}
