// Hand-written: AsyncSequence adapters over the generated pagers (`…Pager.nextPage()`), and a
// bridge from Swift task cancellation to the library's CancellationToken.

/// The pages a pager walks, as an `AsyncSequence`: each page is fetched when the loop asks for
/// it, and the sequence ends where the pager's walk ends (last page, a cursor seen before, or
/// the client's page cap).
///
/// ```swift
/// let pager = try client.admin().organization().users().listPager()
/// for try await page in PageSequence(pager.nextPage) { print(page.data.count) }
/// ```
///
/// A pager walks once: iterate the sequence once. An error ends the loop with that error; the
/// pager stays at the page that failed.
public struct PageSequence<Page>: AsyncSequence {
    public typealias Element = Page

    private let nextPage: () async throws -> Page?

    /// A sequence over the pages that `nextPage` returns until it returns `nil`.
    public init(_ nextPage: @escaping () async throws -> Page?) {
        self.nextPage = nextPage
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let nextPage: () async throws -> Page?

        public mutating func next() async throws -> Page? {
            try await nextPage()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(nextPage: nextPage)
    }
}

/// Every item of every page, as an `AsyncSequence`; `items` picks a page's items (`{ $0.data }`).
///
/// ```swift
/// let users = client.admin().organization().users()
/// for try await user in ItemSequence(try users.listPager().nextPage, items: { $0.data }) {
///     print(user.id)
/// }
/// ```
public struct ItemSequence<Page, Item>: AsyncSequence {
    public typealias Element = Item

    private let nextPage: () async throws -> Page?
    private let items: (Page) -> [Item]

    /// A sequence over the items of the pages that `nextPage` returns until it returns `nil`.
    public init(_ nextPage: @escaping () async throws -> Page?, items: @escaping (Page) -> [Item]) {
        self.nextPage = nextPage
        self.items = items
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let nextPage: () async throws -> Page?
        fileprivate let items: (Page) -> [Item]
        fileprivate var buffer: [Item] = []
        fileprivate var index = 0

        public mutating func next() async throws -> Item? {
            while index == buffer.count {
                guard let page = try await nextPage() else { return nil }
                buffer = items(page)
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(nextPage: nextPage, items: items)
    }
}

/// The time buckets of a usage or costs walk (`usage().completionsPager(…)`,
/// `usage().costsPager(…)`, …).
public func usageBuckets(
    _ nextPage: @escaping () async throws -> UsageResponse?
) -> ItemSequence<UsageResponse, UsageTimeBucket> {
    ItemSequence(nextPage, items: { $0.data })
}

/// Every result of every bucket of a usage or costs walk. A result whose kind this version does
/// not know comes as `.unknown` with its JSON.
public func usageResults(
    _ nextPage: @escaping () async throws -> UsageResponse?
) -> ItemSequence<UsageResponse, UsageTimeBucketResultsItem> {
    ItemSequence(nextPage, items: { $0.data.flatMap { $0.results } })
}

/// Runs `body` with call options whose cancellation token fires when the current task is
/// cancelled. Swift task cancellation does not reach the Rust future by itself; with this, a
/// cancelled task stops its request and the call throws `AdminError.Cancelled`.
///
/// ```swift
/// let user = try await withCancellableCall { options in
///     try await users.retrieve(userId: "user_abc", options: options)
/// }
/// ```
public func withCancellableCall<T>(
    _ options: CallOptions = CallOptions(),
    _ body: (CallOptions) async throws -> T
) async throws -> T {
    let token = CancellationToken()
    var options = options
    options.cancel = token
    return try await withTaskCancellationHandler {
        try await body(options)
    } onCancel: {
        token.cancel()
    }
}
