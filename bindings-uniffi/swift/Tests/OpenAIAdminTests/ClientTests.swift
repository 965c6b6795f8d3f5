// Hand-written. A few of the Kotlin tests (bindings-uniffi/kotlin/src/test), for a machine with
// a Swift toolchain: typed calls, paging with its loop guard, errors, bad path ids, cancellation,
// concurrency and secrets, against the Steady mock server (`eval "$(scripts/steady start)"`).
import XCTest
@testable import OpenAIAdmin

private let key = "sk-admin-test-SECRET-0123456789"

final class ClientTests: XCTestCase {
    private func mockURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["OPENAI_ADMIN_MOCK_URL"], !url.isEmpty else {
            throw XCTSkip("OPENAI_ADMIN_MOCK_URL is not set (eval \"$(scripts/steady start)\")")
        }
        return url
    }

    private func client(_ url: String) throws -> AdminClient {
        try AdminClient(apiKey: key, options: ClientOptions(baseUrl: url, maxRetries: 0))
    }

    func testTypedCallsAgainstSteady() async throws {
        let org = try client(try mockURL()).admin().organization()
        let user = try await org.users().retrieve(userId: "user_1")
        XCTAssertFalse(user.id.isEmpty)
        let page = try await org.users().list(params: UsersListParams(limit: 2))
        XCTAssertFalse(page.data.isEmpty)
        let member = try await org.projects().users().retrieve(
            userId: "user_1", params: ProjectsUsersRetrieveParams(projectId: "proj_1"))
        XCTAssertFalse(member.id.isEmpty)
    }

    func testAListWhoseCursorNeverMovesStops() async throws {
        // Steady answers admin_api_keys with has_more: true and the same page forever.
        let keys = try client(try mockURL()).admin().organization().adminApiKeys()
        var pages = 0
        for try await _ in PageSequence(try keys.listPager().nextPage) { pages += 1 }
        XCTAssert((1...3).contains(pages), "stopped after \(pages) pages")
    }

    func testEveryPagerHasPagesAndItems() async throws {
        let users = try client(try mockURL()).admin().organization().users()
        var seen = 0
        for try await user in try users.listPager().items {
            XCTAssertFalse(user.id.isEmpty)
            seen += 1
            if seen == 3 { break }
        }
        var pages = 0
        for try await page in try users.listPager(params: UsersListParams(limit: 1)).pages {
            XCTAssertFalse(page.data.isEmpty)
            pages += 1
            if pages == 2 { break }
        }
        XCTAssertGreaterThan(seen, 0)
    }

    func testBadPathIdsFailBeforeAnyRequest() async throws {
        let org = try client("http://127.0.0.1:9").admin().organization()
        for bad in ["", ".", ".."] {
            do {
                _ = try await org.users().retrieve(userId: bad)
                XCTFail("\(bad.debugDescription) was accepted")
            } catch let error as AdminError {
                guard case .InvalidInput = error else { return XCTFail("\(error)") }
                XCTAssertEqual(error.param, "user_id")
            }
        }
    }

    func testConnectionErrorHasItsClass() async throws {
        let org = try client("http://127.0.0.1:9").admin().organization()
        do {
            _ = try await org.users().retrieve(userId: "user_1")
            XCTFail("no error")
        } catch let error as AdminError {
            guard case .ApiConnection = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.className, "APIConnectionError")
            XCTAssertNil(error.status)
        }
    }

    func testACancelledTaskStopsItsRequest() async throws {
        let users = try client(try mockURL()).admin().organization().users()
        let task = Task {
            try await withCancellableCall { options in
                try await users.retrieve(userId: "user_1", options: options)
            }
        }
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("the call was not cancelled")
        } catch let error as AdminError {
            guard case .Cancelled = error else { return XCTFail("\(error)") }
        }
    }

    func testFiftyConcurrentCalls() async throws {
        let users = try client(try mockURL()).admin().organization().users()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 1...50 {
                group.addTask { try await users.retrieve(userId: "user_\(i)").id }
            }
            var out: [String] = []
            for try await id in group { out.append(id) }
            return out
        }
        XCTAssertEqual(ids.count, 50)
    }

    func testTheKeyIsInNoDescription() async throws {
        let c = try client("http://127.0.0.1:9")
        var shown = [String(describing: c), String(describing: c.settings()), String(reflecting: c.settings())]
        do {
            _ = try await c.admin().organization().users().retrieve(userId: "user_1")
        } catch {
            shown += [String(describing: error), String(reflecting: error), error.localizedDescription]
        }
        for text in shown {
            XCTAssertFalse(text.contains(key), "key shown in: \(text)")
        }
    }
}
