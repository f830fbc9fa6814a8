import Foundation

/// The list of signatories as `declaration list` prints it: on a terminal,
/// a summary line, then per kind a heading and columns that fit the width
/// (long values cut with "…", so a row is always one line); otherwise
/// plain lines, one per signatory, fields separated by tabs, nothing cut.
package enum SignatoryTable {
    /// The columns a row may show, in order; the narrower the terminal, the
    /// fewer are shown (`shown(for:)`).
    private enum Column: CaseIterable {
        case entry, name, jurisdiction, representative, keyID
    }

    /// Two cells between columns.
    private static let gap = "  "

    /// The lines of `listing` in columns at most `width` cells wide
    /// (at least 20 are assumed).
    package static func lines(_ listing: SignatoryListing, width requested: Int) -> [String] {
        let width = max(requested, 20)
        var lines = DisplayWidth.wrapped(listing.summary, to: width)
        for group in listing.groups {
            lines.append("")
            lines.append(DisplayWidth.truncated(group.title + " (" + CountedNoun.number(group.rows.count, in: listing.language) + ")", to: width))
            guard !group.rows.isEmpty else {
                lines.append(DisplayWidth.truncated(listing.text(.noSignatories), to: width))
                continue
            }
            let header: [Column: String] = [
                .entry: listing.text(.columnEntry), .name: listing.text(.columnName),
                .jurisdiction: listing.text(.columnJurisdiction),
                .representative: listing.text(.columnRepresentative), .keyID: listing.text(.columnKeyID),
            ]
            let rows: [[Column: String]] = group.rows.map { row in
                [.entry: String(row.sequence), .name: row.name, .jurisdiction: row.jurisdictionName,
                 .representative: row.title.isEmpty ? row.representative : row.representative + " (" + row.title + ")",
                 .keyID: row.keyID]
            }
            let natural = Dictionary(uniqueKeysWithValues: Column.allCases.map { column in
                (column, ([header] + rows).map { DisplayWidth.of($0[column] ?? "") }.max() ?? 0)
            })
            let widths = layout(natural, width: width)
            let columns = Column.allCases.filter { widths[$0] != nil }
            func line(_ cells: [Column: String]) -> String {
                var text = ""
                for (index, column) in columns.enumerated() {
                    let cellWidth = widths[column] ?? 0
                    let value = DisplayWidth.truncated(cells[column] ?? "", to: cellWidth)
                    if index > 0 { text += gap }
                    if column == .entry {
                        text += String(repeating: " ", count: max(0, cellWidth - DisplayWidth.of(value))) + value
                    } else if index == columns.count - 1 {
                        text += value
                    } else {
                        text += DisplayWidth.padded(value, to: cellWidth)
                    }
                }
                return text
            }
            lines.append(line(header))
            lines += rows.map(line)
        }
        return lines
    }

    /// The width of each column shown: every column at its natural width
    /// when they fit; otherwise the key id goes first, then the
    /// representative, then the jurisdiction, until the names have at least
    /// ten cells (or only they are left), and the columns left share the
    /// width, the narrow ones whole and the wide ones cut evenly.
    private static func layout(_ natural: [Column: Int], width: Int) -> [Column: Int] {
        let flexible: [Column] = [.name, .jurisdiction, .representative]
        var shown = Column.allCases
        for dropped in [Column.keyID, .representative, .jurisdiction] {
            let fixed = (natural[.entry] ?? 0) + (shown.contains(.keyID) ? natural[.keyID] ?? 0 : 0)
            let flexibleShown = flexible.filter(shown.contains)
            let room = width - fixed - gap.count * (shown.count - 1)
            let total = shown.reduce(0) { $0 + (natural[$1] ?? 0) } + gap.count * (shown.count - 1)
            if total <= width || room >= 10 * flexibleShown.count { break }
            shown.removeAll { $0 == dropped }
        }
        var widths: [Column: Int] = [:]
        var room = width - gap.count * (shown.count - 1)
        for column in shown where !flexible.contains(column) {
            widths[column] = natural[column] ?? 0
            room -= natural[column] ?? 0
        }
        // Narrowest first: each takes its natural width or an even share
        // of what is left, whichever is less.
        var left = flexible.filter(shown.contains).sorted { (natural[$0] ?? 0) < (natural[$1] ?? 0) }
        while let column = left.first {
            let share = max(1, room / left.count)
            let chosen = min(natural[column] ?? 0, share)
            widths[column] = chosen
            room -= chosen
            left.removeFirst()
        }
        return widths
    }

    /// One line per signatory, governments first: entry, kind, name,
    /// jurisdiction code, jurisdiction name, representative, title, key id
    /// and website, separated by tabs (a tab in a value becomes a space).
    package static func plainLines(_ listing: SignatoryListing) -> [String] {
        listing.rows.map { row in
            [String(row.sequence), row.kind.rawValue, row.name, row.jurisdiction, row.jurisdictionName,
             row.representative, row.title, row.keyID, row.website ?? ""]
                .map { $0.replacingOccurrences(of: "\t", with: " ") }
                .joined(separator: "\t")
        }
    }
}
