// The shared fault scenarios (tests/vectors/faults.json) against the fault server
// (fault-server/), through the escape hatch `AdminClient.call` by sdk_method and, for walks, the
// typed pager: attempts and waits from the server's log, error classes and fields, every item
// paged once and in order (and where a failed walk resumes), and hostile path ids (the path the
// server saw, or InvalidInput before anything is sent).
package io.github.openaiadmin

import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance

/** Timer rounding allowed before a wait's lower bound, and scheduling slack past its upper bound. */
private const val EARLY_S = 0.005
private const val LATE_S = 0.35

/**
 * Client settings of the vectors that `ClientOptions` has no field for. A scenario that sets one
 * still runs (the fault is injected and the invariants are checked), but the checks that depend
 * on the setting (attempts, waits, result or error, items) are skipped, and the dynamic test is
 * reported as skipped with this reason.
 */
private val MISSING_OPTIONS = mapOf<String, String>()

// ------------------------------------------------------------------------------------------------
// Reading the vectors (through the binding's own JSON)

private fun JsonValue?.obj(): Map<String, JsonValue> = (this as? JsonValue.Object)?.v1 ?: fail("not an object: $this")
private fun JsonValue?.arr(): List<JsonValue> = (this as? JsonValue.Array)?.v1 ?: fail("not an array: $this")
private fun JsonValue?.str(): String = (this as? JsonValue.Str)?.v1 ?: fail("not a string: $this")
private fun JsonValue?.long(): Long = when (this) {
    is JsonValue.Int -> v1
    is JsonValue.Float -> v1.toLong()
    else -> fail("not a number: $this")
}
private fun JsonValue?.num(): Double = when (this) {
    is JsonValue.Int -> v1.toDouble()
    is JsonValue.Float -> v1
    else -> fail("not a number: $this")
}
private fun JsonValue?.truthy(): Boolean = when (this) {
    null, JsonValue.Null -> false
    is JsonValue.Bool -> v1
    else -> true
}

/** The fault server binary, started once for this class; each scenario posts its script. */
class FaultServer : AutoCloseable {
    private val proc: Process
    private val http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
    val url: String

    init {
        val exe = File(ROOT, "target/debug/fault-server")
        if (!exe.exists()) {
            // scripts/test-kotlin builds it; build it here when the tests run on their own.
            val build = ProcessBuilder("cargo", "build", "-q", "-p", "fault-server")
                .directory(ROOT).inheritIO().start()
            assertEquals(0, build.waitFor(), "cargo build -p fault-server")
        }
        proc = ProcessBuilder(exe.path, "--exit-on-stdin-eof")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()
        url = proc.inputStream.bufferedReader().readLine()?.trim() ?: fail("fault-server printed nothing")
        assertTrue(url.startsWith("http://127.0.0.1:"), url)
    }

    /** Replaces the script (which also clears the record). */
    fun script(script: JsonValue) {
        val req = HttpRequest.newBuilder(URI.create("$url/__faults/script"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonStringify(script)))
            .build()
        val res = http.send(req, HttpResponse.BodyHandlers.ofString())
        assertEquals(200, res.statusCode(), "POST /__faults/script: ${res.body()}")
    }

    /** What the server received since the script was set. */
    fun log(): List<Map<String, JsonValue>> {
        val req = HttpRequest.newBuilder(URI.create("$url/__faults/log")).GET().build()
        val res = http.send(req, HttpResponse.BodyHandlers.ofString())
        assertEquals(200, res.statusCode(), "GET /__faults/log")
        return jsonParse(res.body()).arr().map { it.obj() }
    }

    override fun close() {
        proc.outputStream.close() // --exit-on-stdin-eof
        if (!proc.waitFor(5, TimeUnit.SECONDS)) proc.destroyForcibly()
    }
}

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsTest {
    private val doc: Map<String, JsonValue> = jsonParse(File(ROOT, "tests/vectors/faults.json").readText()).obj()
    private val adminKey = doc["admin_key"].str()
    private lateinit var server: FaultServer

    // Figures, written to target/fault-figures.txt at the end.
    private var scenarios = 0
    private var fullyChecked = 0
    private var requests = 0
    private var faults = 0
    private var items = 0
    private var hostile = 0
    private val skipped = mutableListOf<String>()

    @BeforeAll
    fun start() {
        server = FaultServer()
    }

    @AfterAll
    fun stop() {
        if (::server.isInitialized) server.close()
        val lines = buildList {
            add(
                "faults (kotlin): $scenarios scenarios run ($fullyChecked fully checked), $requests requests, " +
                    "$faults faults injected and survived, $items items paged under faults, $hostile hostile ids tried",
            )
            skipped.forEach { add("  skipped checks: $it") }
        }
        val out = File(ROOT, "bindings-uniffi/kotlin/target/fault-figures.txt")
        out.parentFile.mkdirs()
        // scripts/test-kotlin shows this file after the run.
        out.writeText(lines.joinToString("") { "$it\n" })
    }

    /** The settings of [sc]: the file's `client`, the scenario's on top. */
    private fun settings(sc: Map<String, JsonValue>): Map<String, JsonValue> =
        doc["client"].obj() + (sc["client"]?.obj() ?: emptyMap())

    private fun clientFor(settings: Map<String, JsonValue>): AdminClient {
        val options = ClientOptions(
            baseUrl = server.url + doc["base_path"].str(),
            timeout = settings["timeout_ms"]?.let { Duration.ofMillis(it.long()) },
            maxRetries = settings["max_retries"]?.long()?.toUInt(),
            maxPages = settings["max_pages"]?.long()?.toULong(),
            retryNonIdempotent = settings["retry_non_idempotent"]?.let { (it as? JsonValue.Bool)?.v1 ?: fail("not a bool: $it") },
            maxResponseBytes = settings["max_response_bytes"]?.long()?.toULong(),
        )
        return AdminClient(adminKey, options)
    }

    // --------------------------------------------------------------------------------------------
    // What the script answered, for the fault count

    /** The step the server answered request [n] (from 1) with, as fault-server/README.md says. */
    private fun stepFor(script: Map<String, JsonValue>, n: Long): Map<String, JsonValue>? {
        script["at"]?.obj()?.get(n.toString())?.let { return it.obj() }
        var i = 0L
        for (step in script["steps"]?.arr() ?: emptyList()) {
            val s = step.obj()
            i += s["times"]?.long() ?: 1
            if (n <= i) return s
        }
        return script["otherwise"]?.obj()
    }

    private fun isFault(step: Map<String, JsonValue>?): Boolean {
        if (step == null) return false
        val status = step["status"]?.long()
        return (status != null && status !in 200..299) ||
            listOf("reset", "truncate", "claim_length", "huge", "redirect").any { step[it] != null } ||
            listOf("malformed", "html", "no_length", "delay_ms", "drip_ms").any { step[it].truthy() }
    }

    // --------------------------------------------------------------------------------------------
    // Checks

    /** The error kind of `host::describe`, from the exception's case. */
    private fun kindOf(e: AdminException): String = when (e) {
        is AdminException.InvalidInput -> "invalid_input"
        is AdminException.ApiTimeout -> "timeout"
        is AdminException.ApiConnection -> "connection"
        is AdminException.ApiResponseValidation -> "decode"
        is AdminException.Cancelled, is AdminException.Panic -> "other"
        else -> "status"
    }

    private fun checkError(name: String, e: AdminException, want: Map<String, JsonValue>) {
        for ((k, v) in want) {
            when (k) {
                "kind" -> assertEquals(v.str(), kindOf(e), "$name: kind of $e")
                "class" -> assertEquals(v.str(), e.className, "$name: class of $e")
                "class_js" -> Unit // the JS package's class name; Kotlin uses the Python names
                "status" -> assertEquals(v.long().toInt(), e.status?.toInt(), "$name: status of $e")
                "type" -> assertEquals(v.str(), e.errorType, "$name: type of $e")
                "message" -> assertEquals(v.str(), e.detail, "$name: message of $e")
                "request_id" -> assertEquals(v.str(), e.requestId, "$name: request id of $e")
                "code" -> assertEquals(v.str(), e.code, "$name: code of $e")
                "param" -> assertEquals(v.str(), e.param, "$name: param of $e")
                else -> fail("$name: unknown expectation $k")
            }
        }
        // The admin key never shows in an error.
        assertFalse(adminKey in "$e ${e.message} ${e.body}", "$name: the key in an error")
    }

    private fun checkItems(name: String, ids: List<String>, want: Map<String, JsonValue>) {
        assertEquals(want["count"].long().toInt(), ids.size, "$name: items")
        want["first"]?.let { assertEquals(it.str(), ids.first(), "$name: first item") }
        want["last"]?.let { assertEquals(it.str(), ids.last(), "$name: last item") }
        if (want["ordered"].truthy()) {
            assertTrue(ids.zipWithNext().all { (a, b) -> a < b }, "$name: items out of order or repeated")
        }
    }

    /** Attempts, headers, identical retries, waits and paths, from the server's log. */
    private fun checkLog(name: String, ex: Map<String, JsonValue>, log: List<Map<String, JsonValue>>, walked: Boolean) {
        assertEquals(ex["attempts"].long().toInt(), log.size, "$name: attempts")
        for (r in log) {
            assertEquals("Bearer $adminKey", r["headers"].obj()["authorization"]?.str(), "$name: authorization")
        }
        if (!walked) {
            val first = listOf(log[0]["method"], log[0]["target"], log[0]["body"])
            for (r in log.drop(1)) {
                assertEquals(first, listOf(r["method"], r["target"], r["body"]), "$name: a retry differs")
            }
        }
        ex["waits"]?.arr()?.let { waits ->
            assertEquals(waits.size + 1, log.size, "$name: one wait per retry")
            waits.forEachIndexed { i, w ->
                val (lo, hi) = w.arr().map { it.num() }
                val gap = (log[i + 1]["at_ms"].num() - log[i]["at_ms"].num()) / 1000
                assertTrue(gap >= lo - EARLY_S && gap <= hi + LATE_S, "$name: wait $i was ${"%.3f".format(gap)} s, not $lo..$hi")
            }
        }
        ex["paths"]?.arr()?.let { paths ->
            assertEquals(paths.map { it.str() }, log.map { it["target"].str() }, "$name: paths")
        }
    }

    // --------------------------------------------------------------------------------------------
    // Walks: the typed pager of the scenario's operation, page after page

    /** A pager over [sdkMethod] with [params], as a function giving each page's item ids. */
    private fun pagerFor(client: AdminClient, sdkMethod: String, params: Map<String, JsonValue>): suspend () -> List<String>? =
        when (sdkMethod) {
            "admin.organization.users.list" -> {
                val known = setOf("limit", "after")
                assertTrue(params.keys.all { it in known }, "$sdkMethod: params ${params.keys} are not mapped here")
                val pager = client.admin().organization().users().listPager(
                    UsersListParams(limit = params["limit"]?.long(), after = params["after"]?.str()),
                )
                val next: suspend () -> List<String>? = { pager.nextPage()?.data?.map { it.id } }
                next
            }
            else -> fail("no pager is mapped for $sdkMethod: add it to FaultsTest.pagerFor")
        }

    /** Collects item ids into [ids] until the walk ends (null) or fails (the error). */
    private suspend fun walk(next: suspend () -> List<String>?, ids: MutableList<String>): AdminException? {
        try {
            while (true) ids += next() ?: return null
        } catch (e: AdminException) {
            return e
        }
    }

    // --------------------------------------------------------------------------------------------
    // The scenarios

    @TestFactory
    fun `every fault scenario`(): List<DynamicTest> = doc["scenarios"].arr().map { it.obj() }.map { sc ->
        val name = sc["name"].str()
        DynamicTest.dynamicTest(name) { runScenario(sc) }
    }

    private fun runScenario(sc: Map<String, JsonValue>) = runBlocking {
        val name = sc["name"].str()
        val ex = sc["expect"].obj()
        val call = sc["call"].obj()
        val sdkMethod = call["sdk_method"].str()
        val params = call["params"].obj()
        val settings = settings(sc)
        val missing = settings.keys.filter { it in MISSING_OPTIONS }
        val script = sc["script"].obj()
        server.script(sc["script"]!!)
        val client = clientFor(settings)

        var result: String? = null
        var error: AdminException? = null
        var collected: MutableList<String>? = null
        var next: (suspend () -> List<String>?)? = null
        if (call["walk"]?.str() == "items") {
            val ids = mutableListOf<String>()
            collected = ids
            next = pagerFor(client, sdkMethod, params)
            error = walk(next, ids)
        } else {
            try {
                result = client.call(sdkMethod, jsonStringify(JsonValue.Object(params)))
            } catch (e: AdminException) {
                error = e
            }
        }
        val log = server.log()
        scenarios++
        requests += log.size
        faults += log.count { isFault(stepFor(script, it["n"].long())) }
        items += collected?.size ?: 0
        // Whatever the settings: every request carries the key, the key never shows in an error.
        for (r in log) {
            assertEquals("Bearer $adminKey", r["headers"].obj()["authorization"]?.str(), "$name: authorization")
        }
        error?.let { assertFalse(adminKey in "$it ${it.message}", "$name: the key in an error") }
        if (missing.isNotEmpty()) {
            val why = missing.joinToString("; ") { MISSING_OPTIONS.getValue(it) }
            skipped += "$name: attempts/waits/outcome not checked ($why); ran with ${log.size} attempt(s), " +
                (error?.let { "${it.className} ${it.status}" } ?: "success")
            assumeTrue(false, "$name: $why")
        }

        checkLog(name, ex, log, collected != null)
        val want = ex["error"]
        if (want != null) {
            checkError(name, assertNotNull(error, "$name: succeeded, expected ${jsonStringify(want)}"), want.obj())
        } else {
            assertNull(error, "$name: failed with $error")
        }
        val ids = collected
        if (ids != null) {
            ex["items"]?.let { checkItems(name, ids, it.obj()) }
            ex["resume_cursor"]?.let { cursor ->
                // The Kotlin pager reports no cursor in the error: it stays at the page that
                // failed, whose cursor is the last item walked; calling it again resumes there.
                assertEquals(cursor.str(), ids.last(), "$name: the cursor to resume from")
            }
            ex["resume"]?.let { resume ->
                val want = resume.obj()
                val again = mutableListOf<String>()
                val failed = walk(next!!, again)
                assertNull(failed, "$name: the resumed walk failed with $failed")
                val after = server.log()
                val resumed = after.drop(log.size)
                assertEquals(want["attempts"].long().toInt(), resumed.size, "$name: resumed attempts")
                val query = resumed.first()["query"]?.str().orEmpty()
                assertTrue("after=${ex["resume_cursor"].str()}" in query.split('&'), "$name: resumed at $query")
                want["items"]?.let { checkItems(name, again, it.obj()) }
                assertTrue(ids.intersect(again.toSet()).isEmpty(), "$name: an item came twice")
                requests += resumed.size
                faults += resumed.count { isFault(stepFor(script, it["n"].long())) }
                items += again.size
            }
        } else {
            ex["result"]?.obj()?.let { want ->
                val got = jsonParse(assertNotNull(result, name)).obj()
                for ((k, v) in want) assertEquals(v, got[k], "$name: result field $k")
            }
        }
        fullyChecked++
    }

    // --------------------------------------------------------------------------------------------
    // Hostile path ids

    private val hostileDoc get() = doc["hostile_ids"].obj()

    private fun hostileId(case: Map<String, JsonValue>): String =
        case["id"]?.str() ?: case["id_repeat"].obj().let {
            (it["prefix"]?.str() ?: "") + it["text"].str().repeat(it["times"].long().toInt())
        }

    private fun wantPath(expect: Map<String, JsonValue>): String =
        expect["path"]?.str() ?: expect["path_repeat"].obj().let {
            (it["prefix"]?.str() ?: "") + it["text"].str().repeat(it["times"].long().toInt())
        }

    private fun hostileCheck(name: String, expect: Map<String, JsonValue>, before: Int, send: suspend () -> Unit) = runBlocking {
        val want = expect["error"]
        if (want != null) {
            val e = try {
                send()
                fail("$name: sent, expected ${jsonStringify(want)}")
            } catch (e: AdminException) {
                e
            }
            assertIs<AdminException.InvalidInput>(e, name)
            checkError(name, e, want.obj())
            assertEquals(before, server.log().size, "$name: nothing may be sent")
        } else {
            send()
            val log = server.log()
            assertEquals(before + 1, log.size, name)
            assertEquals("GET", log.last()["method"].str(), name)
            assertEquals(wantPath(expect), log.last()["target"].str(), "$name: the path the server saw")
        }
        hostile++
    }

    @Test
    fun `hostile path ids stay one segment of their endpoint`() {
        server.script(JsonValue.Object(mapOf("otherwise" to hostileDoc["answer"]!!)))
        val client = clientFor(doc["client"].obj())
        val sdkMethod = hostileDoc["sdk_method"].str()
        val param = hostileDoc["param"].str()
        val users = client.admin().organization().users()
        assertEquals("admin.organization.users.retrieve", sdkMethod, "the typed half below calls users().retrieve")
        for (case in hostileDoc["cases"].arr().map { it.obj() }) {
            val name = case["name"].str()
            val id = hostileId(case)
            val expect = case["expect"].obj()
            // By name through the escape hatch…
            hostileCheck("$name (call)", expect, server.log().size) {
                client.call(sdkMethod, jsonStringify(JsonValue.Object(mapOf(param to JsonValue.Str(id)))))
            }
            // …and through the typed method.
            hostileCheck("$name (typed)", expect, server.log().size) { users.retrieve(id) }
        }
        // The client still works after all of them.
        val user = runBlocking { users.retrieve("user_1") }
        assertEquals("user_1", user.id)
    }

    // --------------------------------------------------------------------------------------------
    // Secrets of newly made keys

    @Test
    fun `a created key's value never shows in toString, expose returns it`() = runBlocking {
        val secret = "sk-admin-NEWLY-CREATED-SECRET-0123456789"
        val owner = """{"type":"user","id":"user_1","object":"organization.user","name":"Ada","created_at":1,"role":"owner"}"""
        val body = """{"object":"organization.admin_api_key","id":"key_1","name":"ci","redacted_value":"sk-admin-...abcd",""" +
            """"value":"$secret","created_at":1711471533,"expires_at":null,"owner":$owner}"""
        server.script(jsonParse("""{"steps":[{"status":201,"body":$body}]}"""))
        val client = clientFor(doc["client"].obj())
        val created = client.admin().organization().adminApiKeys().create(AdminApiKeysCreateParams(name = "ci"))
        assertEquals("key_1", created.id)
        assertEquals(secret, created.value.expose())
        for (shown in listOf(created.toString(), created.value.toString(), "$created", listOf(created).toString())) {
            assertFalse(secret in shown, "the new key's secret in $shown")
            assertFalse("NEWLY-CREATED" in shown, "part of the new key's secret in $shown")
        }
        assertTrue("<redacted>" in created.toString(), created.toString())
        assertFalse(adminKey in created.toString())
    }

    @Test
    fun `a new service account's key never shows in toString, expose returns it`() = runBlocking {
        val secret = "sk-svcacct-NEWLY-CREATED-SECRET-0123456789"
        val body = """{"object":"organization.project.service_account","id":"svc_1","name":"bot","role":"member",""" +
            """"created_at":1711471533,"api_key":{"object":"organization.project.service_account.api_key",""" +
            """"value":"$secret","name":"Secret Key","created_at":1711471533,"id":"key_2"}}"""
        server.script(jsonParse("""{"steps":[{"status":200,"body":$body}]}"""))
        val client = clientFor(doc["client"].obj())
        val created = client.admin().organization().projects().serviceAccounts()
            .create("proj_1", ProjectsServiceAccountsCreateParams(name = "bot"))
        val key = assertNotNull(created.apiKey, "the new service account's key")
        assertEquals(secret, key.value.expose())
        for (shown in listOf(created.toString(), key.toString(), key.value.toString())) {
            assertFalse("NEWLY-CREATED" in shown, "the new key's secret in $shown")
        }
        assertTrue("<redacted>" in key.toString(), key.toString())
    }
}
