import Foundation

/// Runs the built `declaration` binary, as a user would from a shell.
public enum DeclarationProcess {
    /// What one run of the binary produced.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The binary built next to the test bundle by `swift build`/`swift test`.
    public static var executableURL: URL {
        // The test bundle lives in the build products folder, beside the
        // executables SwiftPM builds for the same configuration.
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let beside = products.appendingPathComponent("declaration")
        if FileManager.default.isExecutableFile(atPath: beside.path) {
            return beside
        }
        return Bundle.main.bundleURL.appendingPathComponent("declaration")
    }

    /// Runs the binary with `arguments`, optional standard input, working
    /// directory and extra environment, and waits for it to exit.
    public static func run(
        _ arguments: [String],
        input: String? = nil,
        directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "DECLARATION_REGISTRY")
        // The tool speaks the locale's language: a test says which it wants.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { merged.removeValue(forKey: name) }
        for (key, value) in environment { merged[key] = value }
        process.environment = merged

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()

        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let errorData = LockedData()
        let errorReader = Thread {
            errorData.set(errorPipe.fileHandleForReading.readDataToEndOfFile())
        }
        errorReader.start()
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.value, as: UTF8.self)
        )
    }
}

extension DeclarationProcess {
    /// A standard output that cannot be written.
    public enum UnwritableOutput: Sendable {
        /// `/dev/full`: every write fails with ENOSPC, as on a full disk.
        case full
        /// A pipe whose reading end is closed: every write fails with EPIPE
        /// (or raises SIGPIPE, where it is not ignored).
        case closedPipe
    }

    /// Runs the binary with standard output that cannot be written and
    /// standard input at end; the result's standard output is empty.
    public static func run(_ arguments: [String], writingTo output: UnwritableOutput,
                           directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DECLARATION_REGISTRY")
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { environment.removeValue(forKey: name) }
        process.environment = environment
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        let outputPipe = Pipe()
        switch output {
        case .full:
            guard let full = FileHandle(forWritingAtPath: "/dev/full") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "/dev/full"])
            }
            process.standardOutput = full
        case .closedPipe:
            process.standardOutput = outputPipe
            try outputPipe.fileHandleForReading.close()
        }
        try process.run()
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: "",
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// Data handed from a reader thread to the test, under a lock.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
