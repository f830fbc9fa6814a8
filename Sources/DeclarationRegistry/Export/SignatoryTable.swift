import Foundation

/// The list of signatories as `declaration list` prints it: on a terminal,
/// a summary line, then per kind a heading and columns that fit the width
/// (long values cut with "…", so a row is always one line); otherwise
/// plain lines, one per signatory, fields separated by tabs, nothing cut.
package enum SignatoryTable {
    /// The columns: entry, name, jurisdiction, representative (title) and
    /// key id; on a narrow terminal the key id goes first, then the
    /// representative, then the jurisdiction, until the names have at
    /// least ten cells (`TextColumns`).
    private static let columns = TextColumns(
        columns: [.init(isFlexible: false, isAlignedRight: true), .init(isFlexible: true), .init(isFlexible: true),
                  .init(isFlexible: true), .init(isFlexible: false)],
        dropOrder: [4, 3, 2])

    /// The lines of `listing` in columns at most `width` cells wide
    /// (at least 20 are assumed).
    package static func lines(_ listing: SignatoryListing, width requested: Int) -> [String] {
        let width = max(requested, TextColumns.minimumWidth)
        var lines = DisplayWidth.wrapped(listing.summary, to: width)
        for group in listing.groups {
            lines.append("")
            lines.append(DisplayWidth.truncated(group.title + " (" + CountedNoun.number(group.rows.count, in: listing.language) + ")", to: width))
            guard !group.rows.isEmpty else {
                lines.append(DisplayWidth.truncated(listing.text(.noSignatories), to: width))
                continue
            }
            let header = [listing.text(.columnEntry), listing.text(.columnName), listing.text(.columnJurisdiction),
                          listing.text(.columnRepresentative), listing.text(.columnKeyID)]
            let rows = group.rows.map { row in
                [String(row.sequence), row.name, row.jurisdictionName,
                 row.title.isEmpty ? row.representative : row.representative + " (" + row.title + ")", row.keyID]
            }
            lines += columns.lines(header: header, rows: rows, width: width)
        }
        return lines
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
