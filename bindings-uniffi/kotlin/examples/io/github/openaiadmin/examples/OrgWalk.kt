// Walks an organization and prints plain-text tables: its projects; each project's users,
// service accounts and API keys; and last week's costs by project.
//
//   OPENAI_ADMIN_KEY=sk-admin-... scripts/demo-kotlin    (OPENAI_BASE_URL points it elsewhere)
package io.github.openaiadmin.examples

import io.github.openaiadmin.AdminClient
import io.github.openaiadmin.AdminException
import io.github.openaiadmin.JsonValue
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
    val org = client.admin().organization()

    val projectPager = org.projects().listPager(ProjectsListParams(limit = 100, includeArchived = true))
    val projects = first(items(projectPager::nextPage) { it.data }, MAX_PROJECTS)
    val title = if (projects.size == MAX_PROJECTS) "Projects (first $MAX_PROJECTS)" else "Projects (${projects.size})"
    table(
        title,
        listOf("ID", "NAME", "STATUS", "CREATED"),
        projects.map { listOf(it.id, text(it.name), text(it.status), date(it.createdAt)) },
    )

    val rows = mutableListOf<List<String>>()
    for (p in projects) {
        val users = org.projects().users().listPager(p.id, ProjectsUsersListParams(limit = 100))
        for (u in first(items(users::nextPage) { it.data }, MAX_PER_PROJECT)) {
            rows += listOf(p.id, "user", u.id, text(u.name, u.email), u.role, date(u.addedAt))
        }
        val sas = org.projects().serviceAccounts().listPager(p.id, ProjectsServiceAccountsListParams(limit = 100))
        for (sa in first(items(sas::nextPage) { it.data }, MAX_PER_PROJECT)) {
            rows += listOf(p.id, "service account", sa.id, sa.name, wire(sa.role), date(sa.createdAt))
        }
        val keys = org.projects().apiKeys().listPager(p.id, ProjectsApiKeysListParams(limit = 100))
        for (k in first(items(keys::nextPage) { it.data }, MAX_PER_PROJECT)) {
            rows += listOf(p.id, "API key", k.id, k.name, "owner: ${keyOwner(k)}", date(k.createdAt))
        }
    }
    table(
        "Project users, service accounts and API keys",
        listOf("PROJECT", "KIND", "ID", "NAME", "ROLE / OWNER", "CREATED"),
        rows,
    )

    // Last week's costs, in daily buckets grouped by project, summed per project and currency.
    val startTime = Instant.now().epochSecond - 7 * DAY
    val costs = org.usage().costsPager(
        UsageCostsParams(startTime = startTime, bucketWidth = "1d", groupBy = listOf(UsageCostsGroupByItem.ProjectId)),
    )
    val totals = sortedMapOf<Pair<String, String>, Double>(compareBy({ it.first }, { it.second }))
    val otherKinds = sortedMapOf<String, Int>()
    for (page in first(pages(costs::nextPage), MAX_COST_PAGES)) {
        for (result in page.data.flatMap { it.results }) {
            if (result !is UsageTimeBucketResultsItem.OrganizationCostsResult) {
                otherKinds.merge(objectOf(result), 1, Int::plus)
                continue
            }
            val c = result.v1
            val key = text(c.projectId) to text(c.amount?.currency)
            totals.merge(key, c.amount?.value ?: 0.0, Double::plus)
        }
    }
    table(
        "Costs by project since ${date(startTime)}",
        listOf("PROJECT", "AMOUNT", "CURRENCY"),
        totals.map { (k, sum) -> listOf(k.first, "%.2f".format(sum), k.second) },
    )
    for ((kind, n) in otherKinds) {
        println("note: skipped $n result(s) of kind \"$kind\", which carry no cost")
    }
}

/** At most [cap] elements of a flow; the rest is not fetched. */
private suspend fun <T> first(flow: Flow<T>, cap: Int): List<T> = flow.take(cap).toList()

private fun keyOwner(k: ProjectApiKey): String {
    val u = k.owner.user
    val sa = k.owner.serviceAccount
    val t = k.owner.type
    return when {
        u != null -> "user ${u.email.ifEmpty { u.id }}"
        sa != null -> "service account ${sa.name.ifEmpty { sa.id }}"
        t != null -> wire(t)
        else -> "-"
    }
}

/**
 * The `object` name of a usage result that is not a cost result: each case holds its record (or,
 * for a kind this version does not know, its JSON) as `v1`, and every result record has `object`.
 */
private fun objectOf(item: UsageTimeBucketResultsItem): String {
    val v1 = item.javaClass.getMethod("getV1").invoke(item)
    if (v1 is JsonValue) return ((v1 as? JsonValue.Object)?.v1?.get("object") as? JsonValue.Str)?.v1 ?: "unknown"
    return v1.javaClass.getMethod("getObject").invoke(v1).toString()
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
