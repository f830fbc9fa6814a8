import CryptoPrimitives
import RegistryFormat
import RegistryStorage

/// Follows a published registry: verifies it from its URL (through the
/// trust state, so only what is new is fetched), then reports the entries
/// its last complete scan had not reported, checked against a watch list.
///
/// The scan's own position is kept apart from the trust state, in the
/// verified copy (`monitor-scanned`), and moved only by `commit` once the
/// caller has reported the scan: a run that fails after the verification
/// (output lost, a crash) reports the same entries again next time rather
/// than skipping them, and a `verify` of the same URL in between never
/// makes a monitor miss anything.
public struct RegistryMonitor: Sendable {
    /// The verification from the URL.
    public var verifier: RemoteVerifier
    /// What to watch for.
    public var watches: WatchList

    /// The file, in the trust state's copy, holding the size last scanned.
    static let scannedName = "monitor-scanned"

    /// A monitor verifying with `verifier` and matching `watches`.
    public init(verifier: RemoteVerifier, watches: WatchList) {
        self.verifier = verifier
        self.watches = watches
    }

    /// Verifies the registry and reads its new entries. Nothing about the
    /// scan is saved: call `commit` once it is reported.
    public func scan() async throws(RemoteVerificationError) -> MonitorReport {
        let verification = try await verifier.verify(keepingSignatoryDetails: false)
        let mirror = verification.mirror
        let size = verification.verification.checkpoint.size
        let scannedPath = mirror.path(Self.scannedName)
        let scanned = Self.readScanned(scannedPath)
        // A position past the verified size cannot be this registry's (the
        // trust state refuses a log that shrinks): scan it all again.
        let from = scanned.flatMap { $0 <= size ? $0 : nil }
        let entries = try Self.entries(in: mirror, after: from ?? 0, through: size)
        let withdrawn = Self.keysWithdrawnWithoutSignature(in: entries)
        let earlier = withdrawn.isEmpty ? [:] : try Self.latestSignatures(of: withdrawn, in: mirror, before: from ?? 0)
        let events = RegistryEvent.events(of: entries, watching: watches) { earlier[$0] }
        return MonitorReport(verification: verification, previousSize: from, events: events, scannedPath: scannedPath)
    }

    /// Records that `report` was reported in full: the next scan starts
    /// after its last entry.
    public func commit(_ report: MonitorReport) throws(RemoteVerificationError) {
        do {
            try FileSystem.replaceAtomically(report.scannedPath, bytes: Array("\(report.verification.verification.checkpoint.size)\n".utf8))
        } catch {
            throw .registry(.storage(error))
        }
    }

    // MARK: - The verified copy's entries

    private static func readScanned(_ path: String) -> UInt64? {
        guard let bytes = try? FileSystem.read(path, limit: 64, links: .refuse),
              bytes.last == UInt8(ascii: "\n") else { return nil }
        return UInt64(String(decoding: bytes.dropLast(), as: UTF8.self))
    }

    /// Entries `after + 1` to `through` of the copy, which the verification
    /// just checked in full (so a line that does not decode is damage).
    private static func entries(
        in mirror: RegistryLayout, after: UInt64, through: UInt64
    ) throws(RemoteVerificationError) -> [Entry] {
        guard through > after else { return [] }
        var entries: [Entry] = []
        var undecodable: UInt64?
        do throws(StorageError) {
            let reader = try LedgerReader(path: mirror.ledger)
            var number: UInt64 = 0
            while number < through, undecodable == nil, let line = try reader.next() {
                number += 1
                guard number > after else { continue }
                if let entry = LedgerLineCodec.decode(line.bytes)?.entry {
                    entries.append(entry)
                } else {
                    undecodable = number
                }
            }
        } catch {
            throw .registry(.storage(error))
        }
        if let undecodable {
            // The copy verified a moment ago: only a change behind the
            // tool's back can make a line of it unreadable.
            throw .trustStateDamaged(path: "\(mirror.ledger):\(undecodable)",
                                     reason: "the verified copy's entry \(undecodable) does not decode as an entry")
        }
        return entries
    }

    private static func keysWithdrawnWithoutSignature(in entries: [Entry]) -> Set<Ed25519PublicKey> {
        var signed: Set<Ed25519PublicKey> = []
        var withdrawn: Set<Ed25519PublicKey> = []
        for entry in entries {
            let key = entry.statement.publicKey
            switch entry.statement.content {
            case .signature: signed.insert(key)
            case .withdrawal: if !signed.contains(key) { withdrawn.insert(key) }
            }
        }
        return withdrawn
    }

    /// The last signature by each of `keys` among the first `before` entries.
    private static func latestSignatures(
        of keys: Set<Ed25519PublicKey>, in mirror: RegistryLayout, before: UInt64
    ) throws(RemoteVerificationError) -> [Ed25519PublicKey: Signatory] {
        var found: [Ed25519PublicKey: Signatory] = [:]
        for entry in try entries(in: mirror, after: 0, through: before) where keys.contains(entry.statement.publicKey) {
            if let signatory = entry.statement.signatory { found[entry.statement.publicKey] = signatory }
        }
        return found
    }
}

/// What one scan of a registry found.
public struct MonitorReport: Sendable {
    /// The verification from the URL.
    public var verification: RemoteVerificationReport
    /// The size the last complete scan reached; nil on the first scan,
    /// which reports every entry.
    public var previousSize: UInt64?
    /// The entries since, in ledger order.
    public var events: [RegistryEvent]
    /// Where `commit` records the scan.
    let scannedPath: String

    /// The events that claim a watched name or jurisdiction with a key
    /// that is not watched.
    public var alerts: [RegistryEvent] { events.filter(\.isAlert) }
}
