/// Columns of text fitted to a terminal's width, a row always one line:
/// what `SignatoryTable` (the active list) and `SignatoryHistory` (the
/// whole history) lay out alike.
///
/// Every column is shown at its natural width when they all fit. Otherwise
/// the droppable columns are left out in their order until the flexible
/// columns left could have ten cells each (or none is left to drop); the
/// fixed columns keep their natural width and the flexible ones share the
/// rest, the narrow ones whole and the wide ones cut evenly with "…".
struct TextColumns {
    /// How one column behaves.
    struct Column {
        /// Whether it may be cut to share the width; a fixed one never is.
        var isFlexible: Bool
        /// Whether its values are aligned to the right (numbers).
        var isAlignedRight = false
    }

    /// The columns, in the order they are shown.
    var columns: [Column]
    /// The indices of the columns that may be left out, the first one first.
    var dropOrder: [Int]

    /// Two cells between columns.
    static let gap = "  "

    /// The smallest width assumed.
    static let minimumWidth = 20

    /// The header and the rows laid out in at most `width` cells
    /// (at least `minimumWidth`): one line for the header, one per row.
    /// Each row has one value per column.
    func lines(header: [String], rows: [[String]], width requested: Int) -> [String] {
        let width = max(requested, Self.minimumWidth)
        let natural = columns.indices.map { index in
            ([header] + rows).map { DisplayWidth.of(index < $0.count ? $0[index] : "") }.max() ?? 0
        }
        let widths = layout(natural, width: width)
        let shown = columns.indices.filter { widths[$0] != nil }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (position, index) in shown.enumerated() {
                let cellWidth = widths[index] ?? 0
                let value = DisplayWidth.truncated(index < cells.count ? cells[index] : "", to: cellWidth)
                if position > 0 { text += Self.gap }
                if columns[index].isAlignedRight {
                    text += String(repeating: " ", count: max(0, cellWidth - DisplayWidth.of(value))) + value
                } else if position == shown.count - 1 {
                    text += value
                } else {
                    text += DisplayWidth.padded(value, to: cellWidth)
                }
            }
            // An empty last cell would leave the padding of the one before.
            while text.last == " " { text.removeLast() }
            return text
        }
        return [line(header)] + rows.map(line)
    }

    /// The width of each column shown, nil for a column left out.
    private func layout(_ natural: [Int], width: Int) -> [Int?] {
        var shown = Array(columns.indices)
        let gaps = { (count: Int) in Self.gap.count * max(0, count - 1) }
        for dropped in dropOrder {
            let fixed = shown.filter { !columns[$0].isFlexible }.reduce(0) { $0 + natural[$1] }
            let flexibleShown = shown.filter { columns[$0].isFlexible }.count
            let room = width - fixed - gaps(shown.count)
            let total = shown.reduce(0) { $0 + natural[$1] } + gaps(shown.count)
            if total <= width || room >= 10 * flexibleShown { break }
            shown.removeAll { $0 == dropped }
        }
        var widths = [Int?](repeating: nil, count: columns.count)
        var room = width - gaps(shown.count)
        for index in shown where !columns[index].isFlexible {
            widths[index] = natural[index]
            room -= natural[index]
        }
        // Narrowest first: each takes its natural width or an even share
        // of what is left, whichever is less.
        var left = shown.filter { columns[$0].isFlexible }.sorted { natural[$0] < natural[$1] }
        while let index = left.first {
            let share = max(1, room / left.count)
            let chosen = min(natural[index], share)
            widths[index] = chosen
            room -= chosen
            left.removeFirst()
        }
        return widths
    }
}
