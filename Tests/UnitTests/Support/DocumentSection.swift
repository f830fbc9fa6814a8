import Foundation
import Testing

/// A section of a document in docs/ that code renders, such as FORMAT.md's
/// worked examples: the test compares the document with what the code
/// produces, line by line, and with DECLARATION_RECORD_FORMAT_EXAMPLE=1
/// writes the rendered section into the document instead.
struct DocumentSection {
    /// The document.
    let url: URL
    /// The line the section starts with (its heading).
    let start: String
    /// What starts the part after it.
    let next: String
    /// How failures name the section, such as "docs/FORMAT.md section 13".
    let name: String

    /// docs/FORMAT.md, from this file's place in the checkout.
    static let formatDocument = URL(fileURLWithPath: #filePath)  // Tests/UnitTests/Support/
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/FORMAT.md")

    /// The section as the document has it.
    func text() throws -> String {
        let document = try String(contentsOf: url, encoding: .utf8)
        let (lower, upper) = try bounds(in: document)
        return String(document[lower..<upper])
    }

    /// Records an issue at the first line where the document and
    /// `rendered` differ, and if their lengths differ.
    func expectEqual(to rendered: String) throws {
        let document = try String(contentsOf: url, encoding: .utf8)
        let (lower, upper) = try bounds(in: document)
        let section = String(document[lower..<upper])
        if ProcessInfo.processInfo.environment["DECLARATION_RECORD_FORMAT_EXAMPLE"] == "1", section != rendered {
            try (document[..<lower] + rendered + document[upper...]).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let documentLines = section.split(separator: "\n", omittingEmptySubsequences: false)
        let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = zip(documentLines, renderedLines).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("""
                \(name), line \(first.offset + 1), differs from what the code produces:
                document: \(first.element.0)
                code:     \(first.element.1)
                """)
        }
        #expect(documentLines.count == renderedLines.count, "\(name) has \(documentLines.count) lines, the code \(renderedLines.count)")
    }

    private func bounds(in document: String) throws -> (String.Index, String.Index) {
        let start = try #require(document.range(of: self.start), "\(url.lastPathComponent) has no \(self.start)")
        let end = try #require(document.range(of: next, range: start.upperBound..<document.endIndex),
                               "\(url.lastPathComponent) has nothing after \(self.start) starting with \(next)")
        return (start.lowerBound, end.lowerBound)
    }
}
