import TestSupport
import Testing
import TransparencyLog

@Suite struct QuorumEvaluationTests {
    /// The spec's example: at least two X witnesses and at least one Y.
    @Test func specExampleNeedsTwoXAndOneY() throws {
        let policy = try WitnessPolicy(parsing: try PolicyFixture.specExample())
        let xs: [PolicyName] = ["X1", "X2", "X3"], ys: [PolicyName] = ["Y1", "Y2", "Y3"]
        for mask in 0..<64 {
            let cosigners = Set((xs + ys).enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element))
            let expected = cosigners.intersection(xs).count >= 2 && cosigners.intersection(ys).count >= 1
            let evaluation = policy.evaluate(cosigners: cosigners)
            #expect(evaluation.isSatisfied == expected, "cosigners \(cosigners.sorted())")
            #expect(evaluation.missingWitnesses.isEmpty == expected)
        }
    }

    @Test func specExampleShortfallsAreExplained() throws {
        let policy = try WitnessPolicy(parsing: try PolicyFixture.specExample())
        let evaluation = policy.evaluate(cosigners: ["X1", "Y2", "unknown"])
        #expect(!evaluation.isSatisfied)
        #expect(evaluation.shortfalls.map(\.name) == ["X-and-Y", "X-witnesses"])
        #expect(evaluation.missingWitnesses == ["X2", "X3"])
        #expect(evaluation.description
            == "quorum X-and-Y needs all of groups X-witnesses, Y-witnesses; only Y-witnesses witnessed; "
            + "group X-witnesses needs 2 of witnesses X1, X2, X3; only X1 cosigned")
        #expect(policy.witnessed(by: ["X1", "Y2"]) == ["X1", "Y2", "Y-witnesses"])
    }

    /// 2 of 3, with every set of 0 to 3 cosigners.
    @Test(arguments: 0..<8)
    func twoOfThree(mask: Int) throws {
        let text = try PolicyFixture.witnesses(["a", "b", "c"]) + "group q 2 a b c\nquorum q\n"
        let policy = try WitnessPolicy(parsing: text)
        let names: [PolicyName] = ["a", "b", "c"]
        let cosigners = names.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element)
        let evaluation = policy.evaluate(cosigners: Set(cosigners))
        #expect(evaluation.isSatisfied == (cosigners.count >= 2))
        if cosigners.count >= 2 {
            #expect(evaluation.shortfalls.isEmpty && evaluation.missingWitnesses.isEmpty)
            #expect(evaluation.description == "quorum q holds")
        } else {
            #expect(evaluation.missingWitnesses == names.filter { !cosigners.contains($0) })
            let only = cosigners.isEmpty ? "none cosigned" : "only \(cosigners[0]) cosigned"
            #expect(evaluation.description == "quorum q needs 2 of witnesses a, b, c; \(only)")
        }
    }

    @Test func singleWitnessQuorumShortfall() throws {
        let policy = try WitnessPolicy(parsing: try PolicyFixture.witnesses(["a", "b"]) + "quorum a\n")
        let evaluation = policy.evaluate(cosigners: ["b"])
        #expect(!evaluation.isSatisfied)
        #expect(evaluation.missingWitnesses == ["a"])
        #expect(evaluation.description == "quorum needs a cosignature from witness a, which did not cosign")
    }

    @Test func quorumNoneAlwaysHolds() throws {
        let policy = try WitnessPolicy(parsing: try PolicyFixture.witnesses(["a"]) + "group g all a\nquorum none\n")
        #expect(policy.evaluate(cosigners: []).isSatisfied)
        #expect(policy.evaluate(cosigners: ["a"]).isSatisfied)
        #expect(policy.evaluate(cosigners: []).description == "quorum none: no cosignatures are needed")
    }

    /// Three levels: top = all(mid, d); mid = any(low, c); low = 2 of a, b, e.
    @Test func nestedGroups() throws {
        let text = try PolicyFixture.witnesses(["a", "b", "c", "d", "e"])
            + "group low 2 a b e\ngroup mid any low c\ngroup top all mid d\nquorum top\n"
        let policy = try WitnessPolicy(parsing: text)
        #expect(policy.evaluate(cosigners: ["c", "d"]).isSatisfied)
        #expect(policy.evaluate(cosigners: ["a", "b", "d"]).isSatisfied)
        #expect(!policy.evaluate(cosigners: ["a", "b", "c"]).isSatisfied)
        let evaluation = policy.evaluate(cosigners: ["a", "d"])
        #expect(!evaluation.isSatisfied)
        #expect(evaluation.shortfalls.map(\.name) == ["top", "mid", "low"])
        #expect(evaluation.missingWitnesses == ["c", "b", "e"])
        #expect(evaluation.shortfalls[1].description == "group mid needs 1 of members low, c; none witnessed")
        #expect(policy.evaluate(cosigners: Set(evaluation.missingWitnesses).union(["a", "d"])).isSatisfied)
    }

    /// A chain of groups far deeper than any recursion would survive.
    @Test func longChainsOfGroups() throws {
        var text = try PolicyFixture.witnesses(["w"])
        text += "group g0 any w\n"
        for level in 1..<20_000 { text += "group g\(level) all g\(level - 1)\n" }
        text += "quorum g19999\n"
        let policy = try WitnessPolicy(parsing: text)
        #expect(policy.evaluate(cosigners: ["w"]).isSatisfied)
        let evaluation = policy.evaluate(cosigners: [])
        #expect(evaluation.shortfalls.count == 20_000)
        #expect(evaluation.missingWitnesses == ["w"])
    }

    // MARK: Holdout: random small policies against an independent evaluator

    /// A policy as the generator builds it, evaluated here by plain
    /// recursion, apart from the code under test.
    private struct ModelPolicy {
        var witnesses: [String] = []
        var groups: [(name: String, threshold: Int, spelled: String, members: [String])] = []
        var quorum = "none"

        var text: String {
            get throws {
                var text = try PolicyFixture.witnesses(witnesses)
                for group in groups {
                    text += "group \(group.name) \(group.spelled) \(group.members.joined(separator: " "))\n"
                }
                return text + "quorum \(quorum)\n"
            }
        }

        func holds(_ name: String, _ cosigners: Set<String>) -> Bool {
            if name == "none" { return true }
            guard let group = groups.first(where: { $0.name == name }) else { return cosigners.contains(name) }
            return group.members.filter { holds($0, cosigners) }.count >= group.threshold
        }

        static func random(using generator: inout SeededGenerator) -> ModelPolicy {
            var model = ModelPolicy()
            model.witnesses = (0..<Int.random(in: 1...5, using: &generator)).map { "w\($0)" }
            var unused = model.witnesses
            for index in 0..<Int.random(in: 0...4, using: &generator) where !unused.isEmpty {
                let count = Int.random(in: 1...unused.count, using: &generator)
                let members = Array(unused.shuffled(using: &generator).prefix(count))
                unused.removeAll { members.contains($0) }
                let (threshold, spelled): (Int, String) = switch Int.random(in: 0...2, using: &generator) {
                case 0: (1, "any")
                case 1: (members.count, "all")
                default: { let k = Int.random(in: 1...members.count, using: &generator); return (k, String(k)) }()
                }
                let name = "g\(index)"
                model.groups.append((name, threshold, spelled, members))
                unused.append(name)
            }
            let names = ["none"] + model.witnesses + model.groups.map(\.name)
            model.quorum = names.randomElement(using: &generator) ?? "none"
            return model
        }
    }

    @Test(arguments: 0..<200 as Range<UInt64>)
    func randomPoliciesAgreeWithAnIndependentEvaluator(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let model = ModelPolicy.random(using: &generator)
        let policy = try WitnessPolicy(parsing: try model.text)
        #expect(policy.groups.map(\.threshold) == model.groups.map(\.threshold))
        for mask in 0..<(1 << model.witnesses.count) {
            let cosigners = Set(model.witnesses.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element))
            let expected = model.holds(model.quorum, cosigners)
            let evaluation = policy.evaluate(cosigners: Set(cosigners.map { PolicyName($0) }))
            #expect(evaluation.isSatisfied == expected, "seed \(seed), cosigners \(cosigners.sorted())")
            // The missing witnesses are none of the cosigners, and adding
            // them is always enough.
            #expect(evaluation.missingWitnesses.isEmpty == expected)
            #expect(evaluation.missingWitnesses.allSatisfy { !cosigners.contains($0.description) })
            let completed = cosigners.union(evaluation.missingWitnesses.map { $0.description })
            #expect(model.holds(model.quorum, completed), "seed \(seed), cosigners \(cosigners.sorted())")
        }
    }
}
