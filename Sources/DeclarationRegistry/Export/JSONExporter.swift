/// The list as JSON for programs, following the versioned schema
/// `SignatoryListing.jsonSchema` (docs/EXPORT.md describes every field).
///
/// Members are written in a fixed order with two-space indentation, so the
/// same listing always gives the same bytes and diffs stay readable.
package enum JSONExporter {
    /// The JSON bytes of `listing`, ending with a line feed.
    package static func render(_ listing: SignatoryListing) -> [UInt8] {
        let document: JSONText = .object(
            [("schema", .string(SignatoryListing.jsonSchema))] + provenanceMembers(listing)
                + [("signatories", .signatories(listing.groups))])
        var out = ExportBuffer(capacity: 16 * 1024 + 800 * listing.rowCount)
        document.write(to: &out, indent: "")
        out.line("")
        return out.bytes
    }

    /// The members that say where a list comes from, after `schema`: the
    /// JSON export and the CSV's provenance file share them.
    static func provenanceMembers(_ listing: SignatoryListing) -> [(String, JSONText)] {
        let metadata = listing.metadata
        var counts: [(String, JSONText)] = []
        for group in listing.groups {
            counts.append((group.kind.rawValue, .number(Int64(group.rows.count))))
        }
        return [
            ("language", .string(listing.language.code)),
            ("kind", listing.kind.map { .string($0.rawValue) } ?? .null),
            ("registry", .object([
                ("origin", .string(metadata.origin)),
                ("url", metadata.publishedURL.map(JSONText.string) ?? .null),
            ])),
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
            ] + witnessMembers(metadata.witnesses))),
            ("exported_at", .string(metadata.exportedAt)),
            ("verify", .object([
                ("command", .string(listing.verifyCommand)),
                ("instructions", .string(listing.verifyInstructions)),
            ])),
            ("summary", .string(listing.summary)),
            ("counts", .object(counts)),
        ]
    }

    /// `witnesses`, only when a policy verified them: an export made
    /// without one keeps the schema's members exactly as before.
    private static func witnessMembers(_ witnesses: [ExportWitness]?) -> [(String, JSONText)] {
        guard let witnesses else { return [] }
        return [("witnesses", .array(witnesses.map { witness in
            .object([
                ("witness", .string(witness.witness)),
                ("key_name", .string(witness.keyName)),
                ("time", .string(witness.time)),
            ])
        }))]
    }

    /// Writes `row` as the object `JSONText` would make of its members,
    /// straight into `out`: one listing can hold a hundred thousand rows.
    fileprivate static func write(_ row: SignatoryListing.Row, to out: inout ExportBuffer, indent: String) {
        let inner = indent + "  "
        func member(_ key: String, _ value: String?, last: Bool = false) {
            out.append(inner)
            out.append(key)
            if let value { ExportEscaping.appendJSONString(value, to: &out) } else { out.append("null") }
            out.append(last ? "\n" : ",\n")
        }
        out.append("{\n")
        out.append(inner)
        out.append("\"sequence\": ")
        out.append(row.sequence)
        out.append(",\n")
        member("\"name\": ", row.name)
        member("\"kind\": ", row.kind.rawValue)
        member("\"kind_name\": ", row.kindName)
        member("\"jurisdiction\": ", row.jurisdiction)
        member("\"jurisdiction_name\": ", row.jurisdictionName)
        out.append(inner)
        out.append("\"country\": {\n")
        member("  \"code\": ", row.countryCode)
        member("  \"name\": ", row.countryName, last: true)
        out.append(inner)
        out.append("},\n")
        member("\"representative\": ", row.representative)
        member("\"title\": ", row.title)
        member("\"language\": ", row.language.code)
        member("\"language_name\": ", row.languageName)
        member("\"signed_at\": ", row.signedAt)
        member("\"signed_on\": ", row.signedOn)
        member("\"appended_at\": ", row.appendedAt)
        member("\"recorded_on\": ", row.recordedOn)
        member("\"key_id\": ", row.keyID)
        member("\"public_key\": ", row.publicKey)
        member("\"website\": ", row.website, last: true)
        out.append(indent)
        out.append("}")
    }
}

/// A JSON value whose objects keep their members in the order given.
enum JSONText {
    case null
    case number(Int64)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])
    /// The rows of the groups, in order, as an array of objects: written
    /// row by row rather than held as values.
    case signatories([SignatoryListing.Group])

    func write(to out: inout ExportBuffer, indent: String) {
        switch self {
        case .null: out.append("null")
        case .number(let value): out.append(value)
        case .string(let value): ExportEscaping.appendJSONString(value, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else { out.append("[]"); return }
            let inner = indent + "  "
            out.append("[\n")
            for (index, element) in elements.enumerated() {
                out.append(inner)
                element.write(to: &out, indent: inner)
                out.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            out.append(indent + "]")
        case .object(let members):
            guard !members.isEmpty else { out.append("{}"); return }
            let inner = indent + "  "
            out.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                out.append(inner)
                ExportEscaping.appendJSONString(key, to: &out)
                out.append(": ")
                value.write(to: &out, indent: inner)
                out.append(index == members.count - 1 ? "\n" : ",\n")
            }
            out.append(indent + "}")
        case .signatories(let groups):
            let count = groups.reduce(0) { $0 + $1.rows.count }
            guard count > 0 else { out.append("[]"); return }
            let inner = indent + "  "
            out.append("[\n")
            var written = 0
            for group in groups {
                for row in group.rows {
                    out.append(inner)
                    JSONExporter.write(row, to: &out, indent: inner)
                    written += 1
                    out.append(written == count ? "\n" : ",\n")
                }
            }
            out.append(indent + "]")
        }
    }
}
