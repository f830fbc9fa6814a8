import DeclarationRegistry
import Dispatch
import LogClient
import RegistryStorage
import Synchronization

/// Verification from a URL, for the commands: the library's async API run
/// to completion from the synchronous command.
enum RemoteSession {
    /// Verifies the registry at `url` (updating the trust state), says so
    /// on standard error when its key was trusted on first use, and returns
    /// the report.
    static func verify(_ url: String, options: RemoteOptions, policy: CheckpointPolicy? = nil,
                       checkpoint: (path: String, bytes: [UInt8])? = nil,
                       collectingHistory: Bool = false,
                       keepingSignatoryDetails: Bool = true) throws(CommandError) -> RemoteVerificationReport {
        let verifier = try Self.verifier(for: url, options: options, policy: policy)
        let report: RemoteVerificationReport
        do throws(RemoteVerificationError) {
            report = try runBlocking { () async throws(RemoteVerificationError) in
                try await verifier.verify(checkpoint: checkpoint, collectingHistory: collectingHistory,
                                          keepingSignatoryDetails: keepingSignatoryDetails)
            }
        } catch {
            throw .remote(error)
        }
        noteFirstUse(report)
        return report
    }

    /// The verifier of the registry at `url`, with the options' client
    /// limits, trust state and pinned key.
    static func verifier(for url: String, options: RemoteOptions,
                         policy: CheckpointPolicy? = nil) throws(CommandError) -> RemoteVerifier {
        let prefix: LogPrefix
        do {
            prefix = try LogPrefix(url)
        } catch {
            throw .remote(.fetch(error))
        }
        return RemoteVerifier(client: TiledLogClient(prefix: prefix, http: HTTPClient(configuration: options.configuration)),
                              state: TrustStateLayout(root: try options.stateRoot()), pinnedKey: options.pinnedKey,
                              policy: policy)
    }

    /// Says on standard error that a key was trusted on first use, and how to pin it.
    static func noteFirstUse(_ report: RemoteVerificationReport) {
        if report.trust == .firstUse {
            Terminal.standardError("note: first use of \(report.verification.header.origin) from \(report.url): the registrar key its header names, \(report.logKey), is trusted from now on for this origin. Check it with the registrar, and pin it with --log-key \(report.logKey)")
        }
    }
}

/// Runs `operation` on the concurrency pool and blocks this thread until
/// it ends: the bridge from the synchronous command (whose root keeps its
/// own `main`, for the process-wide signal settings) to the library's async
/// network API. Nothing waits on this thread meanwhile, so it cannot
/// deadlock.
func runBlocking<Success: Sendable, Failure: Error>(
    _ operation: @escaping @Sendable () async throws(Failure) -> Success
) throws(Failure) -> Success {
    let outcome = Mutex<Result<Success, Failure>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        let result: Result<Success, Failure>
        do throws(Failure) {
            result = .success(try await operation())
        } catch {
            result = .failure(error)
        }
        outcome.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    // Set before the signal.
    guard let result = outcome.withLock({ $0 }) else { preconditionFailure("the operation signalled without a result") }
    return try result.get()
}
