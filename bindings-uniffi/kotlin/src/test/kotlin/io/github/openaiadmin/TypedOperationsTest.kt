// Every operation through its typed method against Steady: required parameters only, then every
// parameter, from the cases the generator writes for all bindings
// (bindings-python/tests/generated/cases.json). The typed call is found and its Params record
// built by reflection from each case, so the test follows the generated interface as it is.
package io.github.openaiadmin

import java.io.File
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.callSuspendBy
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.primaryConstructor
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory

class TypedOperationsTest {
    private fun cases(): List<Map<String, JsonValue>> {
        val root = jsonParse(File(ROOT, "bindings-python/tests/generated/cases.json").readText()) as JsonValue.Object
        return (root.v1["cases"] as JsonValue.Array).v1.map { (it as JsonValue.Object).v1 }
    }

    private fun camel(snake: String): String =
        snake.split('_').mapIndexed { i, w -> if (i == 0) w else w.replaceFirstChar { it.uppercase() } }.joinToString("")

    /** Letters and digits only, lower case: `max_requests_per_1_minute` ~ `maxRequestsPer1Minute`. */
    private fun norm(name: String): String = name.filter { it.isLetterOrDigit() }.lowercase()

    /** The JSON value of a case as a value of the generated Kotlin type [type]. */
    private fun convert(value: JsonValue, type: KType): Any? {
        if (value is JsonValue.Null) return null
        val cls = type.classifier as KClass<*>
        return when {
            cls == JsonValue::class -> value
            cls == String::class -> (value as JsonValue.Str).v1
            cls == Long::class -> (value as JsonValue.Int).v1
            cls == Int::class -> (value as JsonValue.Int).v1.toInt()
            cls == Double::class -> when (value) {
                is JsonValue.Int -> value.v1.toDouble()
                else -> (value as JsonValue.Float).v1
            }
            cls == Boolean::class -> (value as JsonValue.Bool).v1
            cls == List::class -> (value as JsonValue.Array).v1.map { convert(it, type.arguments[0].type!!) }
            cls == Map::class -> (value as JsonValue.Object).v1.mapValues { convert(it.value, type.arguments[1].type!!) }
            cls.isSealed -> sealed(cls, value)
            cls.isData -> record(cls, (value as JsonValue.Object).v1)
            else -> error("no conversion to $type")
        }
    }

    /** A case of a generated sealed class: `Clearable….Set`, a string enum's case, or a union's `Unknown`. */
    private fun sealed(cls: KClass<*>, value: JsonValue): Any {
        val subs = cls.sealedSubclasses
        subs.firstOrNull { it.simpleName == "Set" }?.let { set ->
            val ctor = set.primaryConstructor!!
            return ctor.call(convert(value, ctor.parameters.single().type))
        }
        val unknown = subs.single { it.simpleName == "Unknown" }
        val raw = unknown.primaryConstructor!!.parameters.single()
        if (raw.type.classifier == String::class) {
            // A string enum: the known case with that value, else Unknown(value).
            val text = (value as JsonValue.Str).v1
            subs.firstOrNull { it.objectInstance != null && norm(it.simpleName!!) == norm(text) }?.let { return it.objectInstance!! }
            return unknown.primaryConstructor!!.call(text)
        }
        // A union: the raw JSON, which the library sends as it is.
        return unknown.primaryConstructor!!.call(value)
    }

    /** A generated record from a JSON object, by field name; optional fields left out keep their default. */
    private fun record(cls: KClass<*>, fields: Map<String, JsonValue>): Any {
        val ctor = cls.primaryConstructor!!
        val byNorm = fields.mapKeys { norm(it.key) }
        val args = HashMap<KParameter, Any?>()
        for (p in ctor.parameters) {
            val v = byNorm[norm(p.name!!)]
            if (v != null) args[p] = convert(v, p.type)
        }
        val used = args.keys.map { norm(it.name!!) }.toSet()
        val left = byNorm.keys - used
        // A body that is not an object with fields is one field `body`: the case's fields are it.
        val body = ctor.parameters.singleOrNull { it.name == "body" }
        if (left.isNotEmpty() && body != null && body !in args) {
            args[body] = convert(JsonValue.Object(fields.filterKeys { norm(it) in left }), body.type)
        } else if (left.isNotEmpty()) {
            error("${cls.simpleName} has no field for ${left.joinToString()}")
        }
        return ctor.callBy(args)
    }

    /** The service object of an SDK path (`admin.organization.projects.users`) and its method. */
    private fun target(client: AdminClient, sdkMethod: String): Pair<Any, KFunction<*>> {
        val parts = sdkMethod.split('.')
        var node: Any = client
        for (seg in parts.dropLast(1)) {
            node = node::class.memberFunctions.single { it.name == camel(seg) && it.parameters.size == 1 }.call(node)!!
        }
        val name = camel(parts.last())
        val fn = node::class.memberFunctions.filter { it.name == name && it.isSuspend }
            .minByOrNull { it.parameters.size } ?: error("no suspend fun $name on ${node::class.simpleName}")
        return node to fn
    }

    private suspend fun run(client: AdminClient, sdkMethod: String, call: Map<String, JsonValue>): Any? {
        val (svc, fn) = target(client, sdkMethod)
        val args = HashMap<KParameter, Any?>()
        args[fn.parameters[0]] = svc
        val positional = (call["args"] as JsonValue.Array).v1
        val kwargs = (call["kwargs"] as JsonValue.Object).v1
        val valueParams = fn.parameters.drop(1).filter { it.name != "options" }
        var rest = valueParams
        if (positional.isNotEmpty()) {
            args[valueParams.first()] = (positional.single() as JsonValue.Str).v1
            rest = valueParams.drop(1)
        }
        val params = rest.singleOrNull()
        if (params != null && (kwargs.isNotEmpty() || !params.isOptional)) {
            args[params] = record(params.type.classifier as KClass<*>, kwargs)
        } else {
            check(kwargs.isEmpty()) { "$sdkMethod takes no params record, but the case has ${kwargs.keys}" }
        }
        return fn.callSuspendBy(args)
    }

    @Test
    fun `every case names a typed method`() {
        val client = client("http://127.0.0.1:9")
        val cases = cases()
        assertEquals(143, cases.size)
        for (case in cases) {
            val method = (case["sdk_method"] as JsonValue.Str).v1
            assertNotNull(target(client, method).second, method)
        }
    }

    @TestFactory
    fun `every operation, typed, with required and with all parameters`(): List<DynamicTest> {
        val client = steady()
        return cases().flatMap { case ->
            val method = (case["sdk_method"] as JsonValue.Str).v1
            val calls = (case["calls"] as JsonValue.Array).v1.map { (it as JsonValue.Object).v1 }
            calls.mapIndexed { i, call ->
                DynamicTest.dynamicTest("$method (${if (i == 0) "required" else "all"})") {
                    val out = runBlocking { run(client, method, call) }
                    assertNotNull(out, "$method returned a value")
                }
            }
        }
    }
}
