// Errors, named and shaped as the official `openai` package names them. The classes for HTTP
// statuses are generated from the core's names (`generated/errors.ts`); `from-core.ts` turns
// the core's error records into these classes.

import { REQUEST_ID_HEADER } from './generated/host.js';
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
  /** The request id the response's headers carry (the core's `REQUEST_ID_HEADER`). */
  readonly requestID: string | null | undefined;

  /**
   * `record`, when given, is the core's description of the error: its request id, code,
   * param and type win over those read from `error` (a code above 2^53 keeps its digits).
   */
  constructor(status: TStatus, error: TError, message: string | undefined, headers: THeaders, record?: ErrorRecord) {
    super(APIError.makeMessage(status, error, message));
    this.status = status;
    this.headers = headers;
    this.requestID = record?.request_id ?? headers?.get(REQUEST_ID_HEADER);
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

/** Whether `e` is what the wasm core throws: its description of an error. */
export function isErrorRecord(e: unknown): e is ErrorRecord {
  return typeof e === 'object' && e !== null && 'class_js' in e && typeof e.class_js === 'string' && 'message' in e;
}
