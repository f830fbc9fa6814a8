import DeclarationRegistry
import RegistryFormat

/// How `publish` (and `--publish-to`) reports what it wrote, to people and to programs.
enum PublishSummary {
    /// How many written files the text names before "and N more".
    static let namedFiles = 8

    /// One sentence: the size published and the files written.
    static func text(_ report: PublishReport) -> String {
        guard !report.wasUpToDate else {
            return "The site \(report.site) is up to date: it serves the registry's checkpoint of \(report.size) entries; no file written."
        }
        let count = report.written.count
        var names = report.written.prefix(namedFiles).joined(separator: ", ")
        if count > namedFiles { names += " and \(count - namedFiles) more" }
        let before = report.previousSize.map { " (it served \($0) before)" } ?? ""
        let files = count == 1 ? "1 file" : "\(count) files"
        return "Published \(report.size) entries to \(report.site)\(before): \(files) written (\(names))."
    }

    /// One canonical JSON object: the sizes and every file written, and
    /// the witnesses' results when the registry has a witness policy.
    static func json(_ report: PublishReport, witnessing: WitnessingReport? = nil) -> String {
        var object: [String: JSONValue] = [
            "site": .string(report.site),
            "size": .integer(Int64(report.size)),
            "previous_size": report.previousSize.map { .integer(Int64($0)) } ?? .null,
            "files_written": .array(report.written.map { .string($0) }),
            "recomputed_all": .bool(report.recomputedAll),
        ]
        if let note = report.note { object["note"] = .string(note) }
        if let witnessing { object["witnessing"] = WitnessingSummary.json(witnessing) }
        return String(decoding: CanonicalJSON.encode(.object(object)), as: UTF8.self)
    }
}
