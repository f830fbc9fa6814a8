import Foundation

/// A registry's site served by nginx, and a trust state, for the tests of
/// verification from a URL: everything in the test's own directory.
public final class RemoteFixture: @unchecked Sendable {
    /// The test's directory.
    public let directory: TemporaryDirectory
    /// The folder nginx serves at `/`.
    public let root: String
    /// The site, served at `/reg`.
    public let site: String
    /// The trust state's folder (`--state`).
    public let state: String
    /// The server; replaced by `serve(faults:gzip:)`.
    public private(set) var server: NginxServer

    /// An empty site, served.
    public init(directory: TemporaryDirectory? = nil, faults: [String: NginxServer.Fault] = [:], gzip: Bool = false) throws {
        let directory = try directory ?? TemporaryDirectory()
        self.directory = directory
        root = directory.path("www")
        site = root + "/reg"
        state = directory.path("state")
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        server = try NginxServer(serving: root, in: directory, faults: faults, gzip: gzip)
    }

    /// The site's URL.
    public var url: String { server.url("/reg") }

    /// A second site, served at `/mirror`: where a test publishes another
    /// history of the same registry, as a mirror showing a split view would.
    public var mirrorSite: String { root + "/mirror" }
    /// The second site's URL.
    public var mirrorURL: String { server.url("/mirror") }

    /// Runs `declaration publish --registry REGISTRY --to SITE` (the
    /// fixture's site unless another is given) and requires it to succeed.
    public func publish(_ registry: String, to site: String? = nil) throws {
        let result = try DeclarationProcess.run(["publish", "--registry", registry, "--to", site ?? self.site],
                                                directory: directory.url)
        guard result.status == 0 else {
            throw PublishError(description: "declaration publish failed (\(result.status)): \(result.standardError)")
        }
    }

    /// A publish that failed.
    public struct PublishError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Restarts nginx with other faults (paths under `/reg`, such as `/reg/checkpoint`).
    public func serve(faults: [String: NginxServer.Fault] = [:], gzip: Bool = false) throws {
        server.stop()
        server = try NginxServer(serving: root, in: directory, faults: faults, gzip: gzip)
    }

    /// Runs `declaration verify URL --state STATE` with `arguments` after.
    public func verify(_ arguments: [String] = [], url: String? = nil) throws -> DeclarationProcess.Result {
        try DeclarationProcess.run(["verify", url ?? self.url, "--state", state] + arguments, directory: directory.url)
    }

    /// Every file under the trust state's `registries/` folder, by path, with its bytes.
    public func trustState() throws -> [String: Data] {
        let base = state + "/registries"
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        while let relative = walker.nextObject() as? String {
            let path = base + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// The evidence files saved so far.
    public func evidenceFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: state + "/evidence")) ?? []).sorted()
            .map { state + "/evidence/" + $0 }
    }

    /// Overwrites the site's file at `path` (relative to the site) with `bytes`.
    public func replace(_ path: String, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: site + "/" + path))
    }

    /// The bytes of the site's file at `path`.
    public func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: site + "/" + path)))
    }
}
