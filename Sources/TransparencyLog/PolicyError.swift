/// Why a c2sp.org/tlog-policy file was refused. Every case but `tooLarge`
/// names the line, counted from 1, where the file breaks the format.
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file has more bytes than a policy may have.
    case tooLarge(byteCount: Int, limit: Int)
    /// A byte the spec forbids (a control character other than tab and
    /// newline) at `column` (from 1) of `line`.
    case forbiddenByte(line: Int, column: Int, byte: UInt8)
    /// The last line does not end in a newline.
    case unterminatedLine(line: Int)
    /// A line is not one of the forms the spec allows.
    case malformedLine(line: Int, expected: String, found: String)
    /// The verifier key of a log or witness line cannot be used.
    case malformedVerifierKey(line: Int, expected: String, found: String)
    /// A log or witness line wraps the same public key as an earlier one.
    case duplicateKey(line: Int, key: String, firstLine: Int)
    /// A witness or group line defines a name defined on an earlier line.
    case duplicateName(line: Int, name: PolicyName, firstLine: Int)
    /// A line defines the predefined name `none`, or lists it as a member.
    case reservedName(line: Int)
    /// A group or quorum line refers to a name no preceding line defines.
    case undefinedName(line: Int, name: PolicyName)
    /// A group lists a name that is already a member, of this group or of
    /// an earlier one.
    case memberReused(line: Int, name: PolicyName, firstLine: Int)
    /// A group's threshold is not `any`, `all`, or a decimal k with
    /// 1 <= k <= the number of members.
    case thresholdOutOfRange(line: Int, threshold: String, memberCount: Int)
    /// A second quorum line.
    case duplicateQuorum(line: Int, firstLine: Int)
    /// No quorum line; `lineCount` is the number of lines in the file.
    case missingQuorum(lineCount: Int)

    public var description: String {
        switch self {
        case .tooLarge(let byteCount, let limit):
            return "the policy has \(byteCount) bytes, more than the \(limit) a policy may have; "
                + "check that this is a policy file"
        case .forbiddenByte(let line, let column, let byte):
            return "policy line \(line), column \(column): byte 0x\(Self.hex(byte)) is not allowed "
                + "(the only control characters allowed are tab and newline); remove it"
        case .unterminatedLine(let line):
            return "policy line \(line): expected a newline at the end of the line; "
                + "end the file with a newline"
        case .malformedLine(let line, let expected, let found):
            return "policy line \(line): expected \(expected), found \(Self.quoted(found))"
        case .malformedVerifierKey(let line, let expected, let found):
            return "policy line \(line): verifier key \(Self.quoted(found)): expected \(expected); "
                + "copy the key exactly as its operator publishes it"
        case .duplicateKey(let line, let key, let firstLine):
            return "policy line \(line): the key \(Self.quoted(key)) wraps the same public key as "
                + "line \(firstLine); list each log and witness key once"
        case .duplicateName(let line, let name, let firstLine):
            return "policy line \(line): the name \(Self.quoted(name.description)) is already defined "
                + "on line \(firstLine); give each witness and group its own name"
        case .reservedName(let line):
            return "policy line \(line): the name \"none\" is predefined for \"quorum none\"; "
                + "it cannot be defined or listed as a group member"
        case .undefinedName(let line, let name):
            return "policy line \(line): \(Self.quoted(name.description)) is not a witness or group "
                + "defined on a preceding line; define it before referring to it"
        case .memberReused(let line, let name, let firstLine):
            return "policy line \(line): \(Self.quoted(name.description)) is already listed as a group "
                + "member on line \(firstLine); a witness or group may be a member only once"
        case .thresholdOutOfRange(let line, let threshold, let memberCount):
            return "policy line \(line): the threshold \(Self.quoted(threshold)) must be \"any\", \"all\" "
                + "or a decimal number from 1 to \(memberCount), the number of members"
        case .duplicateQuorum(let line, let firstLine):
            return "policy line \(line): a second quorum line (the first is line \(firstLine)); "
                + "a policy has exactly one"
        case .missingQuorum(let lineCount):
            return "the policy has no quorum line (after \(lineCount) lines); add \"quorum <name>\", "
                + "or \"quorum none\" to require no cosignatures"
        }
    }

    private static func quoted(_ value: String) -> String {
        let limit = 80
        let shown = value.count > limit ? String(value.prefix(limit)) + "…" : value
        return String(reflecting: shown)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
