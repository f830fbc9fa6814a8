import Foundation

/// The declaration in one language, as read from its text file.
///
/// The text format (see docs/DECLARATION.md): line 1 is the title, line 2
/// is blank, then paragraphs separated by exactly one blank line, each
/// paragraph on a single line. Paragraphs before the first clause form the
/// preamble; clauses start with their number, a full stop and a space
/// ("1. ", "2. ", …) and are numbered from 1 without gaps. The file ends
/// with a line feed after the last clause.
public struct DeclarationText: Sendable, Hashable {
    /// The title, from line 1.
    public let title: String
    /// The paragraphs before the first clause, possibly none.
    public let preamble: [String]
    /// The clauses in order, without their "N. " prefix.
    public let clauses: [String]
    /// The line each clause is on, for errors that compare languages.
    let clauseLines: [Int]
    /// The line each preamble paragraph is on.
    let preambleLines: [Int]
    /// The number of lines in the file.
    let lineCount: Int

    /// Parses a text file's bytes; `file` names the file in errors.
    public init(parsing bytes: [UInt8], file: String) throws(DeclarationError) {
        let lines = try DeclarationFileChecks.lines(of: bytes, file: file)
        guard let title = lines.first, !title.isEmpty else {
            throw .malformedText(
                file: file, line: 1, expected: "the title on line 1",
                found: lines.isEmpty ? "an empty file" : "a blank line")
        }
        try Self.checkSpacing(title, file: file, line: 1)
        guard lines.count >= 3 else {
            throw .malformedText(
                file: file, line: lines.count + 1, expected: "a blank line, then the preamble or clause 1",
                found: "the end of the file")
        }
        guard lines[1].isEmpty else {
            throw .malformedText(
                file: file, line: 2, expected: "a blank line after the title", found: Self.quote(lines[1]))
        }

        var preamble: [String] = []
        var preambleLines: [Int] = []
        var clauses: [String] = []
        var clauseLines: [Int] = []
        var index = 2
        while index < lines.count {
            let lineNumber = index + 1
            let paragraph = lines[index]
            guard !paragraph.isEmpty else {
                throw .malformedText(
                    file: file, line: lineNumber,
                    expected: "a paragraph (exactly one blank line separates paragraphs)",
                    found: "another blank line")
            }
            try Self.checkSpacing(paragraph, file: file, line: lineNumber)
            if let (number, body) = try Self.clause(paragraph, file: file, line: lineNumber) {
                guard number == clauses.count + 1 else {
                    throw .malformedText(
                        file: file, line: lineNumber, expected: "clause \(clauses.count + 1)",
                        found: "clause \(number)")
                }
                clauses.append(body)
                clauseLines.append(lineNumber)
            } else {
                guard clauses.isEmpty else {
                    throw .malformedText(
                        file: file, line: lineNumber,
                        expected: "clause \(clauses.count + 1), starting \"\(clauses.count + 1). \"",
                        found: Self.quote(paragraph))
                }
                preamble.append(paragraph)
                preambleLines.append(lineNumber)
            }
            index += 1
            guard index < lines.count else { break }
            guard lines[index].isEmpty else {
                throw .malformedText(
                    file: file, line: index + 1,
                    expected: "a blank line between paragraphs (each paragraph is one line)",
                    found: Self.quote(lines[index]))
            }
            index += 1
            guard index < lines.count else {
                throw .malformedText(
                    file: file, line: index, expected: "the file to end right after the last clause",
                    found: "a trailing blank line")
            }
        }
        guard !clauses.isEmpty else {
            throw .malformedText(
                file: file, line: lines.count, expected: "at least one clause, starting \"1. \"",
                found: "none")
        }
        self.title = title
        self.preamble = preamble
        self.clauses = clauses
        self.clauseLines = clauseLines
        self.preambleLines = preambleLines
        self.lineCount = lines.count
    }

    /// Splits "12. Text" into (12, "Text"); nil when the paragraph is not a
    /// clause. Any paragraph that starts with ASCII digits and a full stop
    /// is taken as a clause, so that one that merely looks like a clause
    /// ("01. ", "1.Text", "1.5 million") is refused rather than read as
    /// preamble or as another number.
    private static func clause(
        _ paragraph: String, file: String, line: Int
    ) throws(DeclarationError) -> (Int, String)? {
        guard let match = paragraph.prefixMatch(of: /([0-9]+)\./) else { return nil }
        let digits = match.1
        let body = paragraph[match.range.upperBound...]
        guard digits.count == 1 || digits.first != "0" else {
            throw .malformedText(
                file: file, line: line, expected: "a clause number without leading zeros, such as \"1. \"",
                found: quote(paragraph))
        }
        // The spacing check ran first, so a space here is the only one.
        guard body.first == " ", body.count > 1, let number = Int(digits) else {
            throw .malformedText(
                file: file, line: line,
                expected: "a clause written \"1. We …\" (number, full stop, one space, text: "
                    + "a paragraph that starts with digits and a full stop is read as a clause)",
                found: quote(paragraph))
        }
        return (number, String(body.dropFirst()))
    }

    private static func checkSpacing(_ line: String, file: String, line number: Int) throws(DeclarationError) {
        if let expected = DeclarationFileChecks.spacingProblem(line) {
            throw .malformedText(file: file, line: number, expected: expected, found: quote(line))
        }
    }

    /// The start of a line, quoted, for messages.
    private static func quote(_ line: String) -> String {
        // The line passed the file checks (no controls, no PEM block);
        // printable() is a second guard for the terminal.
        let shown = DeclarationFileChecks.printable(line.count <= 40 ? line : String(line.prefix(40)))
        return line.count <= 40 ? "\"\(shown)\"" : "\"\(shown)…\""
    }

    public static func == (lhs: DeclarationText, rhs: DeclarationText) -> Bool {
        lhs.title == rhs.title && lhs.preamble == rhs.preamble && lhs.clauses == rhs.clauses
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(preamble)
        hasher.combine(clauses)
    }
}
