import Foundation
import Glibc

/// A real nginx serving a directory on a free loopback port, for the
/// tests of the HTTP client and of verification from a URL. It runs as a
/// child of the test, in the foreground and as one process (no workers, so
/// no switch to `nobody` when the tests run as root), with its
/// configuration, pid, logs and temporary folders in the test's own
/// directory; `stop()` (or dropping it) ends it with SIGQUIT, then SIGTERM,
/// and reaps it.
public final class NginxServer: @unchecked Sendable {
    /// What a location does instead of serving the file at its path.
    public enum Fault: Sendable, Equatable {
        /// Answers this status (such as 500) with no body.
        case status(Int)
        /// Serves the file at one byte per second: a stalled server.
        case stall
        /// Serves `bytes` zero bytes (a sparse file, so none is written),
        /// with their Content-Length.
        case huge(bytes: Int)
        /// Serves `bytes` zero bytes gzip-compressed, so chunked with no
        /// Content-Length: a body that grows past any limit as it arrives.
        case hugeCompressed(bytes: Int)
        /// Serves this file instead of the one at the path.
        case file(String)
        /// Answers any method (a POST too) with this status, media type
        /// and body: a fixed answer from a server such as a witness.
        /// The body must not hold a double quote or a backslash.
        case answer(status: Int, contentType: String, body: String)
    }

    /// The port nginx listens on, on 127.0.0.1.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let directory: String
    private let process: ChildProcess
    private let lock = NSLock()
    private var stopped = false

    /// Why nginx could not be started.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts nginx serving `root` at `/`, with `faults` at exact paths
    /// (such as `/site/checkpoint`) and, with `gzip`, every file
    /// compressed on the fly (entry bundles and tiles are
    /// `application/octet-stream`, the checkpoint `text/plain`).
    public init(serving root: String, in directory: TemporaryDirectory, faults: [String: Fault] = [:],
                gzip: Bool = false) throws {
        guard let executable = Self.executable else {
            throw StartError(description: "nginx is not installed: run scripts/install-dependencies, which installs it (the Debian package nginx)")
        }
        // nginx runs as this process's user (one process, no workers to
        // switch to `nobody`), so what the test wrote is what it can read.
        guard FileManager.default.isReadableFile(atPath: root) else {
            throw StartError(description: "nginx could not serve \(root): the folder is not readable")
        }
        let home = directory.path("nginx-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        self.directory = home
        var lastError = ""
        // A port found free may be taken before nginx binds it: try again.
        for _ in 0..<8 {
            let port = try Self.freePort()
            let configuration = try Self.configuration(home: home, root: root, port: port, faults: faults, gzip: gzip)
            try configuration.write(toFile: home + "/nginx.conf", atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: home + "/nginx.pid")
            let process = try ChildProcess(executable, arguments: ["-p", home, "-c", home + "/nginx.conf", "-e", home + "/error.log"])
            if Self.waitUntilListening(port: port, process: process, pidFile: home + "/nginx.pid") {
                self.port = port
                self.process = process
                return
            }
            process.kill(SIGKILL)
            process.wait()
            lastError = (try? String(contentsOfFile: home + "/error.log", encoding: .utf8)) ?? ""
            guard lastError.contains("Address already in use") else { break }
        }
        throw StartError(description: "nginx did not start: \(lastError)")
    }

    deinit {
        stop()
    }

    /// The URL of `path` (starting with `/`).
    public func url(_ path: String) -> String {
        baseURL + path
    }

    /// Stops nginx: SIGQUIT (graceful), SIGTERM after two seconds, SIGKILL
    /// after two more; waits for it to exit.
    public func stop() {
        let alreadyStopped = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        for signal in [SIGQUIT, SIGTERM, SIGKILL] {
            process.kill(signal)
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(5_000) }
            if !process.isRunning { break }
        }
        process.wait()
    }

    /// One request nginx logged.
    public struct LoggedRequest: Sendable, Equatable {
        /// The path requested.
        public var path: String
        /// The status answered.
        public var status: Int
        /// Body bytes sent (compressed, when gzip was used).
        public var bodyBytes: Int
        /// The Content-Encoding sent, "-" for none.
        public var encoding: String
        /// The request's Accept-Encoding, "-" for none.
        public var acceptEncoding: String
    }

    /// The requests nginx has logged so far, oldest first.
    public func requests() -> [LoggedRequest] {
        let text = (try? String(contentsOfFile: directory + "/access.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 4).map(String.init)
            guard fields.count == 5, let status = Int(fields[1]), let bytes = Int(fields[2]) else { return nil }
            return LoggedRequest(path: fields[0], status: status, bodyBytes: bytes, encoding: fields[3],
                                 acceptEncoding: fields[4])
        }
    }

    /// The logged requests once there are at least `count`, waiting up to
    /// a minute for them: nginx logs a request when it ends, which for a
    /// response the client stopped reading is when nginx next fails to
    /// send, a moment later.
    /// With `matching`, waits for `count` of the requests it accepts.
    public func requests(atLeast count: Int, matching: (LoggedRequest) -> Bool = { _ in true }) -> [LoggedRequest] {
        let deadline = Date().addingTimeInterval(60)
        var logged = requests()
        while logged.filter(matching).count < count && Date() < deadline {
            usleep(20_000)
            logged = requests()
        }
        return logged
    }

    // MARK: - Starting

    /// nginx on the PATH, or where Debian puts it (/usr/sbin is not on
    /// every user's PATH).
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { $0 + "/nginx" } + ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func configuration(home: String, root: String, port: Int, faults: [String: Fault],
                                      gzip: Bool) throws -> String {
        var locations = ""
        for (path, fault) in faults.sorted(by: { $0.key < $1.key }) {
            switch fault {
            case .status(let code):
                locations += "        location = \(path) { return \(code); }\n"
            case .stall:
                locations += "        location = \(path) { limit_rate 1; sendfile off; output_buffers 1 1; }\n"
            case .huge(let bytes):
                let file = try sparseFile(home: home, bytes: bytes)
                locations += "        location = \(path) { gzip off; alias \(file); }\n"
            case .hugeCompressed(let bytes):
                let file = try sparseFile(home: home, bytes: bytes)
                locations += "        location = \(path) { gzip on; gzip_types *; gzip_min_length 0; alias \(file); }\n"
            case .file(let file):
                locations += "        location = \(path) { alias \(file); }\n"
            case .answer(let status, let contentType, let body):
                locations += "        location = \(path) { default_type \"\(contentType)\"; return \(status) \"\(body)\"; }\n"
            }
        }
        let compression = gzip
            ? "gzip on; gzip_types application/octet-stream text/plain application/json; gzip_min_length 0;"
            : "gzip off;"
        return """
            daemon off;
            master_process off;
            pid \(home)/nginx.pid;
            error_log \(home)/error.log warn;
            events { worker_connections 256; }
            http {
                client_body_temp_path \(home)/client-body;
                proxy_temp_path \(home)/proxy;
                fastcgi_temp_path \(home)/fastcgi;
                uwsgi_temp_path \(home)/uwsgi;
                scgi_temp_path \(home)/scgi;
                log_format plain '$uri $status $body_bytes_sent $sent_http_content_encoding $http_accept_encoding';
                access_log \(home)/access.log plain;
                types { text/plain checkpoint txt; application/json json; }
                default_type application/octet-stream;
                \(compression)
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
            \(locations)    }
            }

            """
    }

    /// A file of `bytes` zeros that takes no room on disk.
    private static func sparseFile(home: String, bytes: Int) throws -> String {
        let path = home + "/huge-\(bytes)"
        guard FileManager.default.createFile(atPath: path, contents: nil),
              truncate(path, off_t(bytes)) == 0
        else {
            throw StartError(description: "could not create \(path): \(String(cString: strerror(errno)))")
        }
        return path
    }

    /// A port that was free on 127.0.0.1 a moment ago.
    public static func freePort() throws -> Int {
        try RefusingPort().port
    }

    /// Waits up to ten seconds for nginx to listen on `port`; false if it
    /// exited or never listened. A connection alone proves nothing: while
    /// nginx retries a port another test's server took, that server
    /// answers. nginx writes its pid file only once every listening socket
    /// is bound, so the file naming this process is the proof.
    private static func waitUntilListening(port: Int, process: ChildProcess, pidFile: String) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard process.isRunning else { return false }
            let written = (try? String(contentsOfFile: pidFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if written == String(process.pid) && canConnect(port: port) { return true }
            usleep(20_000)
        }
        return false
    }

    private static func canConnect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
