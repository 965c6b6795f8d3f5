// Hand-written: the fields every `AdminError` case carries, readable whatever the case.

extension AdminError {
    /// The fields of this case. The switch has no `default`: a new case in the library does not
    /// compile until it is listed here.
    private var fields: (
        status: UInt16?, errorType: String?, code: String?, param: String?, detail: String,
        requestId: String?, body: String?, className: String
    ) {
        switch self {
        case let .BadRequest(status, errorType, code, param, detail, requestId, body, className),
             let .Authentication(status, errorType, code, param, detail, requestId, body, className),
             let .PermissionDenied(status, errorType, code, param, detail, requestId, body, className),
             let .NotFound(status, errorType, code, param, detail, requestId, body, className),
             let .Conflict(status, errorType, code, param, detail, requestId, body, className),
             let .UnprocessableEntity(status, errorType, code, param, detail, requestId, body, className),
             let .RateLimit(status, errorType, code, param, detail, requestId, body, className),
             let .InternalServer(status, errorType, code, param, detail, requestId, body, className),
             let .ApiStatus(status, errorType, code, param, detail, requestId, body, className),
             let .ApiConnection(status, errorType, code, param, detail, requestId, body, className),
             let .ApiTimeout(status, errorType, code, param, detail, requestId, body, className),
             let .ApiResponseValidation(status, errorType, code, param, detail, requestId, body, className),
             let .InvalidInput(status, errorType, code, param, detail, requestId, body, className),
             let .Cancelled(status, errorType, code, param, detail, requestId, body, className),
             let .Panic(status, errorType, code, param, detail, requestId, body, className):
            return (status, errorType, code, param, detail, requestId, body, className)
        }
    }

    /// The HTTP status, when there was a response (`nil` for connection errors and timeouts).
    public var status: UInt16? { fields.status }
    /// `error.type` of the API's error body.
    public var errorType: String? { fields.errorType }
    /// `error.code` of the API's error body.
    public var code: String? { fields.code }
    /// `error.param` of the API's error body, or the parameter rejected before sending.
    public var param: String? { fields.param }
    /// What went wrong, for people.
    public var detail: String { fields.detail }
    /// The response's `x-request-id`.
    public var requestId: String? { fields.requestId }
    /// The whole error body as JSON text, for status errors.
    public var body: String? { fields.body }
    /// The official Python SDK's class name (`NotFoundError`, `APITimeoutError`, …).
    public var className: String { fields.className }
}
