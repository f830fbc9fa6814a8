import CryptoPrimitives

extension Entry {
    /// The statement's signed message, `statement.signedMessage`, cut out of
    /// the entry's own ledger line instead of rebuilt and re-encoded; nil
    /// when the line is not laid out as expected (then build it).
    ///
    /// Why the cut is the same bytes: `line` parsed as canonical JSON, so it
    /// is exactly `CanonicalJSON.encode` of what it holds, and `Entry(json:)`
    /// accepted it, so it holds exactly the entry's four members and the
    /// statement's members, each stored in a form that encodes back to the
    /// same text (strings verbatim, digests in lowercase hex, strict base64,
    /// enums by raw value, jurisdiction codes as given). The line is
    /// therefore `encode(json)` of this entry, whose last member is
    /// `statement`. Canonical JSON writes an object's members one after the
    /// other in key order, so removing the `signature` member from the
    /// statement's bytes leaves `encode(statement.unsignedJSON)`. In key
    /// order only `signed_at` and `type` follow `signature`.
    ///
    /// The bytes around the cut are compared with what this entry's fields
    /// encode to, so a line laid out otherwise (a statement member added
    /// after `signature`, say) falls back to re-encoding rather than
    /// checking the wrong bytes.
    package func signedMessage(slicedFrom line: [UInt8]) -> [UInt8]? {
        let prefix = Array("{\"appended_at\":\"\(appendedAt)\",\"previous\":\"\(previous.hex)\",\"sequence\":\(sequence),\"statement\":".utf8)
        let signatureMember = Array(",\"signature\":\"\(Base64.encode(statement.signature))\"".utf8)
        let rest = Array(",\"signed_at\":\"\(statement.signedAt)\",\"type\":\"\(statement.type)\"}".utf8)
        // The statement's members before `signature`, then the signature
        // member, the rest of the statement, and the entry's closing brace.
        let fixed = prefix.count + signatureMember.count + rest.count + 1
        guard line.count > fixed + 1, line.last == UInt8(ascii: "}") else { return nil }
        let restStart = line.count - 1 - rest.count
        let signatureStart = restStart - signatureMember.count
        guard line.starts(with: prefix),
              line[signatureStart..<restStart].elementsEqual(signatureMember),
              line[restStart..<(line.count - 1)].elementsEqual(rest),
              line[prefix.count] == UInt8(ascii: "{")
        else { return nil }
        return Self.signedMessage(in: line, statementStart: prefix.count, signatureMember: signatureStart..<restStart)
    }

    /// The signed message of the statement that starts at `statementStart`
    /// in an entry's `line` and ends one byte before the line does (the
    /// entry's closing brace), without its `signature` member: the signing
    /// domain, a line feed, then the statement's bytes around that member.
    static func signedMessage(in line: [UInt8], statementStart: Int, signatureMember: Range<Int>) -> [UInt8] {
        var message = Array(Statement.signingDomain.utf8)
        message.reserveCapacity(message.count + 1 + line.count - statementStart - signatureMember.count)
        message.append(0x0A)
        message += line[statementStart..<signatureMember.lowerBound]
        message += line[signatureMember.upperBound..<(line.count - 1)]
        return message
    }
}
