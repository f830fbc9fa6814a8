/// The list as Markdown (CommonMark with GitHub tables): the metadata as a
/// list, then one table per kind.
///
/// Every value goes through `ExportEscaping.markdown`, so `|`, backslashes,
/// emphasis, links, HTML and line breaks in a name show as written and can
/// neither break a table nor restyle it.
public enum MarkdownExporter {
    /// The table columns; the kind is the table's heading.
    public static let columns: [Vocabulary] = [
        .columnName, .columnJurisdiction, .columnCountry, .columnRepresentative, .columnTitle, .columnLanguage,
        .columnSignedOn, .columnRecordedOn, .columnEntry, .columnKeyID,
    ]

    /// The Markdown bytes of `listing`, ending with a line feed.
    public static func render(_ listing: SignatoryListing) -> [UInt8] {
        let escape = ExportEscaping.markdown
        let metadata = listing.metadata
        var lines: [String] = []
        // Labels are the project's own words; only their text is escaped,
        // so the colon after them stays a colon.
        func label(_ term: Vocabulary) -> String {
            "- **" + escape(listing.text(term)) + (listing.language == .fr ? "\u{00A0}:" : ":") + "** "
        }
        func item(_ term: Vocabulary, _ value: String) {
            lines.append(label(term) + escape(value))
        }
        lines.append("# " + escape(listing.text(.listTitle) + " — " + listing.declarationTitle))
        lines.append("")
        item(.labelRegistry, metadata.origin)
        item(.labelDeclaration, metadata.declarationID)
        item(.labelVersion, metadata.declarationVersion)
        // Hexadecimal digits and a number: nothing Markdown could read.
        lines.append(label(.labelDigest) + metadata.declarationDigest.hex)
        lines.append(label(.labelTreeSize) + String(metadata.checkpointSize))
        item(.labelRootHash, metadata.checkpointRoot.base64)
        item(.labelExportedAt, listing.exportedAtText)
        // The command is fixed ASCII text without backticks: a code span is safe.
        lines.append(label(.labelVerifyWith) + "`" + SignatoryListing.verifyCommand + "`")
        lines.append("")
        lines.append(escape(listing.text(.verifyInstructions)))
        if let note = metadata.checkpointNote {
            // An indented code block: no fence a line of the note could close.
            lines.append("")
            var noteLines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if noteLines.last == "" { noteLines.removeLast() }
            for line in noteLines {
                lines.append(line.isEmpty ? "" : "    " + escapeControls(line))
            }
        }
        for group in listing.groups {
            lines.append("")
            lines.append("## " + escape(group.title) + " (" + String(group.rows.count) + ")")
            lines.append("")
            guard !group.rows.isEmpty else {
                lines.append("*" + escape(listing.text(.noSignatories)) + "*")
                continue
            }
            lines.append("| " + columns.map { escape(listing.text($0)) }.joined(separator: " | ") + " |")
            lines.append("|" + String(repeating: " --- |", count: columns.count))
            for row in group.rows {
                let cells = [
                    row.name, row.jurisdiction, row.countryName, row.representative, row.title, row.languageName,
                    row.signedOn, row.recordedOn, String(row.sequence), row.keyID,
                ]
                lines.append("| " + cells.map(escape).joined(separator: " | ") + " |")
            }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A note line with any control character (a verified note has none)
    /// turned into a space.
    private static func escapeControls(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }))
    }
}
