// Hand-written: the fields every `AdminException` case carries, readable on the sealed base.
package io.github.openaiadmin

/**
 * The fields every [AdminException] case carries, gathered from whichever case this is. The
 * `when` below has no `else`: a new case in the library does not compile until it is listed.
 */
private class ErrorFields(
    val status: UShort?,
    val errorType: String?,
    val code: String?,
    val param: String?,
    val detail: String,
    val requestId: String?,
    val body: String?,
    val className: String,
)

private fun AdminException.fields(): ErrorFields = when (this) {
    is AdminException.BadRequest -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.Authentication -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.PermissionDenied -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.NotFound -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.Conflict -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.UnprocessableEntity -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.RateLimit -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.InternalServer -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.ApiStatus -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.ApiConnection -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.ApiTimeout -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.ApiResponseValidation -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.InvalidInput -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.Cancelled -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
    is AdminException.Panic -> ErrorFields(status, errorType, code, param, detail, requestId, body, className)
}

/** The HTTP status, when there was a response (`null` for connection errors and timeouts). */
val AdminException.status: UShort? get() = fields().status

/** `error.type` of the API's error body. */
val AdminException.errorType: String? get() = fields().errorType

/** `error.code` of the API's error body. */
val AdminException.code: String? get() = fields().code

/** `error.param` of the API's error body, or the parameter rejected before sending. */
val AdminException.param: String? get() = fields().param

/** What went wrong, for people. */
val AdminException.detail: String get() = fields().detail

/** The response's `x-request-id`. */
val AdminException.requestId: String? get() = fields().requestId

/** The whole error body as JSON text, for status errors. */
val AdminException.body: String? get() = fields().body

/** The official Python SDK's class name (`NotFoundError`, `APITimeoutError`, …). */
val AdminException.className: String get() = fields().className
