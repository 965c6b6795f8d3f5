// Benchmarks openai-admin (Kotlin, Rust core through uniffi) against the official
// com.openai:openai-java, side by side in one run: each measurement in a fresh JVM, against one
// local keep-alive HTTP server serving the payloads crate's pages (bindings-python/bench/server.py).
//
//   java -cp … BenchKt all PAYLOAD_DIR SERVER_PY   (scripts/bench-kotlin runs this)
//   java -cp … BenchKt one ours|openai BENCH URL   (one measurement; prints one number)
//   java -cp … BenchKt cold ours|openai|none       (a ready client, then exit)
import com.openai.client.OpenAIClient
import com.openai.client.okhttp.OpenAIOkHttpClient
import com.openai.models.admin.organization.usage.UsageCompletionsParams
import com.openai.models.admin.organization.usage.UsageCostsParams as OaCostsParams
import io.github.openaiadmin.AdminClient
import io.github.openaiadmin.ClientOptions
import io.github.openaiadmin.UsageCompletionsParams as OurCompletionsParams
import io.github.openaiadmin.UsageCostsParams as OurCostsParams
import io.github.openaiadmin.UsageTimeBucketResultsItem
import io.github.openaiadmin.UsageResponse
import io.github.openaiadmin.UsersListParams
import io.github.openaiadmin.items
import java.io.File
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.runBlocking

private const val KEY = "sk-admin-bench"

/** A sink that the JIT cannot prove unused. */
@Volatile private var sink = 0L

private fun ours(url: String) = AdminClient(KEY, ClientOptions(baseUrl = url, maxRetries = 0u))

private fun official(url: String): OpenAIClient =
    OpenAIOkHttpClient.builder().adminApiKey(KEY).apiKey("unused").baseUrl(url).maxRetries(0).build()

/** Median of [runs] timed calls of [f] after [warm] untimed ones, in ms. */
private fun medianMs(warm: Int, runs: Int, f: () -> Unit): Double {
    repeat(warm) { f() }
    val times = (1..runs).map {
        val t = System.nanoTime()
        f()
        (System.nanoTime() - t) / 1e6
    }.sorted()
    return times[times.size / 2]
}

private fun touchUsage(page: UsageResponse): Long {
    var n = 0L
    for (bucket in page.data) {
        n += bucket.startTime
        for (r in bucket.results) {
            n += when (r) {
                is UsageTimeBucketResultsItem.OrganizationUsageCompletionsResult -> r.v1.inputTokens + r.v1.outputTokens
                is UsageTimeBucketResultsItem.OrganizationCostsResult -> ((r.v1.amount?.value ?: 0.0) * 100).toLong()
                else -> 1
            }
        }
    }
    return n
}

/** One measurement: a time in ms for page benches, requests per second for the loops. */
private fun one(lib: String, bench: String, url: String): Double {
    val o = if (lib == "ours") ours(url) else null
    val a = if (lib == "openai") official(url) else null
    return when (bench) {
        "audit_logs" -> medianMs(5, 15) {
            if (o != null) {
                val page = runBlocking { o.admin().organization().auditLogs().list() }
                for (e in page.data) sink += e.id.length + e.effectiveAt + e.type.hashCode()
            } else {
                val page = a!!.admin().organization().auditLogs().list()
                for (e in page.data()) sink += e.id().length + e.effectiveAt() + e.type().hashCode()
            }
        }
        "usage", "costs" -> medianMs(5, 15) {
            if (o != null) {
                val usage = o.admin().organization().usage()
                val page = runBlocking {
                    if (bench == "usage") usage.completions(OurCompletionsParams(startTime = 0)) else usage.costs(OurCostsParams(startTime = 0))
                }
                sink += touchUsage(page)
            } else {
                val usage = a!!.admin().organization().usage()
                if (bench == "usage") {
                    val page = usage.completions(UsageCompletionsParams.builder().startTime(0).build())
                    for (b in page.data()) {
                        sink += b.startTime()
                        for (r in b.results()) sink += r.organizationUsageCompletions().map { it.inputTokens() + it.outputTokens() }.orElse(1)
                    }
                } else {
                    val page = usage.costs(OaCostsParams.builder().startTime(0).build())
                    for (b in page.data()) {
                        sink += b.startTime()
                        for (r in b.results()) sink += r.organizationCosts().flatMap { it.amount() }.flatMap { it.value() }.map { (it * 100).toLong() }.orElse(1)
                    }
                }
            }
        }
        "users" -> medianMs(5, 15) {
            if (o != null) {
                val page = runBlocking { o.admin().organization().users().list() }
                for (u in page.data) sink += u.id.length
            } else {
                for (u in a!!.admin().organization().users().list().data()) sink += u.id().length
            }
        }
        "paging" -> {
            // 10,000 users, 100 per page, by `after`: 100 requests per walk.
            val paged = "$url/paged"
            val po = if (o != null) ours(paged) else null
            val pa = if (a != null) official(paged) else null
            val ms = medianMs(2, 5) {
                var n = 0
                if (po != null) {
                    val pager = po.admin().organization().users().listPager(UsersListParams(limit = 100))
                    runBlocking { items(pager::nextPage) { it.data }.collect { n += it.id.length } }
                } else {
                    for (u in pa!!.admin().organization().users().list().autoPager()) n += u.id().length
                }
                sink += n
            }
            100 / (ms / 1000)
        }
        "small" -> {
            // The service object is kept, as an app keeps it; ours runs the loop in one coroutine.
            val n = 2_000
            val ou = o?.admin()?.organization()?.users()
            val au = a?.admin()?.organization()?.users()
            val ms = medianMs(1, 5) {
                if (ou != null) {
                    runBlocking { repeat(n) { sink += ou.retrieve("user_1").id.length } }
                } else {
                    repeat(n) { sink += au!!.retrieve("user_1").id().length }
                }
            }
            n / (ms / 1000)
        }
        else -> error("unknown bench $bench")
    }.also { if (a != null) a.close() }
}

/** A ready client, as an app's first line would make it; the caller times the whole JVM. */
private fun cold(lib: String) {
    when (lib) {
        "ours" -> sink += ours("http://127.0.0.1:9").admin().organization().users().hashCode()
        "openai" -> sink += official("http://127.0.0.1:9").admin().organization().users().hashCode()
        else -> Unit
    }
}

private fun java(vararg args: String): Process {
    val java = File(System.getProperty("java.home"), "bin/java").path
    val cp = System.getProperty("java.class.path")
    return ProcessBuilder(java, "-cp", cp, "BenchKt", *args).redirectError(ProcessBuilder.Redirect.INHERIT).start()
}

private fun runOne(lib: String, bench: String, url: String): Double {
    val p = java("one", lib, bench, url)
    val out = p.inputStream.readBytes().decodeToString().trim().lines().last()
    check(p.waitFor() == 0) { "$lib $bench failed" }
    return out.toDouble()
}

private fun coldMs(lib: String, reps: Int = 9): Double {
    val times = (1..reps).map {
        val t = System.nanoTime()
        val p = java("cold", lib)
        p.inputStream.readBytes()
        check(p.waitFor() == 0) { "cold $lib failed" }
        (System.nanoTime() - t) / 1e6
    }.sorted()
    return times[reps / 2]
}

private fun all(payloads: File, serverPy: String, sizes: Map<String, String>) {
    val portFile = File.createTempFile("bench-port", "").also { it.delete() }
    val server = ProcessBuilder("python3", serverPy, payloads.path, portFile.path).inheritIO().start()
    try {
        repeat(200) { if (!(portFile.exists() && portFile.readText().isNotBlank())) Thread.sleep(50) }
        val url = "http://127.0.0.1:${portFile.readText().trim()}"
        val rows = mutableListOf<List<String>>()
        fun fmt(x: Double) = if (x >= 100) "%,.0f".format(x) else if (x >= 10) "%.1f".format(x) else "%.2f".format(x)
        val pages = listOf(
            "audit_logs" to ("page → objects, every item read: audit logs, 10,000 events" to "audit_logs_10000.json"),
            "usage" to ("page → objects, every result read: usage completions, 31 × 300" to "usage_completions_31x300.json"),
            "costs" to ("page → objects, every result read: costs, 31 × 300" to "costs_31x300.json"),
            "users" to ("page → objects, every item read: users, 10,000" to "users_10000.json"),
        )
        for ((bench, v) in pages) {
            val (label, file) = v
            val mb = File(payloads, file).length() / 1e6
            System.err.println("--> $bench")
            val a = runOne("openai", bench, url)
            val o = runOne("ours", bench, url)
            rows += listOf("$label (%.1f MB), ms".format(mb), fmt(o), fmt(a), "%.2f×".format(o / a))
        }
        for ((bench, label) in listOf(
            "paging" to "walk 10,000 users, 100 per page, req/s",
            "small" to "sequential small requests (keep-alive), req/s",
        )) {
            System.err.println("--> $bench")
            val a = runOne("openai", bench, url)
            val o = runOne("ours", bench, url)
            rows += listOf(label, fmt(o), fmt(a), "%.2f×".format(o / a))
        }
        System.err.println("--> cold start")
        val base = coldMs("none")
        val co = coldMs("ours")
        val ca = coldMs("openai")
        rows += listOf("cold start to a ready client (fresh JVM), ms", fmt(co), fmt(ca), "%.2f×".format(co / ca))
        for ((k, v) in sizes) rows += listOf(k, v.split('|')[0], v.split('|')[1], v.split('|')[2])
        println("| measurement | openai-admin (Kotlin) | official openai-java 4.101.0 | ratio (ours ÷ official) |")
        println("|---|---:|---:|---:|")
        for (r in rows) println("| ${r.joinToString(" | ")} |")
        println()
        println("An empty JVM (`java -cp … ` with nothing to do) takes ${fmt(base)} ms here. For times and sizes lower is better; for req/s higher is better.")
    } finally {
        server.destroy()
        server.waitFor(5, TimeUnit.SECONDS)
    }
}

fun main(args: Array<String>) {
    when (args.firstOrNull()) {
        "one" -> println(one(args[1], args[2], args[3]))
        "cold" -> cold(args[1])
        "all" -> {
            // Sizes come from scripts/bench-kotlin as "label=ours|official|ratio" arguments.
            val sizes = args.drop(3).associate { it.substringBefore('=') to it.substringAfter('=') }
            all(File(args[1]), args[2], sizes)
        }
        else -> {
            System.err.println("usage: BenchKt all PAYLOADS SERVER_PY | one LIB BENCH URL | cold LIB")
            exitProcess(2)
        }
    }
    exitProcess(0)
}
