import Dispatch
import Foundation
import RegistryStorage
import Testing
import TestSupport

/// The writer's lock holds whatever happens to the files in the registry
/// while it is held: removing `.lock` (a clean-up script, `rsync
/// --delete`, a restore) must not let a second writer in.
@Suite struct FileLockTests {
    /// Whether a second exclusive lock on `layout` is granted within
    /// `seconds` while the first is still held.
    private func secondLockIsGranted(_ layout: RegistryLayout, within seconds: Double,
                                     meanwhile: () throws -> Void) throws -> Bool {
        let first = try FileLock(registry: layout, exclusive: true)
        try meanwhile()
        let granted = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let second = try? FileLock(registry: layout, exclusive: true)
            granted.signal()
            second?.release()
            done.signal()
        }
        let wasGranted = granted.wait(timeout: .now() + seconds) == .success
        first.release()
        done.wait()
        return wasGranted
    }

    private func registry() throws -> (TemporaryDirectory, RegistryLayout) {
        let directory = try TemporaryDirectory()
        let layout = RegistryLayout(directory: directory.path("registry"))
        try FileManager.default.createDirectory(atPath: layout.directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: layout.lock, contents: Data())
        return (directory, layout)
    }

    @Test func aSecondWriterWaits() throws {
        let (directory, layout) = try registry()
        _ = directory
        #expect(try !secondLockIsGranted(layout, within: 0.5, meanwhile: {}))
    }

    @Test func removingTheLockFileWhileHeldLetsNoSecondWriterIn() throws {
        let (directory, layout) = try registry()
        _ = directory
        #expect(try !secondLockIsGranted(layout, within: 0.5) {
            try FileManager.default.removeItem(atPath: layout.lock)
        })
    }

    @Test func replacingTheLockFileWhileHeldLetsNoSecondWriterIn() throws {
        let (directory, layout) = try registry()
        _ = directory
        #expect(try !secondLockIsGranted(layout, within: 0.5) {
            try FileManager.default.removeItem(atPath: layout.lock)
            _ = FileManager.default.createFile(atPath: layout.lock, contents: Data())
        })
    }

    @Test func theLockIsGrantedOnceReleased() throws {
        let (directory, layout) = try registry()
        _ = directory
        let first = try FileLock(registry: layout, exclusive: true)
        first.release()
        let second = try FileLock(registry: layout, exclusive: true)
        second.release()
        let reader = try FileLock(registry: layout, exclusive: false)
        reader.release()
    }
}
