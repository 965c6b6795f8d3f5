// Walks an organization and prints plain-text tables: its projects; their members, service
// accounts and API keys (with last use); the stale keys; and last week's costs by project. The
// Rust, Python and Node walks print the same tables in the same layout (scripts/demo diffs them).
//
//   OPENAI_ADMIN_KEY=sk-admin-... scripts/demo-kotlin    (OPENAI_BASE_URL points it elsewhere)
package io.github.openaiadmin.examples

import io.github.openaiadmin.AdminClient
import io.github.openaiadmin.AdminException
import io.github.openaiadmin.ProjectApiKey
import io.github.openaiadmin.ProjectsApiKeysListParams
import io.github.openaiadmin.ProjectsListParams
import io.github.openaiadmin.ProjectsServiceAccountsListParams
import io.github.openaiadmin.ProjectsUsersListParams
import io.github.openaiadmin.UsageCostsGroupByItem
import io.github.openaiadmin.UsageCostsParams
import io.github.openaiadmin.UsageTimeBucketResultsItem
import io.github.openaiadmin.items
import io.github.openaiadmin.pages
import java.time.Instant
import java.time.ZoneOffset
import java.util.Locale
import kotlin.system.exitProcess
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

/** Caps, so that a list whose cursor never moves on cannot run forever. */
private const val MAX_PROJECTS = 50
private const val MAX_PER_PROJECT = 200
private const val MAX_COST_PAGES = 10
private const val DAY = 24L * 60 * 60

/** A key not used for this many days (counting from its creation when never used) is stale. */
private const val STALE_DAYS = 90L

fun main() {
    val code = try {
        runBlocking { walk() }
        0
    } catch (e: AdminException) {
        System.err.println("org_walk: ${e.javaClass.simpleName}: ${e.message}")
        1
    }
    exitProcess(code)
}

private suspend fun walk() {
    val client = AdminClient() // OPENAI_ADMIN_KEY, OPENAI_BASE_URL, … from the environment
    println("Organization at ${client.settings().baseUrl}\n")
    val now = Instant.now().epochSecond
    val org = client.admin().organization()

    val projectPager = org.projects().listPager(ProjectsListParams(limit = 100, includeArchived = true))
    val projects = first(items(projectPager::nextPage) { it.data }, MAX_PROJECTS)
    val names = projects.associate { it.id to (it.name?.ifEmpty { null } ?: it.id) }
    table(
        "Projects (${projects.size})",
        listOf("NAME", "ID", "STATUS", "CREATED"),
        projects.map { listOf(text(it.name), it.id, text(it.status), date(it.createdAt)) },
    )

    val members = mutableListOf<List<String>>()
    val accounts = mutableListOf<List<String>>()
    val keys = mutableListOf<List<String>>()
    val stale = mutableListOf<List<String>>()
    for (p in projects) {
        val name = names.getValue(p.id)
        val users = org.projects().users().listPager(p.id, ProjectsUsersListParams(limit = 100))
        for (u in first(items(users::nextPage) { it.data }, MAX_PER_PROJECT)) {
            members += listOf(name, text(u.name), text(u.email), u.role, date(u.addedAt))
        }
        val sas = org.projects().serviceAccounts().listPager(p.id, ProjectsServiceAccountsListParams(limit = 100))
        for (sa in first(items(sas::nextPage) { it.data }, MAX_PER_PROJECT)) {
            accounts += listOf(name, sa.name, wire(sa.role), date(sa.createdAt))
        }
        val pager = org.projects().apiKeys().listPager(p.id, ProjectsApiKeysListParams(limit = 100))
        for (k in first(items(pager::nextPage) { it.data }, MAX_PER_PROJECT)) {
            val used = k.lastUsedAt
            val row = listOf(name, k.name, keyOwner(k), if (used == null) "never" else date(used))
            if (now - (used ?: k.createdAt) > STALE_DAYS * DAY) stale += row
            keys += row + date(k.createdAt)
        }
    }
    table("Members (${members.size})", listOf("PROJECT", "NAME", "EMAIL", "ROLE", "ADDED"), members)
    table("Service accounts (${accounts.size})", listOf("PROJECT", "NAME", "ROLE", "CREATED"), accounts)
    table("API keys (${keys.size})", listOf("PROJECT", "NAME", "OWNER", "LAST USED", "CREATED"), keys)
    table(
        "Stale API keys: no use for $STALE_DAYS+ days (${stale.size})",
        listOf("PROJECT", "NAME", "OWNER", "LAST USED"),
        stale,
    )

    // Last week's costs, in daily buckets grouped by project, summed per project and currency;
    // from midnight (UTC) seven days ago, so that every walk asks for the same buckets.
    val startTime = now - Math.floorMod(now, DAY) - 7 * DAY
    val costs = org.usage().costsPager(
        UsageCostsParams(
            startTime = startTime,
            bucketWidth = "1d",
            groupBy = listOf(UsageCostsGroupByItem.ProjectId),
            limit = 7,
        ),
    )
    val totals = sortedMapOf<Pair<String, String>, Double>(compareBy({ it.first }, { it.second }))
    for (page in first(pages(costs::nextPage), MAX_COST_PAGES)) {
        for (result in page.data.flatMap { it.results }) {
            if (result !is UsageTimeBucketResultsItem.OrganizationCostsResult) continue
            val c = result.v1
            val project = text(c.projectId)
            val key = (names[project] ?: project) to text(c.amount?.currency)
            totals.merge(key, c.amount?.value ?: 0.0, Double::plus)
        }
    }
    val rows = totals.map { (k, sum) -> listOf(k.first, money(sum), k.second) } +
        listOf(listOf("TOTAL", money(totals.values.sum()), ""))
    table("Costs since ${date(startTime)} by project", listOf("PROJECT", "AMOUNT", "CURRENCY"), rows)
}

/** An amount with two decimals, the same in every locale. */
private fun money(v: Double): String = String.format(Locale.ROOT, "%.2f", v)

/** At most [cap] elements of a flow; the rest is not fetched. */
private suspend fun <T> first(flow: Flow<T>, cap: Int): List<T> = flow.take(cap).toList()

private fun keyOwner(k: ProjectApiKey): String {
    val u = k.owner.user
    val sa = k.owner.serviceAccount
    val t = k.owner.type
    return when {
        u != null -> text(u.email, u.id)
        sa != null -> "${text(sa.name, sa.id)} (service account)"
        t != null -> wire(t)
        else -> "-"
    }
}

/**
 * The API's text of a string enum value: the value itself for one this version does not know,
 * else its case name in snake_case (`ServiceAccount` → `service_account`).
 */
private fun wire(value: Any): String {
    val unknown = value.javaClass.methods.firstOrNull { it.name == "getV1" }
    if (unknown != null) return unknown.invoke(value).toString()
    return value.javaClass.simpleName.replace(Regex("(?<=[a-z0-9])([A-Z])"), "_$1").lowercase()
}

/** An optional text, or "-" when it is missing or empty. */
private fun text(vararg values: String?): String = values.firstOrNull { !it.isNullOrEmpty() } ?: "-"

/** A Unix time as `YYYY-MM-DD` (UTC). */
private fun date(unix: Long): String = Instant.ofEpochSecond(unix).atOffset(ZoneOffset.UTC).toLocalDate().toString()

/** Prints a titled table with each column as wide as its widest cell. */
private fun table(title: String, head: List<String>, rows: List<List<String>>) {
    val widths = head.indices.map { i -> (listOf(head[i]) + rows.map { it[i] }).maxOf { it.length } }
    println(title)
    for (row in listOf(head, widths.map { "-".repeat(it) }) + rows) {
        println("  " + row.zip(widths).joinToString("  ") { (c, w) -> c.padEnd(w) }.trimEnd())
    }
    if (rows.isEmpty()) println("  (none)")
    println()
}
