/// The list as Markdown (CommonMark with GitHub tables): the metadata as a
/// list, then one table per kind.
///
/// Every value goes through `ExportEscaping.markdown`, so `|`, backslashes,
/// emphasis, links, HTML and line breaks in a name show as written and can
/// neither break a table nor restyle it.
package enum MarkdownExporter {
    /// The table columns; the kind is the table's heading.
    package static let columns: [Vocabulary] = [
        .columnName, .columnJurisdiction, .columnJurisdictionName, .columnCountry, .columnRepresentative, .columnTitle,
        .columnLanguage, .columnSignedOn, .columnRecordedOn, .columnEntry, .columnKeyID, .columnWebsite,
    ]

    /// The Markdown bytes of `listing`, ending with a line feed.
    package static func render(_ listing: SignatoryListing) -> [UInt8] {
        let escape = ExportEscaping.markdown
        let metadata = listing.metadata
        var out = ExportBuffer(capacity: 16 * 1024 + 200 * listing.rowCount)
        // Labels are the project's own words; only their text is escaped,
        // so the colon after them stays a colon.
        func label(_ term: Vocabulary) -> String {
            "- **" + escape(listing.text(term)) + (listing.language == .fr ? "\u{00A0}:" : ":") + "** "
        }
        func item(_ term: Vocabulary, _ value: String) {
            out.line(label(term) + escape(value))
        }
        out.line("# " + escape(listing.text(.listTitle) + " — " + listing.declarationTitle))
        out.line("")
        out.line(escape(listing.summary))
        out.line("")
        item(.labelRegistry, metadata.origin)
        if let url = metadata.publishedURL {
            out.line(label(.labelPublishedAt) + "<" + escapeAutolink(url) + ">")
        }
        item(.labelDeclaration, metadata.declarationID)
        item(.labelVersion, metadata.declarationVersion)
        // Hexadecimal digits and a number: nothing Markdown could read.
        out.line(label(.labelDigest) + metadata.declarationDigest.hex)
        out.line(label(.labelTreeSize) + String(metadata.checkpointSize))
        item(.labelRootHash, metadata.checkpointRoot.base64)
        item(.labelExportedAt, listing.exportedAtText)
        // The command is ASCII text without backticks (a published URL is
        // checked for them): a code span is safe.
        let command = listing.verifyCommand
        out.line(label(.labelVerifyWith) + (command.contains("`") ? escape(command) : "`" + command + "`"))
        out.line("")
        out.line(escape(listing.verifyInstructions))
        if let note = metadata.checkpointNote {
            // An indented code block: no fence a line of the note could close.
            out.line("")
            var noteLines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if noteLines.last == "" { noteLines.removeLast() }
            for line in noteLines {
                out.line(line.isEmpty ? "" : "    " + escapeControls(line))
            }
        }
        for group in listing.groups {
            out.line("")
            out.line("## " + escape(group.title) + " (" + String(group.rows.count) + ")")
            out.line("")
            guard !group.rows.isEmpty else {
                out.line("*" + escape(listing.text(.noSignatories)) + "*")
                continue
            }
            out.line("| " + columns.map { escape(listing.text($0)) }.joined(separator: " | ") + " |")
            out.line("|" + String(repeating: " --- |", count: columns.count))
            for row in group.rows {
                out.append("| ")
                for cell in [row.name, row.jurisdiction, row.jurisdictionName, row.countryName, row.representative,
                             row.title, row.languageName, row.signedOn, row.recordedOn] {
                    ExportEscaping.appendMarkdown(cell, to: &out)
                    out.append(" | ")
                }
                ExportEscaping.appendMarkdown(String(row.sequence), to: &out)
                out.append(" | ")
                ExportEscaping.appendMarkdown(row.keyID, to: &out)
                out.append(" | ")
                ExportEscaping.appendMarkdown(row.website ?? "", to: &out)
                out.line(" |")
            }
        }
        return out.bytes
    }

    /// `url` inside a CommonMark autolink (`<…>`), which ends at `>` and
    /// cannot hold spaces or `<`: those are percent-encoded.
    private static func escapeAutolink(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "<": out += "%3C"
            case ">": out += "%3E"
            case " ": out += "%20"
            default:
                if scalar.properties.generalCategory == .control { out += "%20" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A note line with any control character (a verified note has none)
    /// turned into a space.
    private static func escapeControls(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }))
    }
}
