// Test support: the Steady mock server's URL, clients, and a scripted local HTTP server.
package io.github.openaiadmin

import com.sun.net.httpserver.HttpServer
import java.io.File
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.Executors
import org.junit.jupiter.api.Assumptions.assumeTrue

/** A fake admin key; tests check that it never shows in a `toString`. */
const val KEY = "sk-admin-test-SECRET-0123456789"

/** The repository root (the pom passes it), for the shared test cases. */
val ROOT: File = File(System.getProperty("openai.admin.root") ?: "../..").canonicalFile

/** The Steady mock server started by scripts/test-kotlin (or scripts/test). */
fun mockUrl(): String {
    val url = System.getProperty("openai.admin.mockUrl")?.takeIf { it.isNotBlank() && !it.startsWith("\${") }
        ?: System.getenv("OPENAI_ADMIN_MOCK_URL")
    assumeTrue(!url.isNullOrBlank(), "OPENAI_ADMIN_MOCK_URL is not set (scripts/test-kotlin starts Steady)")
    return url!!
}

/** A client for [url] with the test key and no retries (unless asked). */
fun client(url: String, maxRetries: UInt = 0u, timeout: java.time.Duration? = null): AdminClient =
    AdminClient(KEY, ClientOptions(baseUrl = url, maxRetries = maxRetries, timeout = timeout))

/** A client for the Steady mock server. */
fun steady(): AdminClient = client(mockUrl())

/** One request as the scripted server saw it. */
data class Seen(val method: String, val path: String, val query: String?, val headers: Map<String, String>, val body: String)

/** What the scripted server answers. */
data class Reply(val status: Int, val body: String, val headers: Map<String, String> = emptyMap())

/**
 * A local HTTP server on 127.0.0.1 whose answers the test scripts per request; it records every
 * request. Close it at the end (`use { }`).
 */
class Scripted(var handler: (Seen) -> Reply = { Reply(404, "{}") }) : AutoCloseable {
    private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 64)
    private val pool = Executors.newFixedThreadPool(64)
    val seen = ConcurrentLinkedQueue<Seen>()
    val url: String get() = "http://127.0.0.1:${server.address.port}"

    init {
        server.executor = pool
        server.createContext("/") { ex ->
            val headers = ex.requestHeaders.entries.associate { (k, v) -> k.lowercase() to v.joinToString(",") }
            val req = Seen(
                ex.requestMethod,
                ex.requestURI.rawPath,
                ex.requestURI.rawQuery,
                headers,
                ex.requestBody.readBytes().decodeToString(),
            )
            seen.add(req)
            val reply = try {
                handler(req)
            } catch (e: Throwable) {
                Reply(599, """{"error":"test handler failed: ${e.javaClass.simpleName}"}""")
            }
            val bytes = reply.body.encodeToByteArray()
            ex.responseHeaders.add("content-type", "application/json")
            reply.headers.forEach { (k, v) -> ex.responseHeaders.add(k, v) }
            ex.sendResponseHeaders(reply.status, if (bytes.isEmpty()) -1 else bytes.size.toLong())
            ex.responseBody.use { it.write(bytes) }
        }
        server.start()
    }

    /** Answer every request with [status] and [body]. */
    fun json(status: Int, body: String, headers: Map<String, String> = emptyMap()) {
        handler = { Reply(status, body, headers) }
    }

    override fun close() {
        server.stop(0)
        pool.shutdownNow()
    }
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
fun closedPort(): Int = ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()).use { it.localPort }

/** A user as the API sends it. */
fun userJson(id: String, extra: String = ""): String =
    """{"object":"organization.user","id":"$id","name":"Ada","email":"ada@example.com","role":"owner","added_at":1700000000$extra}"""

/** A cursor page of users. */
fun usersPage(ids: List<String>, hasMore: Boolean): String =
    """{"object":"list","data":[${ids.joinToString(",") { userJson(it) }}],""" +
        """"first_id":${ids.firstOrNull()?.let { "\"$it\"" } ?: "null"},""" +
        """"last_id":${ids.lastOrNull()?.let { "\"$it\"" } ?: "null"},"has_more":$hasMore}"""

/** The value of [name] in a raw query string, percent-decoded. */
fun queryParam(query: String?, name: String): String? =
    query?.split('&')?.map { it.split('=', limit = 2) }
        ?.firstOrNull { java.net.URLDecoder.decode(it[0], Charsets.UTF_8) == name }
        ?.let { java.net.URLDecoder.decode(it.getOrElse(1) { "" }, Charsets.UTF_8) }
