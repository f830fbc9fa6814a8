import Foundation
@testable import RegistryStorage
import Testing
import TestSupport

/// The ledger is read in chunks into one buffer: lines that cross a chunk's
/// end, lines longer than a chunk, and bytes after the last line feed all
/// come out as written.
@Suite struct LedgerReaderTests {
    @Test func linesOfEveryLengthComeOutWhole() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.jsonl")
        var random = SeededGenerator(seed: 11)
        var lines: [[UInt8]] = []
        for index in 0..<40 {
            // Line 8 is longer than two chunks of a megabyte.
            let length = index == 7 ? 2_500_000 : Int.random(in: 0...120_000, using: &random)
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
            let isWhole = line.bytes == expected  // not printed: a line is up to 2.5 MB
            #expect(isWhole, "line \(index + 1) came out as \(line.bytes.count) bytes, expected \(expected.count)")
            offset += expected.count + 1
        }
        #expect(try reader.next() == nil)
        #expect(reader.trailingBytes == tail)
        #expect(reader.completeLength == offset)
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
