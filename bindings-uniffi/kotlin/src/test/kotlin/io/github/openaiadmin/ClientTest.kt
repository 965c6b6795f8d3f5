// The typed client: paging, errors, bad ids, forward compatibility, cancellation, concurrency,
// secrets. Scripted cases run against a local HTTP server; the rest against Steady.
package io.github.openaiadmin

import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.CsvSource
import org.junit.jupiter.params.provider.ValueSource

class ClientTest {
    private val errorBody =
        """{"error":{"message":"nope","type":"invalid_request_error","param":"x","code":"bad"}}"""

    @Test
    fun `typed calls against Steady`() = runBlocking {
        val org = steady().admin().organization()
        val user = org.users().retrieve("user_1")
        assertTrue(user.id.isNotEmpty())
        val page = org.users().list(UsersListParams(limit = 2, emails = listOf("a@x.io", "b@x.io")))
        assertTrue(page.data.isNotEmpty())
        val member = org.projects().users().retrieve("user_1", ProjectsUsersRetrieveParams(projectId = "proj_1"))
        assertTrue(member.id.isNotEmpty())
        val costs = org.usage().costs(UsageCostsParams(startTime = 1_700_000_000, bucketWidth = "1d"))
        assertEquals(false, costs.hasMore)
    }

    @Test
    fun `a cursor list is walked over several pages`() = runBlocking {
        val ids = (1..7).map { "user_$it" }
        Scripted { req ->
            val after = queryParam(req.query, "after")
            val start = if (after == null) 0 else ids.indexOf(after) + 1
            val chunk = ids.drop(start).take(3)
            Reply(200, usersPage(chunk, start + 3 < ids.size))
        }.use { server ->
            val users = client(server.url).admin().organization().users()
            val pager = users.listPager(UsersListParams(limit = 3))
            val got = items(pager::nextPage) { it.data }.toList().map { it.id }
            assertEquals(ids, got)
            assertEquals(3uL, pager.pagesFetched())
            assertNull(pager.nextPage(), "a finished pager stays finished")
            val afters = server.seen.map { queryParam(it.query, "after") }
            assertEquals(listOf(null, "user_3", "user_6"), afters)
            assertTrue(server.seen.all { queryParam(it.query, "limit") == "3" })
        }
    }

    @Test
    fun `every pager has pages() and items() flows`() = runBlocking {
        val ids = (1..5).map { "user_$it" }
        Scripted { req ->
            val after = queryParam(req.query, "after")
            val start = if (after == null) 0 else ids.indexOf(after) + 1
            Reply(200, usersPage(ids.drop(start).take(2), start + 2 < ids.size))
        }.use { server ->
            val users = client(server.url).admin().organization().users()
            assertEquals(ids, users.listPager(UsersListParams(limit = 2)).items().toList().map { it.id })
            val pages = users.listPager(UsersListParams(limit = 2)).pages().toList()
            assertEquals(listOf(2, 2, 1), pages.map { it.data.size })
            assertEquals(listOf("user_1"), users.listPager().items().take(1).toList().map { it.id })
        }
    }

    @Test
    fun `usage and costs pages follow next_page`() = runBlocking {
        val kinds = listOf("organization.usage.completions.result", "organization.costs.result", "organization.usage.teleports.result")
        Scripted { req ->
            val page = queryParam(req.query, "page")
            val n = if (page == null) 0 else page.removePrefix("p").toInt()
            val result = when (n) {
                0 -> """{"object":"${kinds[0]}","input_tokens":5,"output_tokens":7,"num_model_requests":1}"""
                1 -> """{"object":"${kinds[1]}","amount":{"value":1.25,"currency":"usd"},"project_id":"proj_1"}"""
                else -> """{"object":"${kinds[2]}","distance":42}"""
            }
            val next = if (n < 2) "\"p${n + 1}\"" else "null"
            Reply(200, """{"object":"page","data":[{"object":"bucket","start_time":$n,"end_time":${n + 1},"results":[$result]}],"has_more":${n < 2},"next_page":$next}""")
        }.use { server ->
            val usage = client(server.url).admin().organization().usage()
            val buckets = usageBuckets(usage.completionsPager(UsageCompletionsParams(startTime = 0))::nextPage).toList()
            assertEquals(listOf(0L, 1L, 2L), buckets.map { it.startTime })
            val results = usageResults(usage.costsPager(UsageCostsParams(startTime = 0))::nextPage).toList()
            assertEquals(3, results.size)
            assertIs<UsageTimeBucketResultsItem.OrganizationUsageCompletionsResult>(results[0])
            val cost = assertIs<UsageTimeBucketResultsItem.OrganizationCostsResult>(results[1]).v1
            assertEquals(1.25, cost.amount?.value)
            assertEquals("proj_1", cost.projectId)
            // A result kind this version does not know comes through with its JSON.
            val unknown = assertIs<UsageTimeBucketResultsItem.Unknown>(results[2]).v1
            val fields = assertIs<JsonValue.Object>(unknown).v1
            assertEquals(JsonValue.Str(kinds[2]), fields["object"])
            assertEquals(JsonValue.Int(42), fields["distance"])
            assertEquals(listOf(null, "p1", "p2", null, "p1", "p2"), server.seen.map { queryParam(it.query, "page") })
        }
    }

    @Test
    fun `a list whose cursor never moves stops (Steady)`() = runBlocking {
        // Steady answers admin_api_keys with has_more: true and the same page forever.
        val keys = steady().admin().organization().adminApiKeys()
        val all = withTimeout(60_000) { pages(keys.listPager()::nextPage).toList() }
        assertTrue(all.size in 1..3, "stopped after ${all.size} pages")
        val taken = items(steady().admin().organization().users().listPager()::nextPage) { it.data }.take(1).toList()
        assertEquals(1, taken.size)
    }

    @ParameterizedTest
    @CsvSource(
        "400, BadRequestError", "401, AuthenticationError", "403, PermissionDeniedError",
        "404, NotFoundError", "409, ConflictError", "422, UnprocessableEntityError",
        "429, RateLimitError", "500, InternalServerError", "503, InternalServerError",
        "418, APIStatusError",
    )
    fun `each status error class with its fields`(status: Int, className: String) = runBlocking {
        Scripted().use { server ->
            server.json(status, errorBody, mapOf("x-request-id" to "req_9"))
            val e = assertFailsWith<AdminException> {
                client(server.url).admin().organization().users().retrieve("user_1")
            }
            val expected = when (status) {
                400 -> AdminException.BadRequest::class
                401 -> AdminException.Authentication::class
                403 -> AdminException.PermissionDenied::class
                404 -> AdminException.NotFound::class
                409 -> AdminException.Conflict::class
                422 -> AdminException.UnprocessableEntity::class
                429 -> AdminException.RateLimit::class
                500, 503 -> AdminException.InternalServer::class
                else -> AdminException.ApiStatus::class
            }
            assertEquals(expected, e::class)
            assertEquals(className, e.className)
            assertEquals(status.toUShort(), e.status)
            assertEquals("invalid_request_error", e.errorType)
            assertEquals("bad", e.code)
            assertEquals("x", e.param)
            assertEquals("nope", e.detail)
            assertEquals("req_9", e.requestId)
            assertEquals(jsonParse(errorBody), jsonParse(assertNotNull(e.body)))
            assertTrue("nope" in e.message.orEmpty())
            assertEquals(1, server.seen.size, "no retry with maxRetries = 0")
        }
    }

    @Test
    fun `retries, then success`() = runBlocking {
        var calls = 0
        Scripted { _ ->
            calls += 1
            if (calls < 3) Reply(500, """{"error":{"message":"later"}}""", mapOf("retry-after-ms" to "10"))
            else Reply(200, userJson("user_1"))
        }.use { server ->
            val user = client(server.url, maxRetries = 2u).admin().organization().users().retrieve("user_1")
            assertEquals("user_1", user.id)
            assertEquals(3, server.seen.size)
        }
    }

    @Test
    fun `connection, timeout and response validation errors`() = runBlocking {
        val down = client("http://127.0.0.1:${closedPort()}")
        val conn = assertFailsWith<AdminException.ApiConnection> { down.admin().organization().users().retrieve("u") }
        assertEquals("APIConnectionError", conn.className)
        assertNull(conn.status)

        Scripted { _ -> Thread.sleep(1_000); Reply(200, userJson("u")) }.use { server ->
            val slow = client(server.url, timeout = Duration.ofMillis(150))
            val e = assertFailsWith<AdminException.ApiTimeout> { slow.admin().organization().users().retrieve("u") }
            assertEquals("APITimeoutError", e.className)
            val perCall = CallOptions(timeout = Duration.ofMillis(150))
            assertFailsWith<AdminException.ApiTimeout> {
                client(server.url).admin().organization().users().retrieve("u", perCall)
            }
        }
        Scripted().use { server ->
            server.json(200, """{"object":"organization.user","id":5}""")
            val e = assertFailsWith<AdminException.ApiResponseValidation> {
                client(server.url).admin().organization().users().retrieve("u")
            }
            assertEquals("APIResponseValidationError", e.className)
            server.json(200, """{"object":"organization.user","id"""")
            assertFailsWith<AdminException.ApiResponseValidation> {
                client(server.url).admin().organization().users().retrieve("u")
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = ["", ".", ".."])
    fun `bad path ids fail before any request`(bad: String) = runBlocking {
        Scripted { _ -> Reply(200, userJson("u")) }.use { server ->
            val org = client(server.url).admin().organization()
            val own = assertFailsWith<AdminException.InvalidInput> { org.users().retrieve(bad) }
            assertEquals("user_id", own.param)
            val parent = assertFailsWith<AdminException.InvalidInput> {
                org.projects().users().retrieve("user_1", ProjectsUsersRetrieveParams(projectId = bad))
            }
            assertEquals("project_id", parent.param)
            assertFailsWith<AdminException.InvalidInput> { org.projects().users().list(bad) }
            assertTrue(server.seen.isEmpty(), "nothing was sent")
        }
    }

    @Test
    fun `unknown enum values, union variants and fields come through`() = runBlocking {
        Scripted().use { server ->
            server.json(200, """{"object":"organization.project.service_account","id":"sa_1","name":"bot","role":"galactic_admin","created_at":1,"from_the_future":{"x":[1,true,null]}}""")
            val sa = client(server.url).admin().organization().projects().serviceAccounts()
                .retrieve("sa_1", ProjectsServiceAccountsRetrieveParams(projectId = "proj_1"))
            assertEquals(ProjectServiceAccountRole.Unknown("galactic_admin"), sa.role)
            val future = JsonValue.Object(mapOf("x" to JsonValue.Array(listOf(JsonValue.Int(1), JsonValue.Bool(true), JsonValue.Null))))
            assertEquals(future, sa.extra["from_the_future"])
            server.json(200, """{"object":"organization.project.service_account","id":"sa_1","name":"bot","role":"member","created_at":1}""")
            val known = client(server.url).admin().organization().projects().serviceAccounts()
                .retrieve("sa_1", ProjectsServiceAccountsRetrieveParams(projectId = "proj_1"))
            assertEquals(ProjectServiceAccountRole.Member, known.role)
            assertTrue(known.extra.isEmpty())
        }
    }

    @Test
    fun `cancelling the coroutine drops the request`() = runBlocking {
        ServerSocket(0, 8, InetAddress.getLoopbackAddress()).use { listener ->
            val got = CountDownLatch(1)
            val closed = CountDownLatch(1)
            val server = thread(isDaemon = true) {
                try {
                    listener.accept().use { sock ->
                        val input = sock.getInputStream()
                        val buf = ByteArray(4096)
                        if (input.read(buf) > 0) got.countDown()
                        // Never answer; wait for the client to hang up.
                        while (input.read(buf) >= 0) Unit
                        closed.countDown()
                    }
                } catch (_: IOException) {
                    closed.countDown()
                }
            }
            val c = client("http://127.0.0.1:${listener.localPort}")
            val job = launch(kotlinx.coroutines.Dispatchers.IO) {
                c.admin().organization().users().retrieve("user_1")
            }
            assertTrue(got.await(10, TimeUnit.SECONDS), "the request reached the server")
            job.cancel()
            job.join()
            assertTrue(job.isCancelled)
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the connection was dropped")
            server.join(1_000)
        }
    }

    @Test
    fun `a cancellation token stops a call`() = runBlocking {
        Scripted { _ -> Thread.sleep(5_000); Reply(200, userJson("u")) }.use { server ->
            val token = CancellationToken()
            assertFalse(token.isCancelled())
            val started = System.nanoTime()
            val call = async(kotlinx.coroutines.Dispatchers.IO) {
                runCatching { client(server.url).admin().organization().users().retrieve("u", CallOptions(cancel = token)) }
            }
            while (server.seen.isEmpty() && !call.isCompleted) kotlinx.coroutines.delay(10)
            if (call.isCompleted) fail("the call ended before it reached the server: ${call.await()}")
            token.cancel()
            val e = call.await().exceptionOrNull()
            assertIs<AdminException.Cancelled>(e)
            assertTrue(token.isCancelled())
            assertTrue((System.nanoTime() - started) / 1_000_000 < 4_000, "did not wait for the answer")
        }
    }

    @Test
    fun `50 concurrent calls`() = runBlocking {
        val users = steady().admin().organization().users()
        val got = coroutineScope {
            (1..50).map { i -> async(kotlinx.coroutines.Dispatchers.IO) { users.retrieve("user_$i") } }.awaitAll()
        }
        assertEquals(50, got.size)
        assertTrue(got.all { it.id.isNotEmpty() })

        // Against the scripted server: all 50 are in flight at once.
        val inFlight = java.util.concurrent.atomic.AtomicInteger()
        val peak = java.util.concurrent.atomic.AtomicInteger()
        Scripted { req ->
            val now = inFlight.incrementAndGet()
            peak.accumulateAndGet(now) { a, b -> maxOf(a, b) }
            Thread.sleep(200)
            inFlight.decrementAndGet()
            Reply(200, userJson(req.path.substringAfterLast('/')))
        }.use { server ->
            val c = client(server.url)
            val ids = coroutineScope {
                (1..50).map { i -> async { c.admin().organization().users().retrieve("user_$i").id } }.awaitAll()
            }
            assertEquals((1..50).map { "user_$it" }, ids)
            assertTrue(peak.get() >= 10, "requests ran concurrently (peak ${peak.get()})")
        }
    }

    @Test
    fun `the admin key is in no toString`() = runBlocking {
        val shown = mutableListOf<String>()
        Scripted().use { server ->
            val c = AdminClient(KEY, ClientOptions(baseUrl = server.url, maxRetries = 0u, defaultHeaders = mapOf("x-a" to "1")))
            shown += c.toString()
            shown += c.settings().toString()
            assertTrue(c.settings().hasApiKey)
            shown += ClientOptions(baseUrl = server.url).toString()
            server.json(401, errorBody)
            val e = assertFailsWith<AdminException> { c.admin().organization().users().retrieve("u") }
            shown += e.toString()
            shown += e.message.orEmpty()
            shown += e.stackTraceToString()
            server.json(200, usersPage(listOf("u1"), false))
            val page = c.admin().organization().users().list()
            shown += page.toString()
            shown += c.admin().organization().users().listPager().toString()
            shown += c.admin().organization().users().toString()
            assertEquals("Bearer $KEY", server.seen.first().headers["authorization"], "the key is sent")
        }
        val down = client("http://127.0.0.1:${closedPort()}")
        shown += assertFailsWith<AdminException> { down.admin().organization().users().retrieve("u") }.toString()
        shown += assertFailsWith<AdminException> { down.admin().organization().users().retrieve("") }.toString()
        for (s in shown) assertFalse(KEY in s || "SECRET" in s, "key shown in: $s")
    }

    @Test
    fun `per-call options reach the request`() = runBlocking {
        Scripted().use { server ->
            server.json(200, userJson("u"))
            val c = AdminClient(KEY, ClientOptions(baseUrl = server.url, organization = "org_1", project = "proj_1", defaultHeaders = mapOf("x-default" to "d")))
            c.admin().organization().users().retrieve(
                "user_1",
                CallOptions(extraHeaders = mapOf("x-extra" to "e"), extraQuery = mapOf("q" to "z")),
            )
            val req = server.seen.single()
            assertEquals("/organization/users/user_1", req.path)
            assertEquals("z", queryParam(req.query, "q"))
            assertEquals("d", req.headers["x-default"])
            assertEquals("e", req.headers["x-extra"])
            assertEquals("org_1", req.headers["openai-organization"])
            assertEquals("proj_1", req.headers["openai-project"])
        }
    }
}
