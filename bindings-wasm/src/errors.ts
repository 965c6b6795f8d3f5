// Errors, named and shaped as the official `openai` package names them.

import type { ErrorRecord } from './wasm.js';

/** The base of every error this package throws. */
export class OpenAIError extends Error {
  /**
   * Set when a walk over a list's pages failed on a page after the first: the cursor to ask
   * that list again from (`after`, or `page` for the usage and costs lists) to resume it,
   * every item before it having been read.
   */
  resumeCursor?: string;
}

/** A parameter was rejected before any request was made (an empty or `.` path id, a wrong type, an unknown parameter). */
export class InvalidInputError extends OpenAIError {
  /** The parameter's name as the API spells it. */
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
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

  /**
   * `record`, when given, is the core's description of the error: its request id, code,
   * param and type win over those read from `error` (a code above 2^53 keeps its digits).
   */
  constructor(status: TStatus, error: TError, message: string | undefined, headers: THeaders, record?: ErrorRecord) {
    super(APIError.makeMessage(status, error, message));
    this.status = status;
    this.headers = headers;
    this.requestID = record?.request_id ?? headers?.get('x-request-id');
    this.error = error;
    const field = (name: string): unknown => (typeof error === 'object' && error !== null ? Reflect.get(error, name) : undefined);
    const text = (v: unknown): string | null | undefined => (v === null || v === undefined ? v : String(v));
    const code = field('code');
    const param = field('param');
    const type = field('type');
    this.code = record?.code ?? text(code);
    this.param = record?.param ?? text(param);
    this.type = record?.type ?? (typeof type === 'string' ? type : undefined);
  }

  private static makeMessage(status: number | undefined, error: unknown, message: string | undefined): string {
    const fromError =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : typeof error === 'string'
          ? error
          : undefined;
    const msg = fromError ?? message;
    if (status && msg) return `${status} ${msg}`;
    if (status) return `${status} status code (no body)`;
    return msg ?? '(no status code or body)';
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

/** Whether `e` is what the wasm core throws: its description of an error. */
export function isErrorRecord(e: unknown): e is ErrorRecord {
  return typeof e === 'object' && e !== null && 'class_js' in e && typeof e.class_js === 'string' && 'message' in e;
}

/** The status classes, by the name the core gives them (`class_js`). */
type StatusClass = new (status: number, error: unknown, message: string | undefined, headers: Headers, record: ErrorRecord) => APIError;
const statusClasses = new Map<string, StatusClass>([
  ['BadRequestError', BadRequestError],
  ['AuthenticationError', AuthenticationError],
  ['PermissionDeniedError', PermissionDeniedError],
  ['NotFoundError', NotFoundError],
  ['ConflictError', ConflictError],
  ['UnprocessableEntityError', UnprocessableEntityError],
  ['RateLimitError', RateLimitError],
  ['InternalServerError', InternalServerError],
  ['APIError', APIError],
]);

/** The other classes, by name: each built from the record's fields. */
const otherClasses = new Map<string, (r: ErrorRecord, status: number, headers: Headers, cause: unknown) => OpenAIError>([
  ['InvalidInputError', (r) => new InvalidInputError(r.param ?? '', r.message)],
  ['APIResponseValidationError', (r, status, headers) => new APIResponseValidationError(status, r.message, headers)],
  ['APIConnectionError', (r, _s, _h, cause) => new APIConnectionError({ message: r.message, cause })],
  ['APIConnectionTimeoutError', (r) => new APIConnectionTimeoutError({ message: r.message })],
]);

/** The `error` member of an error body (the whole body when it has none), as the official SDK shows it. */
function errorMember(bodyJSON: string | null): unknown {
  if (bodyJSON === null) return undefined;
  const body: unknown = JSON.parse(bodyJSON);
  return typeof body === 'object' && body !== null && 'error' in body ? body.error : body;
}

/**
 * Turns what the core threw into the class its record names (`class_js`), with the record's
 * fields; `response` is the response it was about, if any, and `cause` what `fetch` threw.
 */
export function fromCore(e: unknown, response?: Response, cause?: unknown): Error {
  if (!isErrorRecord(e)) return e instanceof Error ? e : new OpenAIError(String(e));
  const headers = response?.headers ?? new Headers();
  const status = response?.status ?? e.status ?? 0;
  const statusClass = statusClasses.get(e.class_js);
  if (statusClass) return new statusClass(status, errorMember(e.body_json), e.message, headers, e);
  const other = otherClasses.get(e.class_js);
  if (other) return other(e, status, headers, cause);
  return new OpenAIError(e.message);
}
