import CryptoPrimitives
import Foundation
import LogClient
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// Collects witnesses' cosignatures of a registry's current checkpoint, as
/// its witness policy names them (c2sp.org/tlog-witness): each witness that
/// has not cosigned it yet is sent the checkpoint with the consistency proof
/// from the size it last cosigned, all of them at once, and the
/// cosignatures that verify with their witnesses' keys are merged into the
/// registry's `checkpoint` file.
///
/// The entries are recorded and the checkpoint signed before this runs,
/// whatever the witnesses do: collecting only ever adds cosignature lines
/// to the checkpoint, and a registry without a policy is left alone.
public struct CosignatureCollector: Sendable {
    /// The registry.
    public var registry: Registry
    /// The longest each request to a witness may take, connecting included.
    public var timeout: Duration

    /// The most requests sent to one witness for one checkpoint: the first,
    /// and one more after each of at most two 409 answers.
    static let maximumRequests = 3

    /// A collector for the registry in `directory`, each request limited to `timeout`.
    public init(registry directory: String, timeout: Duration = .seconds(10)) {
        self.registry = Registry(directory: directory)
        self.timeout = timeout
    }

    /// The HTTP limits of the witness requests: both timeouts the
    /// collector's, and one retry of a request that got no answer (a
    /// network failure, a timeout, a 5xx), soon after.
    var configuration: HTTPClientConfiguration {
        HTTPClientConfiguration(idleTimeout: timeout, totalTimeout: timeout, retries: 1,
                                initialBackoff: .milliseconds(100), maximumInFlight: 4)
    }

    /// Collects the cosignatures the registry's checkpoint lacks, merges
    /// those that verify, and reports each witness's result and the quorum;
    /// nil when the registry has no witness policy. With
    /// `onlyBelowQuorum`, a checkpoint that already meets the quorum is
    /// left as it is and no witness is asked (what a publish needs).
    ///
    /// Throws what reading the registry throws (`.notARegistry`,
    /// `.verificationFailed`, `.storage`, the policy's errors), never for a
    /// witness that fails: that is in the report.
    public func collect(onlyBelowQuorum: Bool = false) async throws(RegistryError) -> WitnessingReport? {
        guard let policy = try registry.witnessPolicy() else { return nil }
        let layout = registry.layout
        let verifier = RegistryVerifier(layout: layout)
        let (bytes, ledgerLength) = try verifier.snapshot()
        let header = try verifier.readHeader()
        let checkpoint: RegistryCheckpoint
        let note: SignedNote
        let existing: WitnessedCheckpoint
        do throws(VerificationFailure) {
            checkpoint = try verifier.openCheckpoint(bytes, path: layout.checkpoint, header: header)
            do throws(TransparencyError) {
                note = try SignedNote(parsing: String(decoding: bytes, as: UTF8.self))
                existing = try policy.witnessing(of: note)
            } catch {
                throw VerificationFailure(file: layout.checkpoint, message: "a cosignature line does not verify with its witness's key: \(error); restore the checkpoint or remove that line")
            }
        } catch {
            throw .verificationFailed(error)
        }

        if onlyBelowQuorum, existing.isSatisfied {
            let submissions = policy.witnesses.map { witness in
                let done = existing.cosigners.first { $0.witness == witness.name }
                return WitnessingReport.Submission(witness: witness.name, url: witness.url ?? "",
                                                   outcome: done.map { .alreadyCosigned($0.cosignature) } ?? .notAsked)
            }
            return WitnessingReport(registry: layout.directory, size: checkpoint.size, submissions: submissions,
                                    witnessed: existing, superseded: false)
        }
        // Made on demand, each once: a witness already holding this
        // checkpoint's size, or none (size 0), needs no proof.
        let proofs = ConsistencyProofs(layout: layout, ledgerLength: ledgerLength, checkpoint: checkpoint,
                                       frontiers: WitnessFrontiers.load(layout))
        let known = WitnessSizes.load(layout)
        let client = WitnessClient(http: HTTPClient(configuration: configuration))
        let exchange = Exchange(note: note, size: checkpoint.size, proofs: proofs, client: client)

        var results: [Int: (outcome: WitnessingReport.Outcome, size: UInt64?)] = [:]
        await withTaskGroup(of: (Int, WitnessingReport.Outcome, UInt64?).self) { group in
            for (index, witness) in policy.witnesses.enumerated() {
                if let done = existing.cosigners.first(where: { $0.witness == witness.name }) {
                    results[index] = (.alreadyCosigned(done.cosignature), nil)
                    continue
                }
                // `checkWitnessPolicy` saw to both.
                guard let key = witness.key.cosignerKey, let url = witness.url.flatMap(Registry.submissionPrefix) else {
                    results[index] = (.failed("the policy gives it no usable key or URL"), nil)
                    continue
                }
                let start = known.sizes[key.string]
                group.addTask {
                    let (outcome, size) = await exchange.submit(to: url, key: key, startingFrom: start)
                    return (index, outcome, size)
                }
            }
            for await (index, outcome, size) in group {
                results[index] = (outcome, size)
            }
        }

        var sizes = known
        var cosignatures: [Cosignature] = []
        var submissions: [WitnessingReport.Submission] = []
        for (index, witness) in policy.witnesses.enumerated() {
            let result = results[index] ?? (.failed("not asked"), nil)
            if let key = witness.key.cosignerKey, let size = result.size { sizes.sizes[key.string] = size }
            if case .cosigned(let cosignature) = result.outcome { cosignatures.append(cosignature) }
            submissions.append(.init(witness: witness.name, url: witness.url ?? "", outcome: result.outcome))
        }
        let merged = try registry.mergeCosignatures(cosignatures, intoCheckpointWithText: note.text, sizes: sizes)
        Self.keepFrontiers(layout: layout, checkpoint: checkpoint, registrarKey: header.registrarKey, sizes: sizes)
        let witnessed: WitnessedCheckpoint
        do {
            witnessed = try policy.witnessing(of: merged ?? note)
        } catch {
            throw .verificationFailed(VerificationFailure(file: layout.checkpoint, message: error.description))
        }
        return WitnessingReport(registry: layout.directory, size: checkpoint.size, submissions: submissions,
                                witnessed: witnessed, superseded: merged == nil)
    }

    /// Keeps the tree's frontier at this checkpoint's size (from the derived
    /// state, when it is at that size) and at every size a witness still
    /// holds, so the next append proves consistency from them reading only
    /// its new lines. A hint only: failing to keep it costs the next
    /// collection a pass over the ledger.
    private static func keepFrontiers(layout: RegistryLayout, checkpoint: RegistryCheckpoint,
                                      registrarKey: Ed25519PublicKey, sizes: WitnessSizes) {
        var frontiers = WitnessFrontiers.load(layout)
        if let (state, _) = RegistryState.load(layout, checkpoint: checkpoint, registrarKey: registrarKey),
           state.size == checkpoint.size {
            frontiers.frontiers[state.size] = .init(ledgerLength: state.ledgerLength, state: state.tree.state)
        }
        let held = Set(sizes.sizes.values).union([checkpoint.size])
        frontiers.frontiers = frontiers.frontiers.filter { held.contains($0.key) }
        try? frontiers.save(layout)
    }
}

/// One checkpoint's submission to witnesses: what every witness's
/// requests share.
private struct Exchange: Sendable {
    let note: SignedNote
    let size: UInt64
    /// The consistency proofs, made as the witnesses need them.
    let proofs: ConsistencyProofs
    let client: WitnessClient

    /// Sends the checkpoint to the witness at `url`, from the size it was
    /// last known to have cosigned (0 when unknown), and again from the
    /// size it reports after a 409, at most twice. Returns the outcome and
    /// the size the witness holds now, when known.
    func submit(to url: URL, key: CosignerKey, startingFrom start: UInt64?) async -> (WitnessingReport.Outcome, UInt64?) {
        let endpoint = WitnessClient.addCheckpointURL(submissionPrefix: url).absoluteString
        // A remembered size past this checkpoint is not the witness's any
        // more (the state is older than a rollback, or was copied): ask.
        var old = start.flatMap { $0 <= size ? $0 : nil } ?? 0
        var learned: UInt64?
        for _ in 0..<CosignatureCollector.maximumRequests {
            let request: AddCheckpointRequest
            do {
                let proof = try proofs.proof(fromSize: old)
                request = try AddCheckpointRequest(oldSize: old, consistencyProof: proof, checkpointNote: note)
            } catch {
                return (.failed("\(endpoint): the request could not be made: \(error)"), learned)
            }
            let answer: WitnessClient.Answer
            do {
                answer = try await client.addCheckpoint(request, submissionPrefix: url)
            } catch {
                return (.failed(error.description), learned)
            }
            switch answer {
            case .cosigned(let response):
                do {
                    guard let cosignature = try response.cosignatures(of: note, by: [key]).first else {
                        return (.failed("\(endpoint): the answer holds no cosignature by the policy's key for this witness (\(key.string)); check the key in the policy"), learned)
                    }
                    return (.cosigned(cosignature), size)
                } catch {
                    return (.failed("\(endpoint): the cosignature does not verify with the policy's key: \(error)"), learned)
                }
            case .conflict(let held):
                learned = held.size
                guard held.size <= size else {
                    return (.failed("\(endpoint): the witness has cosigned a checkpoint of \(held.size) entries, more than this one's \(size): the registry was rolled back or forked, or the witness holds another log of the same origin. Find out which before anything else"), learned)
                }
                old = held.size
            case .refused(let status, let excerpt):
                let said = excerpt.isEmpty ? "" : ": \"\(excerpt)\""
                return (.failed("\(endpoint): HTTP \(status)\(said)\(Self.meaning(of: status))"), learned)
            }
        }
        return (.failed("\(endpoint): answered 409 \(CosignatureCollector.maximumRequests) times, each time with another size (last \(old)); try again later"), learned)
    }

    /// What a refusal's status means, per c2sp.org/tlog-witness, with what to do.
    private static func meaning(of status: Int) -> String {
        switch status {
        case 404: return " (the witness does not know this log's origin: ask its operator to add the log's key)"
        case 403: return " (the witness does not trust this registry's checkpoint key for its origin: ask its operator to check the log's key)"
        case 422: return " (the witness found this checkpoint inconsistent with one it cosigned before: the registry's history differs from what the witness saw; find out why before anything else)"
        case 400: return " (the witness refused the request as malformed)"
        default: return ""
        }
    }
}
