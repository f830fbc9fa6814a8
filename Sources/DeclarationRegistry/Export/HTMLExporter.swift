/// The list as one self-contained HTML page: the declaration's title, a
/// one-line summary and the signatories first, then how to verify the list;
/// inline CSS, no script, no external resource (a Content-Security-Policy
/// forbids both; the only links are to the signatories' websites and the
/// published registry), the `lang` attribute set, a table that turns into
/// cards on narrow screens, and a print style sheet.
///
/// Every value is escaped with `ExportEscaping.html` and wrapped in `<bdi>`,
/// so a right-to-left name (Arabic, Hebrew) is shown in its own direction
/// without reordering the text around it.
package enum HTMLExporter {
    /// The table columns; the kind is the table's heading, and the
    /// jurisdiction is named (`JurisdictionName`), so no country column.
    package static let columns: [Vocabulary] = [
        .columnName, .columnJurisdiction, .columnRepresentative, .columnTitle, .columnLanguage,
        .columnSignedOn, .columnRecordedOn, .columnEntry, .columnKeyID, .columnWebsite,
    ]

    /// The HTML bytes of `listing`, ending with a line feed.
    package static func render(_ listing: SignatoryListing) -> [UInt8] {
        let escape = ExportEscaping.html
        let metadata = listing.metadata
        func isolated(_ value: String) -> String { "<bdi>" + escape(value) + "</bdi>" }
        func entry(_ term: Vocabulary, _ html: String) -> String {
            "<dt>" + escape(listing.text(term)) + "</dt><dd>" + html + "</dd>"
        }
        let heading = listing.text(.listTitle) + " — " + listing.declarationTitle
        var out = ExportBuffer(capacity: 32 * 1024 + 900 * listing.rowCount)
        // Lines of the page around the rows, written out before each table.
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"\(listing.language.code)\" dir=\"ltr\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            "<meta name=\"referrer\" content=\"no-referrer\">",
            "<title>" + escape(heading) + "</title>",
            "<style>",
            styleSheet,
            "</style>",
            "</head>",
            "<body>",
            "<main>",
            "<header>",
            "<p class=\"kicker\">" + escape(listing.text(.listTitle)) + "</p>",
            "<h1>" + isolated(listing.declarationTitle) + "</h1>",
            "<p class=\"summary\">" + escape(listing.summary) + "</p>",
            "</header>",
        ]
        for group in listing.groups {
            let id = "group-" + group.kind.rawValue
            lines.append("<section aria-labelledby=\"\(id)\">")
            lines.append("<h2 id=\"\(id)\">" + escape(group.title) + " <span class=\"count\">("
                         + String(group.rows.count) + ")</span></h2>")
            guard !group.rows.isEmpty else {
                lines.append("<p class=\"empty\">" + escape(listing.text(.noSignatories)) + "</p>")
                lines.append("</section>")
                continue
            }
            let labels = columns.map { escape(listing.text($0)) }
            lines.append("<div class=\"table\">")
            lines.append("<table>")
            lines.append("<thead><tr>" + labels.map { "<th scope=\"col\">" + $0 + "</th>" }.joined() + "</tr></thead>")
            lines.append("<tbody>")
            // Each cell's opening tag, made once: rows only add their values.
            let classes = ["name", "place", "person", "", "", "date", "date", "num", "key", "site"]
            let opening = labels.indices.map { index in
                let kind = classes[index].isEmpty ? "" : " class=\"\(classes[index])\""
                let tag = index == 0 ? "th scope=\"row\"" : "td"
                return "<\(tag)\(kind) data-label=\"\(labels[index])\">"
            }
            for line in lines { out.line(line) }
            lines = []
            func isolated(_ value: String) {
                out.append("<bdi>")
                ExportEscaping.appendHTML(value, to: &out)
                out.append("</bdi>")
            }
            func time(_ rfc3339: String, _ day: String) {
                out.append("<time datetime=\"")
                ExportEscaping.appendHTML(rfc3339, to: &out)
                out.append("\">")
                ExportEscaping.appendHTML(day, to: &out)
                out.append("</time>")
            }
            for row in group.rows {
                out.append("<tr>")
                out.append(opening[0])
                isolated(row.name)
                out.append("</th>")
                out.append(opening[1])
                // One grid item in the card layout: the name and its code.
                out.append("<span>")
                isolated(row.jurisdictionName)
                if !row.jurisdictionName.contains(row.jurisdiction) {
                    out.append(" <span class=\"code\">")
                    ExportEscaping.appendHTML(row.jurisdiction, to: &out)
                    out.append("</span>")
                }
                out.append("</span></td>")
                out.append(opening[2])
                isolated(row.representative)
                out.append("</td>")
                out.append(opening[3])
                isolated(row.title)
                out.append("</td>")
                out.append(opening[4])
                ExportEscaping.appendHTML(row.languageName, to: &out)
                out.append("</td>")
                out.append(opening[5])
                time(row.signedAt, row.signedOn)
                out.append("</td>")
                out.append(opening[6])
                time(row.appendedAt, row.recordedOn)
                out.append("</td>")
                out.append(opening[7])
                ExportEscaping.appendHTML(String(row.sequence), to: &out)
                out.append("</td>")
                out.append(opening[8])
                out.append("<code>")
                ExportEscaping.appendHTML(row.keyID, to: &out)
                out.append("</code></td>")
                out.append(opening[9])
                if let website = row.website {
                    out.append(link(website, text: displayedWebsite(website), breakingAtDots: true))
                }
                out.append("</td></tr>\n")
            }
            lines.append("</tbody>")
            lines.append("</table>")
            lines.append("</div>")
            lines.append("</section>")
        }
        if listing.isEmpty && listing.groups.isEmpty {
            lines.append("<p class=\"empty\">" + escape(listing.text(.noSignatories)) + "</p>")
        }
        let registry = metadata.publishedURL.map { link($0, text: metadata.origin) }
            ?? "<code>" + isolated(metadata.origin) + "</code>"
        lines += [
            "<section class=\"verification\" aria-labelledby=\"verification\">",
            "<h2 id=\"verification\">" + escape(listing.text(.headingVerification)) + "</h2>",
            "<div class=\"verify\">",
            "<p>" + escape(listing.verifyInstructions) + "</p>",
            // One span per shell word, kept whole: a narrow screen wraps the
            // command between its words, never inside "--checkpoint".
            "<pre class=\"command\" aria-label=\"" + escape(listing.text(.labelVerifyWith)) + "\"><code>"
                + listing.verifyArguments.map { "<span class=\"word\">" + escape($0) + "</span>" }.joined(separator: " ")
                + "</code></pre>",
        ]
        if let note = metadata.checkpointNote {
            lines.append("<pre class=\"note\" aria-label=\"" + escape(listing.text(.labelCheckpoint)) + "\">" + escape(note) + "</pre>")
        }
        lines += [
            "</div>",
            "<dl class=\"meta\">",
            entry(.labelRegistry, registry),
        ]
        if let url = metadata.publishedURL {
            lines.append(entry(.labelPublishedAt, link(url, text: url)))
        }
        lines += [
            entry(.labelDeclaration, "<code>" + isolated(metadata.declarationID) + "</code>"),
            entry(.labelVersion, isolated(metadata.declarationVersion)),
            entry(.labelDigest, "<code>" + escape(metadata.declarationDigest.hex) + "</code>"),
            entry(.labelTreeSize, escape(String(metadata.checkpointSize))),
            entry(.labelRootHash, "<code>" + escape(metadata.checkpointRoot.base64) + "</code>"),
        ]
        // Only when a policy verified them: without one, nothing is said.
        if let witnesses = metadata.witnesses {
            let items = witnesses.map { witness in
                "<li><code>" + isolated(witness.witness) + "</code> (<code>" + isolated(witness.keyName) + "</code>) <time datetime=\""
                    + escape(witness.time) + "\">" + escape(witness.time) + "</time></li>"
            }
            lines.append(entry(.labelWitnesses, "<ul>" + items.joined() + "</ul>"))
        }
        lines += [
            entry(.labelExportedAt, "<time datetime=\"" + escape(metadata.exportedAt) + "\">"
                  + escape(listing.exportedAtText) + "</time>"),
            "</dl>",
            "</section>",
            "</main>", "</body>", "</html>",
        ]
        for line in lines { out.line(line) }
        return out.bytes
    }

    /// A link to `url` showing `text`, or `text` alone when `url` is not
    /// http or https (a verified registry holds no other website, but a
    /// `javascript:` link must never be made of anything). With
    /// `breakingAtDots`, the text may break before a dot and after a slash
    /// (`<wbr>`), so a long website wraps there instead of widening its column.
    static func link(_ url: String, text: String, breakingAtDots: Bool = false) -> String {
        let escape = ExportEscaping.html
        var shown = escape(text)
        if breakingAtDots {
            // Dots and slashes are never part of a character reference.
            shown = shown.replacingOccurrences(of: ".", with: "<wbr>.").replacingOccurrences(of: "/", with: "/<wbr>")
        }
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return "<bdi>" + shown + "</bdi>" }
        return "<a href=\"" + escape(url) + "\" rel=\"nofollow noopener noreferrer\"><bdi>" + shown + "</bdi></a>"
    }

    /// A website as a reader needs to see it: without "https://" and a
    /// final "/".
    static func displayedWebsite(_ url: String) -> String {
        var shown = Substring(url)
        for scheme in ["https://", "http://"] where shown.lowercased().hasPrefix(scheme) {
            shown = shown.dropFirst(scheme.count)
        }
        if shown.hasSuffix("/") { shown = shown.dropLast() }
        return shown.isEmpty ? url : String(shown)
    }

    /// The page's only style sheet. Wide screens get the table, long
    /// dates and key ids on one line, the representative at least 11rem
    /// wide; narrow screens get one card per signatory; print gets the
    /// plain table in landscape. The verify command wraps only between
    /// its words.
    package static let styleSheet = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --band: #f6f8fa; --accent: #0b5cad; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "DejaVu Sans", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; }
        main { max-width: 90rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
        .kicker { margin: 0 0 .25rem; color: var(--muted); font-size: .9rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 0; }
        .summary { margin: .5rem 0 0; font-size: 1.1rem; }
        a { color: var(--accent); overflow-wrap: anywhere; }
        .place .code { color: var(--muted); font-size: .8em; white-space: nowrap; }
        h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); }
        .count { color: var(--muted); font-weight: normal; }
        dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: 0; font-size: .9rem; }
        dl.meta dt { font-weight: 600; color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .85em; }
        .verification { margin-top: 3rem; }
        .verify { margin: 0 0 1rem; padding: .75rem 1rem; background: var(--band); border: 1px solid var(--line); border-radius: 6px; font-size: .9rem; }
        .verify p { margin: 0; }
        pre.command { font-weight: 600; overflow-wrap: normal; overflow-x: auto; }
        pre.command .word { white-space: nowrap; }
        pre { margin: .5rem 0 0; padding: .5rem .75rem; background: #fff; border: 1px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
        table { width: 100%; border-collapse: collapse; font-size: .85rem; }
        .table { overflow-x: auto; }
        th, td { padding: .4rem .3rem; text-align: start; vertical-align: top; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
        thead th { background: var(--band); border-bottom: 2px solid var(--line); overflow-wrap: normal; }
        tbody th { font-weight: 600; min-width: 6.5rem; }
        td.person { min-width: 11rem; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .date, .key { white-space: nowrap; overflow-wrap: normal; }
        .site a { overflow-wrap: normal; }
        .num { text-align: end; font-variant-numeric: tabular-nums; }
        .empty { font-style: italic; color: var(--muted); }
        @media screen and (max-width: 64rem) {
          table, thead, tbody, tr, th, td { display: block; }
          thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
          tbody tr, tbody tr:nth-child(even) { margin: 0 0 .75rem; padding: .5rem .75rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
          .table { overflow-x: visible; }
          tbody th, tbody td { overflow-wrap: anywhere; display: grid; grid-template-columns: 8.5rem minmax(0, 1fr); gap: .75rem; padding: .15rem 0; border: 0; text-align: start; }
          tbody td::before { content: attr(data-label); color: var(--muted); font-weight: 600; overflow-wrap: normal; white-space: normal; }
          tbody th { display: block; min-width: 0; font-size: 1.05rem; padding-bottom: .35rem; }
          td.person { min-width: 0; }
          tbody td.num { text-align: start; }
          .date, .key { white-space: normal; }
          .site a { overflow-wrap: anywhere; }
          tbody td > bdi, tbody td > a, tbody td > span { justify-self: start; }
          tbody td.site:empty { display: none; }
        }
        @media screen and (max-width: 40rem) {
          dl.meta { grid-template-columns: minmax(0, 1fr); }
          dl.meta dd { margin-bottom: .35rem; }
        }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          html { font-size: 9pt; }
          body { font-size: 1rem; }
          main { max-width: none; padding: 0; }
          .table { overflow: visible; }
          h2 { break-after: avoid; }
          tr, pre, .verify { break-inside: avoid; }
          thead { display: table-header-group; }
          tbody tr:nth-child(even) { background: none; }
          .verify { background: none; }
        }
        """
}
