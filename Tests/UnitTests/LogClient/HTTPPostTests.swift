import CryptoPrimitives
import Foundation
import LogClient
import TestSupport
import Testing
import TransparencyLog

/// The bounded POST and the witness client against nginx answering fixed
/// bodies: every status's body is read, 4xx is never retried, 5xx is, and
/// 409 bodies must be `text/x.tlog.size`.
@Suite struct HTTPPostTests {
    static let quick = HTTPClientConfiguration(idleTimeout: .milliseconds(500), totalTimeout: .milliseconds(1500),
                                               retries: 2, initialBackoff: .milliseconds(10))

    /// nginx with its directory, which lives as long as it does.
    struct Served {
        let directory: TemporaryDirectory
        let server: NginxServer
    }

    func serve(_ faults: [String: NginxServer.Fault]) throws -> Served {
        let directory = try TemporaryDirectory()
        let root = directory.path("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return Served(directory: directory, server: try NginxServer(serving: root, in: directory, faults: faults))
    }

    @Test func everyStatusIsAnAnswerWithItsTypeAndBody() async throws {
        let served = try serve([
            "/conflict": .answer(status: 409, contentType: "text/x.tlog.size", body: "12\n"),
            "/refused": .answer(status: 403, contentType: "text/plain", body: "no valid signature"),
        ])
        let server = served.server
        let client = HTTPClient(configuration: Self.quick)
        let conflict = try await client.post(try #require(URL(string: server.url("/conflict"))), body: Array("old 0\n".utf8),
                                             contentType: "text/plain", maximumBytes: 100)
        #expect(conflict == HTTPAnswer(status: 409, contentType: "text/x.tlog.size", body: Array("12\n".utf8)))
        let refused = try await client.post(try #require(URL(string: server.url("/refused"))), body: [],
                                            contentType: "text/plain", maximumBytes: 100)
        #expect(refused.status == 403)
        #expect(refused.bodyExcerpt() == "no valid signature")
        // 4xx answers are the server's word: never repeated.
        #expect(server.requests(atLeast: 2).count == 2)
    }

    @Test func serverErrorsAreRetriedThenNamed() async throws {
        let served = try serve(["/broken": .status(502)])
        let server = served.server
        let url = try #require(URL(string: server.url("/broken")))
        let client = HTTPClient(configuration: Self.quick)
        do throws(FetchError) {
            _ = try await client.post(url, body: [], contentType: "text/plain", maximumBytes: 100)
            Issue.record("a 502 was returned as an answer")
        } catch {
            #expect(error.problem == .status(502))
            #expect(error.attempts == 3)
            #expect(error.url == url.absoluteString)
        }
    }

    @Test func aBodyPastTheLimitIsRefused() async throws {
        let served = try serve(["/big": .answer(status: 200, contentType: "text/plain", body: String(repeating: "a", count: 500))])
        let server = served.server
        let client = HTTPClient(configuration: Self.quick)
        let url = try #require(URL(string: server.url("/big")))
        do throws(FetchError) {
            _ = try await client.post(url, body: [], contentType: "text/plain", maximumBytes: 100)
            Issue.record("a body past the limit was read")
        } catch {
            guard case .tooLarge(let limit, _) = error.problem else {
                Issue.record("expected tooLarge, got \(error)")
                return
            }
            #expect(limit == 100)
        }
    }

    @Test func aConnectionNobodyAnswersIsANetworkFailureNamingTheURL() async throws {
        let refusing = try RefusingPort()
        let url = try #require(URL(string: refusing.url("/w")))
        let client = WitnessClient(http: HTTPClient(configuration: Self.quick))
        let request = try AddCheckpointRequest(oldSize: 0, consistencyProof: [], checkpointNote: try Self.note())
        do throws(FetchError) {
            _ = try await client.addCheckpoint(request, submissionPrefix: url)
            Issue.record("a closed port answered")
        } catch {
            #expect(error.url == url.absoluteString + "/add-checkpoint")
            #expect(error.description.contains("the connection was refused"))
        }
    }

    @Test func theWitnessClientReadsConflictsAndRefusesAnUntypedOne() async throws {
        let served = try serve([
            "/a/add-checkpoint": .answer(status: 409, contentType: "text/x.tlog.size; charset=utf-8", body: "7\n"),
            "/b/add-checkpoint": .answer(status: 409, contentType: "text/plain", body: "7\n"),
            "/c/add-checkpoint": .answer(status: 422, contentType: "text/plain", body: "inconsistent"),
            "/d/add-checkpoint": .answer(status: 200, contentType: "text/plain", body: "not a signature\n"),
        ])
        let server = served.server
        let client = WitnessClient(http: HTTPClient(configuration: Self.quick))
        let request = try AddCheckpointRequest(oldSize: 0, consistencyProof: [], checkpointNote: try Self.note())
        func prefix(_ path: String) throws -> URL { try #require(URL(string: server.url(path) + "/")) }
        #expect(try await client.addCheckpoint(request, submissionPrefix: try prefix("/a")) == .conflict(CosignedTreeSize(size: 7)))
        #expect(try await client.addCheckpoint(request, submissionPrefix: try prefix("/c"))
                == .refused(status: 422, excerpt: "inconsistent"))
        for path in ["/b", "/d"] {
            let url = try prefix(path)
            do throws(FetchError) {
                _ = try await client.addCheckpoint(request, submissionPrefix: url)
                Issue.record("\(path): a malformed answer was accepted")
            } catch {
                guard case .badContent = error.problem else {
                    Issue.record("\(path): expected badContent, got \(error)")
                    continue
                }
                #expect(error.url == server.url(path) + "/add-checkpoint")
            }
        }
    }

    /// A signed checkpoint of size 0.
    static func note() throws -> SignedNote {
        let checkpoint = try Checkpoint(origin: "example.org/log", size: 0, rootHash: MerkleTree.emptyRoot)
        return try checkpoint.signed(with: try Ed25519PrivateKey())
    }
}
