// The client: settings, the request loop over `fetch`, and the resource tree. Every rule
// (defaults, environment, retries, paging, error classes) is the core's; this file does I/O.

import { APIPromise, Page, PagePromise, type Caller, type RawResponse, type RequestOptions } from './core.js';
import * as Errors from './errors.js';
import { APIResponseValidationError, APIUserAbortError, OpenAIError, fromCore } from './errors.js';
import * as Official from './generated/namespaces.js';
import { Admin } from './generated/resources.js';
import { wasm, type ClientConfig, type HttpRequestOut, type OperationOut, type Outcome, type Pairs, type RequestParams, type Walk } from './wasm.js';

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
  /** Milliseconds before one attempt is abandoned (default: the core's, 10 minutes). */
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
}

/** The values of the environment variables the core reads, where `process.env` exists. */
function environment(names: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const proc: unknown = Reflect.get(globalThis, 'process');
  const vars: unknown = typeof proc === 'object' && proc !== null ? Reflect.get(proc, 'env') : undefined;
  if (typeof vars !== 'object' || vars === null) return out;
  for (const name of names) {
    const v: unknown = Reflect.get(vars, name);
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof window.document !== 'undefined' && typeof navigator !== 'undefined';
}

function pairs(o: Record<string, unknown> | null | undefined): Pairs {
  const out: Pairs = [];
  if (o) for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out.push([k, String(v)]);
  return out;
}

/**
 * The parameters as the core reads them: `undefined` means "not given" and is left out (as
 * `JSON.stringify` does in the official SDK), while `null` is kept, so that a body field that
 * may be null can be cleared.
 */
function given(params: object | undefined, idName: string | null, id: string | undefined): RequestParams {
  const p: RequestParams = {};
  if (params) for (const [k, v] of Object.entries(params)) if (v !== undefined) p[k] = v;
  if (idName !== null && id !== undefined) p[idName] = id;
  return p;
}

let operationTable: Map<string, OperationOut> | undefined;

/** The core's facts of an operation (its `idempotent` flag decides retries). */
function operation(sdkMethod: string): OperationOut | undefined {
  operationTable ??= new Map(wasm.operations().map((o) => [o.sdk_method, o]));
  return operationTable.get(sdkMethod);
}

/** Lower-cased names whose value is `null`: headers to leave out, as in the official SDK. */
function nulled(o: Record<string, unknown> | null | undefined): Set<string> {
  const out = new Set<string>();
  if (o) for (const [k, v] of Object.entries(o)) if (v === null) out.add(k.toLowerCase());
  return out;
}

/** Whether `fetch` failed before anything reached the server (Node's error codes). */
function connectFailed(err: unknown): boolean {
  const cause: unknown = err instanceof Error ? err.cause : undefined;
  const code: unknown = typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'code') : undefined;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError());
    const onAbort = () => {
      clearTimeout(t);
      reject(new APIUserAbortError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A client of the OpenAI Admin API. Unofficial; not made or endorsed by OpenAI. */
export class AdminClient implements Caller {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxPages: number;
  readonly organization: string | null;
  readonly project: string | null;
  #core: InstanceType<typeof wasm.Core>;
  #fetch: Fetch;
  #strict: boolean;
  #retryNonIdempotent: boolean;
  #removedHeaders: Set<string>;
  /** The options as given (kept private: they may hold the key), for `withOptions`. */
  #options: ClientOptions;

  // The error classes as statics, where the official client class has them
  // (`catch (e) { if (e instanceof OpenAI.NotFoundError) … }`).
  static OpenAIError = Errors.OpenAIError;
  static APIError = Errors.APIError;
  static APIConnectionError = Errors.APIConnectionError;
  static APIConnectionTimeoutError = Errors.APIConnectionTimeoutError;
  static APIUserAbortError = Errors.APIUserAbortError;
  static APIResponseValidationError = Errors.APIResponseValidationError;
  static BadRequestError = Errors.BadRequestError;
  static AuthenticationError = Errors.AuthenticationError;
  static PermissionDeniedError = Errors.PermissionDeniedError;
  static NotFoundError = Errors.NotFoundError;
  static ConflictError = Errors.ConflictError;
  static UnprocessableEntityError = Errors.UnprocessableEntityError;
  static RateLimitError = Errors.RateLimitError;
  static InternalServerError = Errors.InternalServerError;
  /** This package's own: a parameter rejected before any request was made. */
  static InvalidInputError = Errors.InvalidInputError;
  /** The client class itself, as the official one has it (`OpenAI.OpenAI`). */
  static OpenAI = this;
  /** The default `timeout` in milliseconds (the core's: 10 minutes). */
  static DEFAULT_TIMEOUT = wasm.defaults().timeout_ms;

  /** `client.admin.organization.…`: every operation of the Admin API. */
  readonly admin: Admin;

  constructor(opts: ClientOptions = {}) {
    if (!opts.dangerouslyAllowBrowser && isBrowser()) {
      throw new OpenAIError(
        "It looks like you're running in a browser-like environment, where your admin key would be exposed to anyone who can read the page. If you understand the risks, set `dangerouslyAllowBrowser: true`.",
      );
    }
    const config: ClientConfig = {
      api_key: opts.adminAPIKey,
      base_url: opts.baseURL,
      organization: opts.organization,
      project: opts.project,
      timeout_ms: opts.timeout,
      max_retries: opts.maxRetries,
      max_pages: opts.maxPages,
      default_headers: pairs(opts.defaultHeaders),
      default_query: pairs(opts.defaultQuery),
      env: environment(wasm.defaults().env),
    };
    try {
      this.#core = new wasm.Core(config);
    } catch (e) {
      throw fromCore(e);
    }
    const settings = this.#core.settings();
    this.baseURL = settings.base_url;
    this.organization = settings.organization;
    this.project = settings.project;
    this.timeout = settings.timeout_ms;
    this.maxRetries = settings.max_retries;
    this.maxPages = settings.max_pages;
    this.#fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#removedHeaders = nulled(opts.defaultHeaders);
    this.#strict = opts.strictResponseValidation ?? false;
    this.#retryNonIdempotent = opts.retryNonIdempotent ?? false;
    this.#options = { ...opts, fetch: this.#fetch };
    this.admin = new Admin(this);
  }

  /**
   * A new client with these options over this one's (the same options as the constructor;
   * settings this client read from the environment are read again). It shares this client's
   * `fetch` and the loaded core; this client is unchanged.
   */
  withOptions(options: Partial<ClientOptions>): this {
    const Self = this.constructor as new (opts: ClientOptions) => this;
    return new Self({ ...this.#options, ...options });
  }

  /** Builds the request in the core, then sends it with retries; resolves once a 2xx body is read. */
  async #send(sdkMethod: string, params: RequestParams, options: RequestOptions | undefined): Promise<RawResponse> {
    let req: HttpRequestOut;
    try {
      req = this.#core.build(sdkMethod, params, pairs(options?.headers), pairs(options?.query));
    } catch (e) {
      throw fromCore(e);
    }
    const idempotent = operation(sdkMethod)?.idempotent ?? false;
    const maxRetries = options?.maxRetries ?? this.maxRetries;
    const timeout = options?.timeout ?? this.timeout;
    const signal = options?.signal;
    let removed = this.#removedHeaders;
    if (options?.headers) {
      removed = new Set(removed);
      for (const [k, v] of Object.entries(options.headers)) {
        if (v === null) removed.add(k.toLowerCase());
        else if (v !== undefined) removed.delete(k.toLowerCase());
      }
    }
    const headers = removed.size ? req.headers.filter(([k]) => !removed.has(k.toLowerCase())) : req.headers;
    const init: RequestInit = { method: req.method, headers };
    if (req.body !== null) init.body = req.body;
    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw new APIUserAbortError();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeout);
      const onAbort = () => controller.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      let response: Response | undefined;
      let text: string | undefined;
      let failure: unknown;
      try {
        init.signal = controller.signal;
        response = await this.#fetch(req.url, init);
        text = await response.text();
      } catch (e) {
        if (signal?.aborted) throw new APIUserAbortError();
        failure = e;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      const answered = response && text !== undefined ? { response, text, headerPairs: [...response.headers], requestID: response.headers.get('x-request-id') } : undefined;
      if (answered?.response.ok) return answered;
      const outcome: Outcome = answered
        ? { outcome: 'response', status: answered.response.status, headers: answered.headerPairs }
        : timedOut
          ? { outcome: 'timeout' }
          : connectFailed(failure)
            ? { outcome: 'connect_failed' }
            : { outcome: 'connection_lost' };
      const decision = wasm.decide(
        { max_retries: maxRetries, retry_non_idempotent: this.#retryNonIdempotent, idempotent, retries_done: retries, jitter: Math.random(), now_ms: Date.now() },
        outcome,
      );
      if (decision.action === 'retry') {
        await sleep(decision.after_ms, signal);
        continue;
      }
      if (!answered) {
        const message = failure instanceof Error ? failure.message : String(failure ?? '');
        throw fromCore(wasm.failure(timedOut, message), undefined, failure);
      }
      throw this.#validate(sdkMethod, answered) ?? new OpenAIError(`unexpected status ${answered.response.status}`);
    }
  }

  /** The whole response checked by the core: the error to throw, if any. */
  #validate(sdkMethod: string, raw: RawResponse): Error | undefined {
    try {
      wasm.validate(sdkMethod, raw.response.status, raw.headerPairs, raw.text);
      return undefined;
    } catch (e) {
      return fromCore(e, raw.response);
    }
  }

  /** The body as objects; a body that is not JSON is a validation error. */
  #parse<T>(raw: RawResponse): T {
    try {
      return JSON.parse(raw.text);
    } catch (e) {
      throw new APIResponseValidationError(raw.response.status, `the body is not valid JSON: ${e instanceof Error ? e.message : e}`, raw.response.headers);
    }
  }

  /**
   * A list page. `JSON.parse` builds it; the core's walk reads its few paging values from
   * the parsed object (the body never enters wasm) and says which page comes next. With
   * `strictResponseValidation` the core first type-checks the whole body.
   */
  #page<Item, Body>(sdkMethod: string, raw: RawResponse, params: RequestParams, options: RequestOptions | undefined, parent: Walk | undefined): Page<Item, Body> & Body {
    if (this.#strict) {
      const error = this.#validate(sdkMethod, raw);
      if (error) throw error;
    }
    const body = this.#parse<Body>(raw);
    let walk: Walk;
    let next: RequestParams | undefined;
    try {
      walk = parent ? parent.fork() : this.#core.walk(sdkMethod, params);
      next = walk.next(body);
    } catch (e) {
      throw fromCore(e, raw.response);
    }
    const source = { next: (p: RequestParams, w: Walk, o: RequestOptions | undefined) => this.#list<Item, Body>(sdkMethod, p, o, w) };
    return Page.of<Item, Body>(body, raw.response, next ?? null, walk, source, options);
  }

  #list<Item, Body>(sdkMethod: string, params: RequestParams, options: RequestOptions | undefined, walk: Walk | undefined): PagePromise<Page<Item, Body> & Body, Item> {
    const raw = this.#send(sdkMethod, params, options);
    return new PagePromise<Page<Item, Body> & Body, Item>(raw, (r) => this.#page<Item, Body>(sdkMethod, r, params, options, walk));
  }

  /** Calls a non-list operation. */
  _call<T>(sdkMethod: string, idName: string | null, id: string | undefined, params: object | undefined, options: RequestOptions | undefined): APIPromise<T> {
    const raw = this.#send(sdkMethod, given(params, idName, id), options);
    return new APIPromise<T>(raw, (r) => {
      const error = this.#validate(sdkMethod, r);
      if (error) throw error;
      return this.#parse<T>(r);
    });
  }

  /** Calls a list operation: a promise of its first page. */
  _list<Item, Body>(
    sdkMethod: string,
    idName: string | null,
    id: string | undefined,
    params: object | undefined,
    options: RequestOptions | undefined,
  ): PagePromise<Page<Item, Body> & Body, Item> {
    return this.#list<Item, Body>(sdkMethod, given(params, idName, id), options, undefined);
  }
}

/** The official SDK's type names, as `OpenAI.Admin.Organization.…` (types only). */
export declare namespace AdminClient {
  export import Admin = Official.Admin;
}
