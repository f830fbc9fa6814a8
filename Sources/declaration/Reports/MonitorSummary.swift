import CryptoPrimitives
import DeclarationRegistry
import RegistryFormat

/// How `monitor` reports a scan, to people and to programs.
enum MonitorSummary {
    /// The scan for people: a heading, then a line per entry listed, each
    /// alert and note on its own line under it.
    static func text(_ report: MonitorReport) -> String {
        let verification = report.verification
        let size = verification.verification.checkpoint.size
        var lines = ["Registry \(verification.verification.header.origin) at \(verification.url): verified, \(size) entries."]
        // With a policy, the witnesses whose cosignatures made the checkpoint acceptable.
        lines += verification.verification.witnessing.map(WitnessSummary.lines) ?? []
        let listed: [RegistryEvent]
        if let previous = report.previousSize {
            let count = report.events.count
            lines.append(count == 0
                ? "  Nothing new since the last scan (size \(previous))."
                : "  \(count) new \(count == 1 ? "entry" : "entries") since the last scan (size \(previous)):")
            listed = report.events
        } else {
            listed = report.events.filter { !$0.claims.isEmpty || !$0.keyMatches.isEmpty }
            lines.append("  First scan: \(report.events.count) entries read, \(listed.count) touching a watched value\(listed.isEmpty ? "." : ":"); from now on every new entry is listed.")
        }
        for event in listed {
            lines.append("  " + line(event))
            for claim in event.claims where event.isAlert {
                lines.append("    ALERT: entry \(event.sequence) claims the watched \(claim.field.rawValue) \"\(claim.watch)\" with key \(event.keyID), which is not watched: someone may be signing in that name. Check with the signatory before trusting it.")
            }
            for match in event.keyMatches {
                lines.append("    note: entry \(event.sequence) was made with the watched key \(match.watch): if it is yours and you did not make it, the key is in someone else's hands.")
            }
        }
        lines.append("  Fetched: \(verification.fetched.requests) requests, \(verification.fetched.bytes) bytes.")
        return lines.joined(separator: "\n")
    }

    /// One line for an entry: sign or withdraw, number, time, who, key.
    static func line(_ event: RegistryEvent) -> String {
        let mark = event.action == .signed ? "+" : "-"
        let who = event.signatory.map { "\($0.name) (\($0.kind.rawValue), \($0.jurisdiction.code))" } ?? "an unknown signatory"
        let language = event.language.map { ", in \($0.rawValue)" } ?? ""
        return "\(mark) #\(event.sequence) \(event.appendedAt) \(event.action.rawValue) \(who)\(language), key \(event.keyID)"
    }

    /// The scan as one canonical JSON object.
    static func json(_ report: MonitorReport) -> String {
        let verification = report.verification
        var object: [String: JSONValue] = [
            "verified": .bool(true),
            "origin": .string(verification.verification.header.origin),
            "url": .string(verification.url),
            "size": .integer(Int64(verification.verification.checkpoint.size)),
            "alerts": .integer(Int64(report.alerts.count)),
            "events": .array(report.events.map(json)),
            "fetched": .object([
                "requests": .integer(Int64(verification.fetched.requests)),
                "bytes": .integer(Int64(verification.fetched.bytes)),
            ]),
        ]
        object["previous_size"] = report.previousSize.map { .integer(Int64($0)) } ?? .null
        if let witnessing = verification.verification.witnessing {
            object["witnesses"] = WitnessSummary.json(witnessing)
        }
        return String(decoding: CanonicalJSON.encode(.object(object)), as: UTF8.self)
    }

    private static func json(_ event: RegistryEvent) -> JSONValue {
        var object: [String: JSONValue] = [
            "sequence": .integer(event.sequence),
            "appended_at": .string(event.appendedAt),
            "signed_at": .string(event.signedAt),
            "action": .string(event.action.rawValue),
            "key_id": .string(event.keyID),
            "alert": .bool(event.isAlert),
            "claims": .array(event.claims.map { .object(["watch": .string($0.watch), "field": .string($0.field.rawValue)]) }),
            "watched_key": .bool(!event.keyMatches.isEmpty),
        ]
        if let signatory = event.signatory {
            object["name"] = .string(signatory.name)
            object["kind"] = .string(signatory.kind.rawValue)
            object["jurisdiction"] = .string(signatory.jurisdiction.code)
        }
        if let language = event.language { object["language"] = .string(language.rawValue) }
        return .object(object)
    }
}
