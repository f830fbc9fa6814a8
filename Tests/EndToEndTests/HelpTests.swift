import Testing
import TestSupport

@Suite struct HelpTests {
    @Test func helpListsTheTool() throws {
        let result = try DeclarationProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("declaration"))
    }
}
