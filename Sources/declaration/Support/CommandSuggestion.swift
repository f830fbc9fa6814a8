/// The message for a first argument that names no subcommand.
/// swift-argument-parser, finding no subcommand, would parse the rest as
/// the root command's options and report the first of them
/// ("Unknown option '--registry'" for `declaration verfy --registry r`),
/// which hides the typo; this says what was wrong and suggests the nearest
/// name.
enum CommandSuggestion {
    /// The error for `argument` when it is meant as a subcommand and is
    /// none of `names`; nil when it is one, or an option.
    static func unknownCommandMessage(_ argument: String, names: [String]) -> String? {
        guard !argument.hasPrefix("-"), !names.contains(argument) else { return nil }
        let known = names.joined(separator: ", ")
        let scored = names.map { (name: $0, distance: editDistance(argument.lowercased(), $0)) }
        // A suggestion only when it is plausibly a typo: at most a third of
        // the name's letters (and at least one) differ.
        if let nearest = scored.min(by: { $0.distance < $1.distance }),
           nearest.distance <= max(1, nearest.name.count / 3) {
            return "unknown command '\(argument)'; did you mean '\(nearest.name)'? (commands: \(known))"
        }
        return "unknown command '\(argument)'; the commands are \(known) (see declaration --help)"
    }

    /// The optimal string alignment distance: the fewest insertions,
    /// deletions, substitutions and swaps of two neighbouring characters
    /// that turn `source` into `target` (a swap, "sing" for "sign", is the
    /// commonest typo, and counts once).
    static func editDistance(_ source: String, _ target: String) -> Int {
        let source = Array(source)
        let target = Array(target)
        guard !source.isEmpty else { return target.count }
        guard !target.isEmpty else { return source.count }
        // distance[i][j]: between the first i characters of source and the first j of target.
        var distance = [[Int]](repeating: [Int](repeating: 0, count: target.count + 1), count: source.count + 1)
        for row in 0...source.count { distance[row][0] = row }
        for column in 0...target.count { distance[0][column] = column }
        for row in 1...source.count {
            for column in 1...target.count {
                let cost = source[row - 1] == target[column - 1] ? 0 : 1
                var best = min(distance[row - 1][column] + 1, distance[row][column - 1] + 1,
                               distance[row - 1][column - 1] + cost)
                if row > 1, column > 1, source[row - 1] == target[column - 2], source[row - 2] == target[column - 1] {
                    best = min(best, distance[row - 2][column - 2] + 1)
                }
                distance[row][column] = best
            }
        }
        return distance[source.count][target.count]
    }
}
