// Errors, named and shaped as the official `openai` package names them.

/** The base of every error this package throws. */
export class OpenAIError extends Error {}

/** A parameter was rejected before any request was made (an empty or `.` path id, a wrong type, an unknown parameter). */
export class InvalidInputError extends OpenAIError {
  /** The parameter's name as the API spells it. */
  readonly param: string;
  constructor(param: string, message: string) {
    super(`invalid parameter \`${param}\`: ${message}`);
    this.param = param;
  }
}

/** An error from the API (a non-2xx status), or a failure to reach it. */
export class APIError<
  TStatus extends number | undefined = number | undefined,
  THeaders extends Headers | undefined = Headers | undefined,
  TError extends unknown = unknown,
> extends OpenAIError {
  /** The HTTP status of the response. */
  readonly status: TStatus;
  /** The response's headers. */
  readonly headers: THeaders;
  /** The `error` member of the response body (an object, or whatever the server sent). */
  readonly error: TError;
  /** `error.code` */
  readonly code: string | null | undefined;
  /** `error.param` */
  readonly param: string | null | undefined;
  /** `error.type` */
  readonly type: string | undefined;
  /** The `x-request-id` response header. */
  readonly requestID: string | null | undefined;

  constructor(status: TStatus, error: TError, message: string | undefined, headers: THeaders) {
    super(APIError.makeMessage(status, error, message));
    this.status = status;
    this.headers = headers;
    this.requestID = headers?.get('x-request-id');
    this.error = error;
    const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
    this.code = e['code'] == null ? (e['code'] as null | undefined) : String(e['code']);
    this.param = e['param'] == null ? (e['param'] as null | undefined) : String(e['param']);
    this.type = typeof e['type'] === 'string' ? e['type'] : undefined;
  }

  private static makeMessage(status: number | undefined, error: unknown, message: string | undefined): string {
    const fromError =
      typeof error === 'object' && error !== null && 'message' in error
        ? String((error as { message: unknown }).message)
        : typeof error === 'string'
          ? error
          : undefined;
    const msg = fromError ?? message;
    if (status && msg) return `${status} ${msg}`;
    if (status) return `${status} status code (no body)`;
    return msg ?? '(no status code or body)';
  }

  /** The subclass for `status`. */
  static generate(status: number, body: unknown, message: string | undefined, headers: Headers): APIError {
    const error =
      typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : body;
    const cls =
      {
        400: BadRequestError,
        401: AuthenticationError,
        403: PermissionDeniedError,
        404: NotFoundError,
        409: ConflictError,
        422: UnprocessableEntityError,
        429: RateLimitError,
      }[status] ?? (status >= 500 ? InternalServerError : APIError);
    return new cls(status, error, message, headers);
  }
}

/** The request was aborted through its `signal`. */
export class APIUserAbortError extends APIError<undefined, undefined, undefined> {
  constructor({ message }: { message?: string } = {}) {
    super(undefined, undefined, message || 'Request was aborted.', undefined);
  }
}

/** The API could not be reached, or the connection broke. */
export class APIConnectionError extends APIError<undefined, undefined, undefined> {
  constructor({ message, cause }: { message?: string | undefined; cause?: unknown } = {}) {
    super(undefined, undefined, message || 'Connection error.', undefined);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** The request did not complete within its `timeout`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor({ message }: { message?: string } = {}) {
    super({ message: message ?? 'Request timed out.' });
  }
}

/** A 2xx response whose body does not have the operation's shape. */
export class APIResponseValidationError extends APIError<number, Headers, undefined> {
  constructor(status: number, message: string, headers: Headers) {
    super(status, undefined, message, headers);
  }
}

export class BadRequestError extends APIError<400, Headers> {}
export class AuthenticationError extends APIError<401, Headers> {}
export class PermissionDeniedError extends APIError<403, Headers> {}
export class NotFoundError extends APIError<404, Headers> {}
export class ConflictError extends APIError<409, Headers> {}
export class UnprocessableEntityError extends APIError<422, Headers> {}
export class RateLimitError extends APIError<429, Headers> {}
export class InternalServerError extends APIError<number, Headers> {}

/** The error object the wasm core throws. */
interface CoreError {
  kind: 'invalid_input' | 'status' | 'decode' | 'connection' | 'timeout';
  message: string;
  param?: string;
  status?: number;
  body?: unknown;
}

/** Turns what the core threw into one of the classes above. */
export function fromCore(e: unknown, status?: number, headers?: Headers): Error {
  if (typeof e !== 'object' || e === null || !('kind' in e)) {
    return e instanceof Error ? e : new OpenAIError(String(e));
  }
  const c = e as CoreError;
  switch (c.kind) {
    case 'invalid_input':
      return new InvalidInputError(c.param ?? '', c.message);
    case 'status':
      return APIError.generate(c.status ?? status ?? 0, c.body, c.message, headers ?? new Headers());
    case 'decode':
      return new APIResponseValidationError(status ?? 200, c.message, headers ?? new Headers());
    case 'timeout':
      return new APIConnectionTimeoutError();
    default:
      return new APIConnectionError({ message: c.message });
  }
}
