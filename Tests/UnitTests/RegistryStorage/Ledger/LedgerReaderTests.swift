import Foundation
import RegistryFormat
@testable import RegistryStorage
import Testing
import TestSupport

/// The ledger is read in chunks into one buffer: lines that cross a chunk's
/// end, lines of the maximum length, and bytes after the last line feed
/// all come out as written; a longer line is an error naming it.
@Suite struct LedgerReaderTests {
    @Test func linesOfEveryLengthComeOutWhole() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.jsonl")
        var random = SeededGenerator(seed: 11)
        var lines: [[UInt8]] = []
        for index in 0..<60 {
            // Line 8 has the most bytes a line may hold (its last letter
            // included); the others, 1.9 MB together, cross the 1 MB chunks.
            let length = index == 7 ? LedgerLineCodec.maximumLineLength - 1 : Int.random(in: 0...63_000, using: &random)
            let letter = UInt8.random(in: 0x20...0x7E, using: &random)
            lines.append([UInt8](repeating: letter, count: length) + [UInt8(0x41 + index)])
        }
        let tail = Array("{\"torn".utf8)
        try Data(lines.flatMap { $0 + [0x0A] } + tail).write(to: URL(fileURLWithPath: path))

        let reader = try LedgerReader(path: path)
        var offset = 0
        for (index, expected) in lines.enumerated() {
            let line = try #require(try reader.next())
            #expect(line.number == index + 1)
            #expect(line.offset == offset)
            let isWhole = line.bytes == expected  // not printed: a line is up to 64 KB
            #expect(isWhole, "line \(index + 1) came out as \(line.bytes.count) bytes, expected \(expected.count)")
            offset += expected.count + 1
        }
        #expect(try reader.next() == nil)
        #expect(reader.trailingBytes == tail)
        #expect(reader.completeLength == offset)
    }

    @Test(arguments: [LedgerLineCodec.maximumLineLength + 1, 3_000_000])
    func aLineLongerThanTheMaximumIsAnErrorNamingIt(_ length: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.jsonl")
        // With and without a line feed after it: neither is read whole.
        for ending: [UInt8] in [[0x0A], []] {
            try Data(Array("one\ntwo\n".utf8) + [UInt8](repeating: 0x61, count: length) + ending)
                .write(to: URL(fileURLWithPath: path))
            let reader = try LedgerReader(path: path)
            #expect(try reader.next()?.number == 1)
            #expect(try reader.next()?.number == 2)
            #expect(throws: StorageError(path: path, operation: "reading the ledger",
                                         cause: .lineTooLong(line: 3, limit: LedgerLineCodec.maximumLineLength))) {
                try reader.next()
            }
        }
    }

    /// Blocks hold the same lines as `next()` returns one by one, reusing
    /// their buffers, whatever the block size and mixed with `next()`.
    @Test func blocksHoldTheLinesInOrder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.jsonl")
        var random = SeededGenerator(seed: 12)
        let lines = (0..<3_000).map { index in
            [UInt8](repeating: UInt8(0x61 + index % 26), count: Int.random(in: 0...2_000, using: &random))
        }
        try Data(lines.flatMap { $0 + [0x0A] } + Array("torn".utf8)).write(to: URL(fileURLWithPath: path))
        for maximum in [1, 7, 1_000, 5_000] {
            let reader = try LedgerReader(path: path)
            var block = LedgerBlock()
            var read: [[UInt8]] = []
            while try reader.readBlock(into: &block, maximumLines: maximum) {
                #expect(block.firstLineNumber == read.count + 1)
                #expect(block.lineCount <= maximum && block.lineCount > 0)
                for index in 0..<block.lineCount { read.append(Array(block.bytes[block.range(ofLine: index)])) }
                if let line = try reader.next() {
                    #expect(line.number == read.count + 1)
                    read.append(line.bytes)
                }
            }
            #expect(read == lines, "blocks of \(maximum)")
            #expect(reader.trailingBytes == Array("torn".utf8))
        }
    }

    @Test func aBlockRefusesALineLongerThanTheMaximum() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.jsonl")
        try Data(Array("one\ntwo\n".utf8) + [UInt8](repeating: 0x61, count: LedgerLineCodec.maximumLineLength + 1) + [0x0A])
            .write(to: URL(fileURLWithPath: path))
        let reader = try LedgerReader(path: path)
        var block = LedgerBlock()
        #expect(throws: StorageError(path: path, operation: "reading the ledger",
                                     cause: .lineTooLong(line: 3, limit: LedgerLineCodec.maximumLineLength))) {
            while try reader.readBlock(into: &block, maximumLines: 100) {}
        }
    }

    @Test func readsNoFurtherThanTheLimit() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.jsonl")
        try Data("one\ntwo\nthree\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try LedgerReader(path: path, limit: 9)
        #expect(try reader.next()?.bytes == Array("one".utf8))
        #expect(try reader.next()?.bytes == Array("two".utf8))
        #expect(try reader.next() == nil)
        #expect(reader.trailingBytes == Array("t".utf8))
    }
}
