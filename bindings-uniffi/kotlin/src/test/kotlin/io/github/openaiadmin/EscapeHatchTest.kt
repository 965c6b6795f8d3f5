// Every operation through `AdminClient.call` (the escape hatch) against Steady: required
// parameters only, then every parameter, from the cases the generator writes for all bindings
// (bindings-python/tests/generated/cases.json).
package io.github.openaiadmin

import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory

class EscapeHatchTest {
    /** `x-sdk-method` → the path template, read from the spec (the last `{param}` is the own id). */
    private val paths: Map<String, String> by lazy {
        val out = HashMap<String, String>()
        var path = ""
        File(ROOT, "spec/openai-admin.openapi.yaml").forEachLine { line ->
            // `  /path:`, or `  ? /path` for a long key.
            Regex("^  (?:\\? )?(/\\S+?):?\\s*$").find(line)?.let { path = it.groupValues[1] }
            Regex("^\\s+x-sdk-method:\\s*(\\S+)").find(line)?.let { out[it.groupValues[1]] = path }
        }
        out
    }

    private fun cases(): List<Map<String, JsonValue>> {
        val text = File(ROOT, "bindings-python/tests/generated/cases.json").readText()
        val root = jsonParse(text) as JsonValue.Object
        val list = root.v1["cases"] as JsonValue.Array
        return list.v1.map { (it as JsonValue.Object).v1 }
    }

    private fun str(v: JsonValue?): String = (v as JsonValue.Str).v1

    /** The params object `call` takes: the positional id under its path name, then the rest. */
    private fun paramsJson(sdkMethod: String, call: Map<String, JsonValue>): String {
        val params = LinkedHashMap<String, JsonValue>()
        val args = (call["args"] as JsonValue.Array).v1
        if (args.isNotEmpty()) {
            val path = paths[sdkMethod] ?: error("no path for $sdkMethod in the spec")
            val own = Regex("\\{([^}]+)\\}").findAll(path).last().groupValues[1]
            params[own] = args.single()
        }
        params.putAll((call["kwargs"] as JsonValue.Object).v1)
        return jsonStringify(JsonValue.Object(params))
    }

    @Test
    fun `the cases cover every operation`() {
        val names = cases().map { str(it["sdk_method"]) }
        assertEquals(143, names.size)
        assertEquals(names.size, names.toSet().size)
        assertTrue(names.all { it in paths }, "every case names an operation of the spec")
    }

    @TestFactory
    fun `every operation with required and with all parameters`(): List<DynamicTest> {
        val client = steady()
        return cases().flatMap { case ->
            val method = str(case["sdk_method"])
            val calls = (case["calls"] as JsonValue.Array).v1.map { (it as JsonValue.Object).v1 }
            calls.mapIndexed { i, call ->
                val which = if (i == 0) "required" else "all"
                DynamicTest.dynamicTest("$method ($which)") {
                    val params = paramsJson(method, call)
                    val out = runBlocking { client.call(method, params) }
                    // The answer is the checked response as JSON text (a page, an object, …).
                    assertTrue(out.isEmpty() || jsonParse(out) is JsonValue, "$method returned JSON")
                }
            }
        }
    }

    @Test
    fun `JS names work too, and an unknown name is invalid input`() = runBlocking {
        val client = steady()
        val page = jsonParse(client.call("admin.organization.adminAPIKeys.list", "{}")) as JsonValue.Object
        assertIs<JsonValue.Array>(page.v1["data"])
        assertFailsWith<AdminException.InvalidInput> { client.call("admin.organization.nope.list", "{}") }
        assertFailsWith<AdminException.InvalidInput> { client.call("admin.organization.users.list", "[1]") }
        assertFailsWith<AdminException.InvalidInput> { client.call("admin.organization.users.retrieve", """{"user_id":""}""") }
        Unit
    }
}
