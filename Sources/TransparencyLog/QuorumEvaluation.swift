/// Whether the witnesses that cosigned a checkpoint meet a policy's quorum,
/// and if not, what fell short: enough to tell people which cosignatures
/// are missing.
public struct QuorumEvaluation: Sendable, Equatable, CustomStringConvertible {
    /// A witness or group under the quorum that did not witness the
    /// checkpoint, where that is why the quorum fails.
    public struct Shortfall: Sendable, Equatable, CustomStringConvertible {
        /// The witness or group.
        public let name: PolicyName
        /// Whether it is the quorum itself.
        public let isQuorum: Bool
        /// Whether it is a single witness (`members` is then empty).
        public let isWitness: Bool
        /// How many members had to witness.
        public let threshold: Int
        /// The group's members, in the policy's order.
        public let members: [PolicyName]
        /// The members that did witness, in the policy's order.
        public let witnessed: [PolicyName]
        /// Whether every member is a witness, not a group.
        public let membersAreWitnesses: Bool
        /// Whether every member is a group, not a witness.
        public let membersAreGroups: Bool

        /// For example "quorum X needs 2 of witnesses a, b, c; only a cosigned".
        public var description: String {
            let subject = isQuorum ? "quorum \(name)" : "group \(name)"
            if isWitness {
                return isQuorum
                    ? "quorum needs a cosignature from witness \(name), which did not cosign"
                    : "witness \(name) did not cosign"
            }
            let count = threshold == members.count && threshold > 1 ? "all" : String(threshold)
            let kind = membersAreWitnesses ? "witnesses" : membersAreGroups ? "groups" : "members"
            let verb = membersAreWitnesses ? "cosigned" : "witnessed"
            let list = { (names: [PolicyName]) in names.map(\.description).joined(separator: ", ") }
            let only = witnessed.isEmpty ? "none \(verb)" : "only \(list(witnessed)) \(verb)"
            return "\(subject) needs \(count) of \(kind) \(list(members)); \(only)"
        }
    }

    /// The quorum evaluated, `PolicyName.none` for `quorum none`.
    public let quorum: PolicyName
    /// Whether the quorum holds.
    public let isSatisfied: Bool
    /// When the quorum fails: the quorum, then each group under it that
    /// failed too, depth first in the policy's order. Groups that did
    /// witness are left out, as are members of groups that did.
    public let shortfalls: [Shortfall]
    /// When the quorum fails: the witnesses in the shortfalls that did not
    /// cosign, whose cosignatures would help.
    public let missingWitnesses: [PolicyName]

    /// "quorum ... holds", or every shortfall, separated by semicolons.
    public var description: String {
        if isSatisfied {
            return quorum == .none ? "quorum none: no cosignatures are needed" : "quorum \(quorum) holds"
        }
        return shortfalls.map(\.description).joined(separator: "; ")
    }
}

extension WitnessPolicy {
    /// The names of the witnesses and groups that witness a checkpoint
    /// cosigned by `cosigners` (names not in the policy are ignored): a
    /// witness when it cosigned, a group when at least its threshold of
    /// members witness. Groups name only earlier groups, so one pass in file
    /// order settles each group after all of its members.
    public func witnessed(by cosigners: Set<PolicyName>) -> Set<PolicyName> {
        var witnessed = Set(witnesses.map(\.name).filter(cosigners.contains))
        for group in groups where group.members.count(where: witnessed.contains) >= group.threshold {
            witnessed.insert(group.name)
        }
        return witnessed
    }

    /// Whether the witnesses named `cosigners`, those whose cosignatures on
    /// a checkpoint verified, meet the quorum; `quorum none` always holds.
    public func evaluate(cosigners: Set<PolicyName>) -> QuorumEvaluation {
        let witnessed = witnessed(by: cosigners)
        guard quorum != .none, !witnessed.contains(quorum) else {
            return QuorumEvaluation(quorum: quorum, isSatisfied: true, shortfalls: [], missingWitnesses: [])
        }
        let groupsByName = Dictionary(groups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        guard groupsByName[quorum] != nil else {
            let shortfall = QuorumEvaluation.Shortfall(
                name: quorum, isQuorum: true, isWitness: true, threshold: 1, members: [], witnessed: [],
                membersAreWitnesses: true, membersAreGroups: false
            )
            return QuorumEvaluation(quorum: quorum, isSatisfied: false, shortfalls: [shortfall], missingWitnesses: [quorum])
        }
        var shortfalls: [QuorumEvaluation.Shortfall] = []
        var missing: [PolicyName] = []
        // A stack rather than recursion: a long chain of groups must not
        // exhaust the thread's stack.
        var pending = [quorum]
        while let name = pending.popLast() {
            guard let group = groupsByName[name] else { continue }
            shortfalls.append(.init(
                name: name, isQuorum: name == quorum, isWitness: false, threshold: group.threshold,
                members: group.members, witnessed: group.members.filter(witnessed.contains),
                membersAreWitnesses: group.members.allSatisfy { groupsByName[$0] == nil },
                membersAreGroups: group.members.allSatisfy { groupsByName[$0] != nil }
            ))
            let failed = group.members.filter { !witnessed.contains($0) }
            missing += failed.filter { groupsByName[$0] == nil }
            pending += failed.filter { groupsByName[$0] != nil }.reversed()
        }
        return QuorumEvaluation(quorum: quorum, isSatisfied: false, shortfalls: shortfalls, missingWitnesses: missing)
    }
}
