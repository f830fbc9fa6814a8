import Foundation
import RegistryStorage
import Testing

/// Messages that say exactly what happened: a failure after the entries
/// were recorded never says that nothing was.
@Suite struct StorageErrorMessageTests {
    @Test(arguments: [Int32(ENOSPC), EIO, EDQUOT])
    func aFailedDirectorySyncAfterRecordingSaysTheEntriesAreRecorded(_ code: Int32) {
        let reason = StorageError(path: "/registry", operation: "syncing the registry directory", code: code).reason
        let error = StorageError(path: "/registry", operation: "syncing the registry directory",
                                 cause: .recordedButNotSynced(first: 3, last: 4, reason: reason))
        let message = error.description
        #expect(message.contains("entries 3 to 4 are recorded"), "\(message)")
        #expect(!message.contains("nothing was recorded"), "\(message)")
        #expect(!message.contains("try again"), "\(message)")
        let one = StorageError(path: "/registry", operation: "syncing the registry directory",
                               cause: .recordedButNotSynced(first: 7, last: 7, reason: reason)).description
        #expect(one.contains("entry 7 is recorded"), "\(one)")
    }

    @Test func aLineTooLongNamesItsLine() {
        let message = StorageError(path: "/r/ledger.jsonl", operation: "reading the ledger",
                                   cause: .lineTooLong(line: 12, limit: 65_535)).description
        #expect(message.hasPrefix("/r/ledger.jsonl:12: "), "\(message)")
        #expect(message.contains("65535 bytes"), "\(message)")
    }
}
