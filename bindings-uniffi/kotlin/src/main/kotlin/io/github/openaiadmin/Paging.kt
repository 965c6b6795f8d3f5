// Hand-written: Kotlin flows on top of the generated pagers (`…Pager.nextPage()`).
package io.github.openaiadmin

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * The pages a pager walks, as a [Flow]: each page is fetched when the collector asks for it, and
 * the flow ends where the pager's walk ends (last page, a cursor seen before, or the client's
 * page cap). Pass the pager's `nextPage` function, e.g.
 * `pages(client.admin().organization().users().listPager()::nextPage)`.
 *
 * A pager walks once: collect the flow once (a second collection continues where the first
 * stopped). An error is thrown into the collector; the pager stays at the page that failed.
 */
fun <P : Any> pages(nextPage: suspend () -> P?): Flow<P> = flow {
    while (true) {
        emit(nextPage() ?: break)
    }
}

/**
 * Every item of every page, as a [Flow]; [data] picks a page's items (`{ it.data }`).
 *
 * ```
 * val users = client.admin().organization().users()
 * items(users.listPager(UsersListParams(limit = 100))::nextPage) { it.data }
 *     .collect { println(it.email) }
 * ```
 */
fun <P : Any, T> items(nextPage: suspend () -> P?, data: (P) -> List<T>): Flow<T> = flow {
    while (true) {
        val page = nextPage() ?: break
        for (item in data(page)) emit(item)
    }
}

/**
 * The time buckets of a usage or costs walk (`usage().completionsPager(…)`,
 * `usage().costsPager(…)`, …), page after page, as a [Flow].
 */
fun usageBuckets(nextPage: suspend () -> UsageResponse?): Flow<UsageTimeBucket> =
    items(nextPage) { it.data }

/**
 * Every result of every bucket of a usage or costs walk, as a [Flow]. A result whose kind this
 * version does not know comes as `UsageTimeBucketResultsItem.Unknown` with its JSON.
 */
fun usageResults(nextPage: suspend () -> UsageResponse?): Flow<UsageTimeBucketResultsItem> = flow {
    while (true) {
        val page = nextPage() ?: break
        for (bucket in page.data) {
            for (result in bucket.results) emit(result)
        }
    }
}
