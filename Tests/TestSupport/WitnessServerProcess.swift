import CryptoPrimitives
import Foundation
import Glibc
import RegistryStorage
import TransparencyLog

/// A `declaration witness serve` run by a test on a free loopback port
/// (`--listen 127.0.0.1:0`), started once it has printed its
/// `listening on URL` line. Its standard error (the request log) goes to a
/// file in the test's directory. `stop()` sends SIGTERM and waits;
/// `kill()` sends SIGKILL; dropping the value kills it if still running.
public final class WitnessServerProcess: @unchecked Sendable {
    // Safe to share: `process` is only signalled and waited for, and the
    // reader's output is read under `lock`.

    /// Why the server did not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The URL it listens on, such as `http://127.0.0.1:40123`, without the prefix.
    public let baseURL: URL
    /// The submission and monitoring prefix given, such as `/witness`, or empty.
    public let prefix: String
    /// The data directory.
    public let dataDirectory: String
    /// The file its standard error goes to.
    public let logFile: String
    /// The witness's verifier key (type 0x04).
    public let cosignerKey: CosignerKey

    private let process: Process

    /// `<base><prefix>/add-checkpoint`.
    public var addCheckpointURL: URL { URL(string: baseURL.absoluteString + prefix + "/add-checkpoint")! }
    /// The submission prefix a policy's `witness` line names.
    public var submissionPrefix: String { baseURL.absoluteString + prefix }

    /// The monitoring URL of the log `origin`.
    public func checkpointURL(origin: String) -> URL {
        let hash = SHA256.hash(Array(origin.utf8)).hex
        return URL(string: baseURL.absoluteString + prefix + "/" + hash + "/checkpoint")!
    }

    /// Starts a witness called `name` with the private key at `keyFile`,
    /// witnessing the logs in the file `logsFile`, keeping its state in
    /// `dataDirectory`; `extraArguments` are added to the command line.
    public init(
        keyFile: String, name: String, logsFile: String, dataDirectory: String,
        prefix: String = "", extraArguments: [String] = [], timeout: TimeInterval = 30
    ) throws {
        let key = try KeyFile.readPrivateKey(at: keyFile)
        self.cosignerKey = try CosignerKey(name: name, publicKey: key.publicKey)
        self.prefix = prefix
        self.dataDirectory = dataDirectory
        // Beside the data directory, not in it: the data stays the witness's alone.
        let logFile = dataDirectory + "-\(UUID().uuidString.prefix(8)).log"
        self.logFile = logFile
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)

        let process = Process()
        process.executableURL = DeclarationProcess.executableURL
        var arguments = [
            "witness", "serve", "--key", keyFile, "--name", name, "--logs", logsFile,
            "--listen", "127.0.0.1:0", "--data", dataDirectory,
        ]
        if !prefix.isEmpty { arguments += ["--prefix", prefix] }
        process.arguments = arguments + extraArguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: logFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process

        // Reads standard output on its own thread until the listening line.
        let line = LineBox()
        let reader = output.fileHandleForReading
        Thread {
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer += chunk
                if let newline = buffer.firstIndex(of: 0x0A) {
                    line.set(String(decoding: buffer[..<newline], as: UTF8.self))
                    break
                }
            }
            line.finish()
        }.start()
        let deadline = Date().addingTimeInterval(timeout)
        while line.value == nil && !line.isFinished && process.isRunning && Date() < deadline {
            usleep(10_000)
        }
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        guard let text = line.value, text.hasPrefix("listening on "),
              let url = URL(string: String(text.dropFirst("listening on ".count)))
        else {
            if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw StartError(description: "the witness did not start (status \(process.isRunning ? -1 : process.terminationStatus)): \(log)")
        }
        self.baseURL = url
    }

    /// Starts a witness in `directory` with a new key (written to
    /// `<label>.key`, mode 0600) for the logs `logKeys`, its data in
    /// `<label>-data`.
    public convenience init(
        in directory: TemporaryDirectory, label: String = "witness", name: String = "example.org/witness",
        logKeys: [NoteVerifierKey], prefix: String = "", extraArguments: [String] = []
    ) throws {
        let keyFile = directory.path(label + ".key")
        if !FileManager.default.fileExists(atPath: keyFile) {
            _ = try KeyFile.write(try Ed25519PrivateKey(), to: keyFile)
        }
        let logsFile = directory.path(label + ".logs")
        let lines = logKeys.map { "log \($0.string)\n" }.joined()
        try Data(("# logs witnessed\n" + lines).utf8).write(to: URL(fileURLWithPath: logsFile))
        try self.init(
            keyFile: keyFile, name: name, logsFile: logsFile, dataDirectory: directory.path(label + "-data"),
            prefix: prefix, extraArguments: extraArguments
        )
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends SIGKILL and waits for the process to end.
    public func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The request log written so far.
    public var log: String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// The first line of standard output, handed from the reader thread.
private final class LineBox: @unchecked Sendable {
    // Safe to share: every access is under `lock`.
    private let lock = NSLock()
    private var line: String?
    private var finished = false

    func set(_ value: String) { lock.withLock { line = value } }
    func finish() { lock.withLock { finished = true } }
    var value: String? { lock.withLock { line } }
    var isFinished: Bool { lock.withLock { finished } }
}
