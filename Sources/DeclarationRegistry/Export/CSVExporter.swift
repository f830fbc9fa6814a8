/// The list as RFC 4180 CSV: UTF-8, CRLF line ends, optionally a BOM.
///
/// Layout, so that a spreadsheet shows a report and a program can still
/// read it (every record has the same number of fields, as RFC 4180 asks):
/// 1. metadata records, a label and a value, padded with empty fields;
/// 2. one record of empty fields;
/// 3. the header record and one record per signatory, governments first.
///
/// Every field goes through `ExportEscaping.csvField`, which neutralises
/// formulas (OWASP) and quotes as RFC 4180 requires.
package enum CSVExporter {
    /// The UTF-8 byte order mark.
    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The columns, in order.
    package static let columns: [Vocabulary] = [
        .columnName, .columnKind, .columnJurisdiction, .columnCountry, .columnRepresentative, .columnTitle,
        .columnLanguage, .columnSignedOn, .columnRecordedOn, .columnSignedAtUTC, .columnRecordedAtUTC,
        .columnEntry, .columnKeyID,
    ]

    /// The CSV bytes of `listing`.
    package static func render(_ listing: SignatoryListing, byteOrderMark: Bool = false) -> [UInt8] {
        var out = ExportBuffer(capacity: 16 * 1024 + 256 * listing.rowCount)
        if byteOrderMark { out.bytes += Self.byteOrderMark }
        func record(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { out.bytes.append(UInt8(ascii: ",")) }
                ExportEscaping.appendCSVField(field, to: &out)
            }
            // Empty fields pad the record to the header's width (a record
            // of no fields is one empty field, then the padding).
            let written = max(fields.count, 1)
            for _ in written..<max(written, columns.count) { out.bytes.append(UInt8(ascii: ",")) }
            out.bytes += [0x0D, 0x0A]
        }
        let metadata = listing.metadata
        record([listing.text(.listTitle), listing.declarationTitle])
        record([listing.text(.labelRegistry), metadata.origin])
        record([listing.text(.labelDeclaration), metadata.declarationID])
        record([listing.text(.labelVersion), metadata.declarationVersion])
        record([listing.text(.labelDigest), metadata.declarationDigest.hex])
        record([listing.text(.labelTreeSize), String(metadata.checkpointSize)])
        record([listing.text(.labelRootHash), metadata.checkpointRoot.base64])
        if let note = metadata.checkpointNote {
            record([listing.text(.labelCheckpoint), note])
        }
        record([listing.text(.labelExportedAt), metadata.exportedAt])
        record([listing.text(.labelVerifyWith), SignatoryListing.verifyCommand, listing.text(.verifyInstructions)])
        for group in listing.groups {
            record([group.title, String(group.rows.count)])
        }
        if listing.isEmpty {
            record([listing.text(.noSignatories)])
        }
        record([])
        record(columns.map(listing.text))
        func field(_ value: String) {
            ExportEscaping.appendCSVField(value, to: &out)
            out.bytes.append(UInt8(ascii: ","))
        }
        for group in listing.groups {
            for row in group.rows {
                field(row.name)
                field(row.kindName)
                field(row.jurisdiction)
                field(row.countryName)
                field(row.representative)
                field(row.title)
                field(row.languageName)
                field(row.signedOn)
                field(row.recordedOn)
                field(row.signedAt)
                field(row.appendedAt)
                field(String(row.sequence))
                ExportEscaping.appendCSVField(row.keyID, to: &out)
                out.bytes += [0x0D, 0x0A]
            }
        }
        return out.bytes
    }
}
