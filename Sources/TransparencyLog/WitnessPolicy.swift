/// A transparency log trust policy in the c2sp.org/tlog-policy format: the
/// logs a checkpoint may be signed by, the witnesses that may cosign it, and
/// the quorum of witnesses whose cosignatures make it valid.
///
/// ```
/// log <vkey> [<url>]
/// witness <name> <vkey> [<url>]
/// group <name> <k|any|all> <name>...
/// quorum <name|none>
/// ```
///
/// A group or the quorum names only witnesses and groups defined on
/// preceding lines, so groups form a tree evaluated in file order, and no
/// name is a member twice, so each witness counts toward the quorum once.
public struct WitnessPolicy: Sendable, Equatable {
    /// The most bytes a parsed policy may have: room for hundreds of
    /// ML-DSA-44 witness keys, well above the 32 logs, 32 witnesses and 32
    /// groups the spec asks implementations to support, small enough that a
    /// hostile file cannot exhaust memory.
    public static let maximumByteCount = 1024 * 1024

    /// A log whose signature a checkpoint may carry.
    public struct Log: Sendable, Equatable {
        /// The log's key; its name should be the log's origin.
        public let key: AnyVerifierKey
        /// Where to reach the log, when the policy says.
        public let url: String?
        /// The line of the policy that defines the log.
        public let line: Int
    }

    /// A witness whose cosignature counts toward the quorum.
    public struct Witness: Sendable, Equatable {
        /// The witness's name within the policy.
        public let name: PolicyName
        /// The witness's cosignature key, of type 0x04 (Ed25519) or 0x06
        /// (ML-DSA-44) per c2sp.org/tlog-cosignature.
        public let key: AnyVerifierKey
        /// The witness's submission prefix, when the policy says.
        public let url: String?
        /// The line of the policy that defines the witness.
        public let line: Int
    }

    /// A group of witnesses and groups that witnesses a checkpoint when at
    /// least `threshold` of its members do.
    public struct Group: Sendable, Equatable {
        /// The group's name within the policy.
        public let name: PolicyName
        /// How many members must witness: 1 for `any`, every member for
        /// `all`, else k.
        public let threshold: Int
        /// The members, witnesses or earlier groups, in the policy's order.
        public let members: [PolicyName]
        /// The line of the policy that defines the group.
        public let line: Int
    }

    /// The logs, in the policy's order.
    public let logs: [Log]
    /// The witnesses, in the policy's order.
    public let witnesses: [Witness]
    /// The groups, in the policy's order: each names only earlier ones.
    public let groups: [Group]
    /// The witness or group that must witness a checkpoint, or
    /// `PolicyName.none` when no cosignature is needed.
    public let quorum: PolicyName

    /// The witness called `name`, if any.
    public func witness(named name: PolicyName) -> Witness? {
        witnesses.first { $0.name == name }
    }

    /// The group called `name`, if any.
    public func group(named name: PolicyName) -> Group? {
        groups.first { $0.name == name }
    }

    /// Parses a policy strictly: lines end in newlines; fields are separated
    /// by spaces and tabs; empty lines and lines whose first non-blank
    /// character is `#` are ignored; the only control characters are tab and
    /// newline. Logs and witnesses have valid, distinct keys (witnesses'
    /// of a cosignature type); names are defined once and never `none`;
    /// groups and the quorum name only what precedes them; each name is a
    /// group member at most once; 1 <= k <= n; exactly one quorum line.
    /// Every fault names its line, counted from 1.
    public init(parsing bytes: [UInt8]) throws(PolicyError) {
        guard bytes.count <= Self.maximumByteCount else {
            throw .tooLarge(byteCount: bytes.count, limit: Self.maximumByteCount)
        }
        var parser = PolicyParser()
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // The split leaves an empty piece after the final newline; any other
        // last piece is a line without its newline.
        if let last = lines.popLast(), !last.isEmpty {
            throw .unterminatedLine(line: lines.count + 1)
        }
        for (offset, line) in lines.enumerated() {
            try parser.parse(line, number: offset + 1)
        }
        guard let quorum = parser.quorum else {
            throw .missingQuorum(lineCount: lines.count)
        }
        self.logs = parser.logs
        self.witnesses = parser.witnesses
        self.groups = parser.groups
        self.quorum = quorum.name
    }

    /// Parses a policy from text; see `init(parsing:)` for the bytes.
    public init(parsing text: String) throws(PolicyError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses a list of logs alone: `log <vkey> [<url>]` lines, with the
    /// same rules as `init(parsing:)` (comments, empty lines, distinct
    /// valid keys), and no other kind of line, not even a quorum. This is
    /// what a witness is told to witness: the logs, without witnesses.
    public static func logs(parsing bytes: [UInt8]) throws(PolicyError) -> [Log] {
        guard bytes.count <= Self.maximumByteCount else {
            throw .tooLarge(byteCount: bytes.count, limit: Self.maximumByteCount)
        }
        var parser = PolicyParser(logsOnly: true)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if let last = lines.popLast(), !last.isEmpty {
            throw .unterminatedLine(line: lines.count + 1)
        }
        for (offset, line) in lines.enumerated() {
            try parser.parse(line, number: offset + 1)
        }
        return parser.logs
    }
}

/// The state of a policy read line by line: what is defined so far, and
/// where, so that every reference can be checked against what precedes it.
private struct PolicyParser {
    /// Whether only `log` lines are allowed (a witness's list of logs).
    var logsOnly = false
    var logs: [WitnessPolicy.Log] = []
    var witnesses: [WitnessPolicy.Witness] = []
    var groups: [WitnessPolicy.Group] = []
    var quorum: (name: PolicyName, line: Int)?
    /// The line defining each witness and group name.
    var definitions: [PolicyName: Int] = [:]
    /// The line listing each name as a group member.
    var memberships: [PolicyName: Int] = [:]
    var logKeyLines: [[UInt8]: Int] = [:]
    var witnessKeyLines: [[UInt8]: Int] = [:]

    static let lineForms = "\"log\", \"witness\", \"group\" or \"quorum\" and its fields, a comment "
        + "starting with \"#\", or an empty line"

    mutating func parse(_ line: ArraySlice<UInt8>, number: Int) throws(PolicyError) {
        if let bad = line.firstIndex(where: { !Self.isAllowed($0) }) {
            throw .forbiddenByte(line: number, column: bad - line.startIndex + 1, byte: line[bad])
        }
        let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
        guard let keyword = fields.first, keyword.first != UInt8(ascii: "#") else { return }
        let found = String(decoding: line, as: UTF8.self)
        let word = String(decoding: keyword, as: UTF8.self)
        if logsOnly, word != "log" {
            throw .malformedLine(
                line: number, expected: "\"log <vkey> [<url>]\", a comment starting with \"#\", or an empty line",
                found: found
            )
        }
        switch word {
        case "log":
            guard (2...3).contains(fields.count) else {
                throw .malformedLine(line: number, expected: "\"log <vkey> [<url>]\"", found: found)
            }
            let key = try Self.key(fields[1], line: number)
            if let first = logKeyLines[key.publicKey] {
                throw .duplicateKey(line: number, key: key.text, firstLine: first)
            }
            logKeyLines[key.publicKey] = number
            logs.append(.init(key: key, url: try Self.url(fields, at: 2, line: number), line: number))
        case "witness":
            guard (3...4).contains(fields.count) else {
                throw .malformedLine(line: number, expected: "\"witness <name> <vkey> [<url>]\"", found: found)
            }
            let name = try define(fields[1], line: number)
            let key = try Self.key(fields[2], line: number)
            guard key.signatureType == AnyVerifierKey.ed25519CosignatureType
                || key.signatureType == AnyVerifierKey.mlDSA44CosignatureType
            else {
                throw .malformedVerifierKey(
                    line: number,
                    expected: "a witness cosignature key, of signature type 0x04 (Ed25519) or 0x06 (ML-DSA-44), "
                        + "not \(AnyVerifierKey.hexByte(key.signatureType))",
                    found: key.text
                )
            }
            if let first = witnessKeyLines[key.publicKey] {
                throw .duplicateKey(line: number, key: key.text, firstLine: first)
            }
            witnessKeyLines[key.publicKey] = number
            let url = try Self.url(fields, at: 3, line: number)
            definitions[name] = number
            witnesses.append(.init(name: name, key: key, url: url, line: number))
        case "group":
            guard fields.count >= 4 else {
                throw .malformedLine(
                    line: number, expected: "\"group <name> <k|any|all> <name>...\" with at least one member",
                    found: found
                )
            }
            let name = try define(fields[1], line: number)
            let members = fields[3...].map { PolicyName(bytes: Array($0)) }
            var listed: [PolicyName: Int] = [:]
            for member in members {
                if member == .none { throw .reservedName(line: number) }
                guard definitions[member] != nil else { throw .undefinedName(line: number, name: member) }
                if let first = memberships[member] ?? listed[member] {
                    throw .memberReused(line: number, name: member, firstLine: first)
                }
                listed[member] = number
            }
            let threshold = try Self.threshold(fields[2], memberCount: members.count, line: number)
            memberships.merge(listed) { first, _ in first }
            definitions[name] = number
            groups.append(.init(name: name, threshold: threshold, members: members, line: number))
        case "quorum":
            guard fields.count == 2 else {
                throw .malformedLine(line: number, expected: "\"quorum <name>\" or \"quorum none\"", found: found)
            }
            if let quorum { throw .duplicateQuorum(line: number, firstLine: quorum.line) }
            let name = PolicyName(bytes: Array(fields[1]))
            guard name == .none || definitions[name] != nil else {
                throw .undefinedName(line: number, name: name)
            }
            quorum = (name, number)
        default:
            throw .malformedLine(line: number, expected: Self.lineForms, found: found)
        }
    }

    /// Checks that `field` is a name no line has defined yet and not `none`.
    private func define(_ field: ArraySlice<UInt8>, line: Int) throws(PolicyError) -> PolicyName {
        let name = PolicyName(bytes: Array(field))
        if name == .none { throw .reservedName(line: line) }
        if let first = definitions[name] { throw .duplicateName(line: line, name: name, firstLine: first) }
        return name
    }

    private static func key(_ field: ArraySlice<UInt8>, line: Int) throws(PolicyError) -> AnyVerifierKey {
        let found = String(decoding: field, as: UTF8.self)
        guard let text = String(validating: field, as: UTF8.self) else {
            throw .malformedVerifierKey(line: line, expected: "a key in UTF-8", found: found)
        }
        do throws(TransparencyError) {
            return try AnyVerifierKey(parsing: text)
        } catch {
            guard case .malformedVerifierKey(let expected, _) = error else {
                throw .malformedVerifierKey(line: line, expected: "a verifier key", found: found)
            }
            throw .malformedVerifierKey(line: line, expected: expected, found: found)
        }
    }

    private static func url(
        _ fields: [ArraySlice<UInt8>], at index: Int, line: Int
    ) throws(PolicyError) -> String? {
        guard index < fields.count else { return nil }
        guard let url = String(validating: fields[index], as: UTF8.self) else {
            throw .malformedLine(
                line: line, expected: "a URL in UTF-8", found: String(decoding: fields[index], as: UTF8.self)
            )
        }
        return url
    }

    /// `any` is 1, `all` is n, a decimal k must have 1 <= k <= n.
    private static func threshold(
        _ field: ArraySlice<UInt8>, memberCount: Int, line: Int
    ) throws(PolicyError) -> Int {
        let text = String(decoding: field, as: UTF8.self)
        switch text {
        case "any": return 1
        case "all": return memberCount
        default:
            // Int(_:) alone would take a sign; the spec says decimal digits.
            guard field.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let k = Int(text), (1...memberCount).contains(k)
            else {
                throw .thresholdOutOfRange(line: line, threshold: text, memberCount: memberCount)
            }
            return k
        }
    }

    /// Tab, newline, 0x20-0x7E, and every octet with its high bit set.
    private static func isAllowed(_ byte: UInt8) -> Bool {
        byte == 0x09 || byte == 0x0A || (0x20...0x7E).contains(byte) || byte >= 0x80
    }
}
