import DeclarationRegistry
import RegistryFormat
import TransparencyLog

/// How collecting cosignatures is reported: one line per witness and the
/// quorum's verdict, for people; a JSON value, for programs.
enum WitnessingSummary {
    /// "Witness NAME: cosigned at TIME" (or "failed: why") per witness,
    /// then the verdict.
    static func lines(_ report: WitnessingReport) -> [String] {
        var lines = report.submissions.map { submission in
            "Witness \(submission.witness): " + outcome(submission.outcome)
        }
        if report.superseded {
            lines.append("Note: the registry's checkpoint was replaced while the witnesses were asked; these cosignatures were not merged.")
        }
        lines.append(verdict(report))
        return lines
    }

    /// The quorum's verdict on the checkpoint as it now is.
    static func verdict(_ report: WitnessingReport) -> String {
        let count = report.witnessed.cosigners.count
        let of = "\(count) of \(report.submissions.count) witnesses"
        return report.isSatisfied
            ? "Quorum met for the checkpoint of \(report.size) entries (\(of) cosigned): \(report.witnessed.evaluation)."
            : "Quorum not met for the checkpoint of \(report.size) entries (\(of) cosigned): \(report.witnessed.evaluation)."
    }

    private static func outcome(_ outcome: WitnessingReport.Outcome) -> String {
        switch outcome {
        case .cosigned(let cosignature):
            return "cosigned at \(WitnessingReport.time(of: cosignature))"
        case .alreadyCosigned(let cosignature):
            return "cosigned at \(WitnessingReport.time(of: cosignature)) (already in the checkpoint)"
        case .notAsked:
            return "not asked (the quorum already holds)"
        case .failed(let reason):
            return "failed: \(reason)"
        }
    }

    /// One JSON value: the size, the verdict and each witness's result.
    static func json(_ report: WitnessingReport) -> JSONValue {
        let witnesses: [JSONValue] = report.submissions.map { submission in
            var object: [String: JSONValue] = [
                "name": .string(submission.witness.description),
                "url": .string(submission.url),
            ]
            switch submission.outcome {
            case .cosigned(let cosignature):
                object["result"] = .string("cosigned")
                object["cosigned_at"] = .string(WitnessingReport.time(of: cosignature))
            case .alreadyCosigned(let cosignature):
                object["result"] = .string("already_cosigned")
                object["cosigned_at"] = .string(WitnessingReport.time(of: cosignature))
            case .notAsked:
                object["result"] = .string("not_asked")
            case .failed(let reason):
                object["result"] = .string("failed")
                object["reason"] = .string(reason)
            }
            return .object(object)
        }
        return .object([
            "size": .integer(Int64(report.size)),
            "quorum_met": .bool(report.isSatisfied),
            "quorum": .string(report.witnessed.evaluation.description),
            "witnesses": .array(witnesses),
        ])
    }
}
