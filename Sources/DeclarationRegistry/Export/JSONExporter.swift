/// The list as JSON for programs, following the versioned schema
/// `SignatoryListing.jsonSchema` (docs/EXPORT.md describes every field).
///
/// Members are written in a fixed order with two-space indentation, so the
/// same listing always gives the same bytes and diffs stay readable.
public enum JSONExporter {
    /// The JSON bytes of `listing`, ending with a line feed.
    public static func render(_ listing: SignatoryListing) -> [UInt8] {
        let metadata = listing.metadata
        var counts: [(String, JSONText)] = []
        for group in listing.groups {
            counts.append((group.kind.rawValue, .number(Int64(group.rows.count))))
        }
        let document: JSONText = .object([
            ("schema", .string(SignatoryListing.jsonSchema)),
            ("language", .string(listing.language.code)),
            ("kind", listing.kind.map { .string($0.rawValue) } ?? .null),
            ("registry", .object([("origin", .string(metadata.origin))])),
            ("declaration", .object([
                ("id", .string(metadata.declarationID)),
                ("version", .string(metadata.declarationVersion)),
                ("title", .string(listing.declarationTitle)),
                ("digest", .string(metadata.declarationDigest.hex)),
            ])),
            ("checkpoint", .object([
                ("size", .number(Int64(clamping: metadata.checkpointSize))),
                ("root", .string(metadata.checkpointRoot.base64)),
                ("note", metadata.checkpointNote.map(JSONText.string) ?? .null),
            ])),
            ("exported_at", .string(metadata.exportedAt)),
            ("verify", .object([
                ("command", .string(SignatoryListing.verifyCommand)),
                ("instructions", .string(listing.text(.verifyInstructions))),
            ])),
            ("counts", .object(counts)),
            ("signatories", .array(listing.rows.map(signatory))),
        ])
        var out = ""
        document.write(to: &out, indent: "")
        out += "\n"
        return Array(out.utf8)
    }

    private static func signatory(_ row: SignatoryListing.Row) -> JSONText {
        .object([
            ("sequence", .number(row.sequence)),
            ("name", .string(row.name)),
            ("kind", .string(row.kind.rawValue)),
            ("kind_name", .string(row.kindName)),
            ("jurisdiction", .string(row.jurisdiction)),
            ("country", .object([("code", .string(row.countryCode)), ("name", .string(row.countryName))])),
            ("representative", .string(row.representative)),
            ("title", .string(row.title)),
            ("language", .string(row.language.code)),
            ("language_name", .string(row.languageName)),
            ("signed_at", .string(row.signedAt)),
            ("signed_on", .string(row.signedOn)),
            ("appended_at", .string(row.appendedAt)),
            ("recorded_on", .string(row.recordedOn)),
            ("key_id", .string(row.keyID)),
            ("public_key", .string(row.publicKey)),
            ("website", row.website.map(JSONText.string) ?? .null),
        ])
    }
}

/// A JSON value whose objects keep their members in the order given.
enum JSONText {
    case null
    case number(Int64)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])

    func write(to out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .number(let value): out += String(value)
        case .string(let value): out += ExportEscaping.jsonString(value)
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(to: &out, indent: inner)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner + ExportEscaping.jsonString(key) + ": "
                value.write(to: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }
}
