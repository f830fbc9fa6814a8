import CryptoPrimitives
import DeclarationRegistry
import RegistryFormat
import Testing
import TestSupport

/// A check, without timing anything, that exporting does a fixed amount of
/// work per signatory: every row's output has the same size whatever the
/// rows around it, so the output is an affine function of their number.
@Suite struct ExportScalingTests {
    /// `count` signatories of identical shape: names and entry numbers of
    /// the same length, so each row's text has the same length.
    private static func signatories(_ count: Int) throws -> [ActiveSignatory] {
        var roll = SignatoryRoll()
        let digest = SHA256.hash(Array("declaration".utf8))
        let jurisdiction = try Jurisdiction(code: "FR")
        for index in 0..<count {
            let number = String(index)
            let name = "Town " + String(repeating: "0", count: 5 - number.count) + number
            let signatory = Signatory(kind: index % 3 == 0 ? .civilSociety : .government, name: name,
                                      jurisdiction: jurisdiction, representative: "Mairie", title: "Maire")
            let key = try ExportFixture.key("scaling-\(index)")
            let statement = try Statement.signed(.signature(language: .fr, signatory: signatory), registry: "example.org/r",
                                                 declarationDigest: digest, signedAt: "2016-12-09T10:00:00Z", key: key)
            try roll.apply(statement, sequence: Int64(10_000 + index), appendedAt: "2016-12-09T10:01:00Z")
        }
        // Listed in reverse ledger order, so the sort has work to do.
        return roll.signatories.reversed()
    }

    private static let metadata = ExportMetadata(
        origin: "example.org/r", declarationID: "d", declarationVersion: "1", declarationTitles: [.en: "D"],
        declarationDigest: SHA256.hash([1]), checkpointSize: 1, checkpointRoot: SHA256.hash([2]),
        checkpointNote: "example.org/r\n1\nAA==\n", exportedAt: ExportFixture.exportTime)

    @Test func outputGrowsByTheSameAmountForEachSignatory() throws {
        let all = try Self.signatories(900)
        // 300, 600 and 900 signatories: each group's count keeps three digits.
        let steps = [300, 600, 900].map { Array(all.suffix($0)) }
        for format in ExportFormat.allCases {
            let sizes = steps.map { subset in
                let listing = SignatoryListing(signatories: subset, metadata: Self.metadata, language: .en, kind: nil)
                return SignatoryExport.render(listing, options: ExportOptions(format: format)).count
            }
            #expect(sizes[2] - sizes[1] == sizes[1] - sizes[0], "\(format): \(sizes)")
            #expect(sizes[0] > 300 * 40, "\(format): \(sizes)")
        }
    }

    @Test func largeListIsCompleteAndOrdered() throws {
        let all = try Self.signatories(900)
        let listing = SignatoryListing(signatories: all, metadata: Self.metadata, language: .fr, kind: nil)
        #expect(listing.groups.map(\.rows.count) == [600, 300])
        for group in listing.groups {
            let names = group.rows.map(\.name)
            #expect(names == names.sorted())
        }
    }
}
