// The client's options, as the official SDK names them, and the checks of the numbers among
// them (a bad value is an `InvalidInputError` before any request).

import { InvalidInputError } from './errors.js';
import type { LogLevel, Logger } from './log.js';

/** A `fetch`-compatible function (the global one by default). */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link AdminClient}, named as the official SDK names them. */
export interface ClientOptions {
  // Each option left out (or empty) is read from the environment where `process.env` exists,
  // else is the core's default: `defaults()` of the wasm core lists both, and the README.

  /** The admin key (default: from the environment). */
  adminAPIKey?: string | undefined;
  /** The API's base URL (default: from the environment, else the production URL). */
  baseURL?: string | null | undefined;
  /** Sent as `OpenAI-Organization` (default: from the environment). */
  organization?: string | null | undefined;
  /** Sent as `OpenAI-Project` (default: from the environment). */
  project?: string | null | undefined;
  /**
   * Milliseconds before one attempt is abandoned, connecting and reading the body included
   * (default: the core's, 10 minutes; more than 2^31 − 1 is clamped to that). `fetch` has no
   * separate connect timeout: Node's gives up connecting after 10 s on its own, and a `fetch`
   * bound to an undici `Agent({ connect: { timeout } })` can set another bound.
   */
  timeout?: number | undefined;
  /** Retries after the first attempt (default: the core's, 2). */
  maxRetries?: number | undefined;
  /**
   * The most pages one walk over a list follows before it stops (default: the core's, 10,000;
   * 0 for no cap). A walk also stops at a cursor it has already followed.
   */
  maxPages?: number | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string | null | undefined> | undefined;
  /** Query parameters sent with every request. */
  defaultQuery?: Record<string, string | undefined> | undefined;
  /** A custom `fetch` (proxies, tests, edge runtimes). */
  fetch?: Fetch | undefined;
  /** Allow running in a browser, where the admin key would be visible to the page's users. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * Type-check every item of a list page in the core, not only the page itself (default
   * false: list items are built by `JSON.parse` unchecked, as the official SDK does, which is
   * faster on large pages). Single results are always checked.
   */
  strictResponseValidation?: boolean | undefined;
  /**
   * Retry operations that create something (a `create` POST) after a timeout, a lost
   * connection, 408, 409 or 5xx too (default false: the server may already have acted, and a
   * retry could create a second one; 429 and refused connections are always retried).
   */
  retryNonIdempotent?: boolean | undefined;
  /**
   * The largest response body read, in bytes (default: the core's, 64 MiB). A larger body,
   * announced by `content-length` or found while it streams in, fails with an
   * `APIResponseValidationError` (never retried) and is never read whole.
   */
  maxResponseBytes?: number | undefined;
  /**
   * How much to log (default: `OPENAI_LOG` from the environment, else the core's, `'warn'`). `'debug'`
   * logs each request, response and retry; credential headers and newly made keys are
   * redacted.
   */
  logLevel?: LogLevel | undefined;
  /** Where logs go (default: `globalThis.console`). */
  logger?: Logger | undefined;
}

/** The longest delay `setTimeout` keeps (a longer one fires at once): 2^31 − 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** The deepest nesting of request parameters the core is handed (real ones nest 3 deep). */
const MAX_PARAM_DEPTH = 64;

/** `value` as a whole number from 0 to `max`, or an `InvalidInputError` for `name`. */
export function count(name: string, value: unknown, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidInputError(name, `\`${name}\` must be a whole number from 0 to ${max}, not ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
}

/** `value` as a boolean, or an `InvalidInputError` for `name`. */
export function flag(name: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new InvalidInputError(name, `\`${name}\` must be true or false, not ${typeof value}`);
  return value;
}

/** `value` as a string, or an `InvalidInputError` for `name` (the core checks what it says). */
export function stringOption(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidInputError(name, `\`${name}\` must be a string, not ${typeof value}`);
  return value;
}

/** `value` as milliseconds (0 or more, finite), or an `InvalidInputError` for `name`. */
export function millis(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(name, `\`${name}\` must be a number of milliseconds, 0 or more, not ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
}

/**
 * Refuses parameters the core must not be handed: an object that contains itself, one
 * nested deeper than {@link MAX_PARAM_DEPTH}, or a value JSON cannot hold (`NaN`, an
 * infinity, a function, a symbol), which would otherwise be sent as `null` or dropped. Checked here, iteratively bounded, so that the
 * core's reader never recurses without limit.
 */
export function checkShape(params: object): void {
  const seen = new Set<object>();
  const visit = (value: unknown, name: string, depth: number): void => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new InvalidInputError(name, `\`${name}\` is ${value}, which JSON cannot hold`);
    if (typeof value === 'function' || typeof value === 'symbol') throw new InvalidInputError(name, `\`${name}\` holds a ${typeof value}, which cannot be sent as JSON`);
    if (typeof value !== 'object' || value === null) return;
    if (seen.has(value)) throw new InvalidInputError(name, `\`${name}\` contains itself (a cycle): it cannot be sent as JSON`);
    if (depth > MAX_PARAM_DEPTH) throw new InvalidInputError(name, `\`${name}\` is nested more than ${MAX_PARAM_DEPTH} levels deep`);
    seen.add(value);
    for (const v of Array.isArray(value) ? value : Object.values(value)) visit(v, name, depth + 1);
    seen.delete(value);
  };
  for (const [k, v] of Object.entries(params)) visit(v, k, 1);
}
