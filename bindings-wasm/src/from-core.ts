// The core's error records turned into this package's error classes, by the name the core
// gives each (`class_js`), with the record's fields.

import { APIConnectionError, APIConnectionTimeoutError, APIError, APIResponseValidationError, InvalidInputError, OpenAIError, isErrorRecord } from './errors.js';
import { STATUS_CLASSES, type StatusClass } from './generated/errors.js';
import type { ErrorRecord } from './wasm.js';

/** The status classes, by the name the core gives them (`class_js`); a status without a class of its own is a plain `APIError`. */
const statusClasses = new Map<string, StatusClass>([...STATUS_CLASSES, ['APIError', APIError]]);

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
 * Turns what the core threw into the class its record names (`class_js`, else its kind's
 * `base_class_js`), with the record's fields; `response` is the response it was about, if any, and `cause` what `fetch` threw.
 */
export function fromCore(e: unknown, response?: Response, cause?: unknown): Error {
  if (!isErrorRecord(e)) return e instanceof Error ? e : new OpenAIError(String(e));
  const headers = response?.headers ?? new Headers();
  const status = response?.status ?? e.status ?? 0;
  // The record's class, else (a class a later core names) the base class of its kind.
  for (const name of [e.class_js, e.base_class_js]) {
    const statusClass = statusClasses.get(name);
    if (statusClass) return new statusClass(status, errorMember(e.body_json), e.message, headers, e);
    const other = otherClasses.get(name);
    if (other) return other(e, status, headers, cause);
  }
  return new OpenAIError(e.message);
}
