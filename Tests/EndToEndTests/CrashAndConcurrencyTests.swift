import Foundation
import Testing
import TestSupport

/// Appends killed at random moments never damage the ledger or lose an
/// entry that was reported; concurrent signers never fork the chain; a
/// reader verifying while they write never sees a false error. The full
/// runs are `scripts/crash-test.sh` and `scripts/concurrency-test.sh`.
@Suite struct CrashAndConcurrencyTests {
    /// Starts the binary, kills it with SIGKILL after `delay` microseconds
    /// (if it is still running), and returns what it printed and whether it
    /// was killed.
    private static func runKilled(_ arguments: [String], after delay: UInt32, in directory: TemporaryDirectory)
        throws -> (output: String, killed: Bool) {
        let process = Process()
        process.executableURL = DeclarationProcess.executableURL
        process.arguments = arguments
        let outputPath = directory.path("output-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try output.close()
        let killed = process.terminationReason == .uncaughtSignal
        return (try String(contentsOfFile: outputPath, encoding: .utf8), killed)
    }

    @Test func killedAppendsLoseNothingReported() throws {
        let directory = try TemporaryDirectory()
        let setup = try CommandLineRegistry(in: directory, signers: 12)
        var random = SeededGenerator(seed: 5)
        var reported: [String] = []
        var kills = 0
        // One run to completion sets the range of the delays: within the
        // first three quarters of a run, so most runs are cut somewhere
        // between start-up and the checkpoint's rename.
        let start = Date()
        #expect(try DeclarationProcess.run(setup.signArguments(0)).status == 0)
        reported.append("Town 0")
        let span = UInt32(max(Date().timeIntervalSince(start) * 750_000, 1_000))
        for index in 1..<setup.signerKeys.count {
            let delay = UInt32.random(in: 0..<span, using: &random)
            let run = try Self.runKilled(setup.signArguments(index), after: delay, in: directory)
            if run.killed { kills += 1 }
            if run.output.contains("Signed and recorded as entry") { reported.append("Town \(index)") }
            let verdict = try DeclarationProcess.run(["verify", "--registry", setup.registry])
            #expect(verdict.status == 0 || verdict.status == 2, "after run \(index): \(verdict.standardError)")
            if verdict.status == 2 {
                #expect(try DeclarationProcess.run(["repair", "--registry", setup.registry]).status == 0)
            }
        }
        #expect(try DeclarationProcess.run(["repair", "--registry", setup.registry]).status == 0)
        let final = try DeclarationProcess.run(["verify", "--registry", setup.registry])
        #expect(final.status == 0, "\(final.standardError)")
        let ledger = String(decoding: try setup.ledger(), as: UTF8.self)
        for name in reported {
            #expect(ledger.contains("\"name\":\"\(name)\""), "reported but lost: \(name)")
        }
        #expect(kills > 0, "no run was killed before it finished")
    }

    @Test func concurrentSignersAndAReaderNeverClash() throws {
        let directory = try TemporaryDirectory()
        let writers = 4
        let each = 5
        let setup = try CommandLineRegistry(in: directory, signers: writers * each)
        let statuses = StatusLog()
        let group = DispatchGroup()
        for writer in 0..<writers {
            group.enter()
            Thread {
                for round in 0..<each {
                    let index = writer * each + round
                    let result = try? DeclarationProcess.run(setup.signArguments(index))
                    statuses.add(writer: result?.status ?? -1, detail: result?.standardError ?? "did not run")
                }
                group.leave()
            }.start()
        }
        let writersDone = Flag()
        let readerDone = DispatchSemaphore(value: 0)
        Thread {
            // At least one verify runs even if the writers finish first.
            repeat {
                let result = try? DeclarationProcess.run(["verify", "--registry", setup.registry])
                statuses.add(reader: result?.status ?? -1, detail: result?.standardError ?? "did not run")
            } while !writersDone.isSet
            readerDone.signal()
        }.start()
        group.wait()
        writersDone.set()
        readerDone.wait()

        #expect(statuses.writerFailures.isEmpty, "\(statuses.writerFailures)")
        #expect(statuses.readerFailures.isEmpty, "\(statuses.readerFailures)")
        #expect(statuses.readerRuns > 0)
        let final = try DeclarationProcess.run(["verify", "--registry", setup.registry])
        #expect(final.status == 0, "\(final.standardError)")
        #expect(final.standardOutput.contains("Entries:      \(writers * each)"), "\(final.standardOutput)")
    }
}

/// Exit statuses gathered from several threads.
private final class StatusLog: @unchecked Sendable {
    // Every access holds `lock`.
    private let lock = NSLock()
    private var writers: [String] = []
    private var readers: [String] = []
    private var reads = 0

    func add(writer status: Int32, detail: String) {
        lock.withLock { if status != 0 { writers.append("exit \(status): \(detail)") } }
    }

    func add(reader status: Int32, detail: String) {
        lock.withLock {
            reads += 1
            if status != 0 { readers.append("exit \(status): \(detail)") }
        }
    }

    var writerFailures: [String] { lock.withLock { writers } }
    var readerFailures: [String] { lock.withLock { readers } }
    var readerRuns: Int { lock.withLock { reads } }
}

/// A flag set once, read from another thread.
private final class Flag: @unchecked Sendable {
    // Every access holds `lock`.
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
