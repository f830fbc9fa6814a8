import Foundation

/// A directory of its own for one test, removed when the value goes away.
public final class TemporaryDirectory: Sendable {
    /// The directory's location.
    public let url: URL

    /// Creates a fresh, empty directory under the system's temporary folder.
    public init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("declaration-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.url = url
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
