// The client: settings, the request loop over `fetch`, and the resource tree.

import { APIPromise, Page, PagePromise, type Caller, type RawResponse, type RequestOptions } from './core.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIResponseValidationError,
  APIUserAbortError,
  OpenAIError,
  fromCore,
} from './errors.js';
import { Admin } from './generated/resources.js';
import { loadCore, loadedCore, type Core } from './wasm.js';

/** A `fetch`-compatible function (the global one by default). */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link AdminClient}, named as the official SDK names them. */
export interface ClientOptions {
  /** The admin key; defaults to `process.env.OPENAI_ADMIN_KEY` where `process` exists. */
  adminAPIKey?: string | undefined;
  /** Defaults to `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  baseURL?: string | null | undefined;
  /** Sent as `OpenAI-Organization`; defaults to `OPENAI_ORG_ID`. */
  organization?: string | null | undefined;
  /** Sent as `OpenAI-Project`; defaults to `OPENAI_PROJECT_ID`. */
  project?: string | null | undefined;
  /** Milliseconds before one attempt is abandoned (default 10 minutes). */
  timeout?: number | undefined;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
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

const VERSION = '0.1.0';
const encoder = new TextEncoder();

function env(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = p?.env?.[name]?.trim();
  return v ? v : undefined;
}

function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return typeof g.window !== 'undefined' && typeof g.window.document !== 'undefined' && typeof g.navigator !== 'undefined';
}

function pairs(o: Record<string, unknown> | null | undefined): [string, string][] {
  const out: [string, string][] = [];
  if (o) for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out.push([k, String(v)]);
  return out;
}

/**
 * The parameters as the core reads them: `undefined` means "not given" and is left out (as
 * `JSON.stringify` does in the official SDK), while `null` is kept, so that a body field that
 * may be null can be cleared.
 */
function given(params: object | undefined, idName: string | null, id: string | undefined): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (params) for (const [k, v] of Object.entries(params)) if (v !== undefined) p[k] = v;
  if (idName !== null && id !== undefined) p[idName] = id;
  return p;
}

let itemCursorOps: Set<string> | undefined;

/** Whether the list's next cursor is the id of its last item (`after_item_id`). */
function itemCursor(sdkMethod: string): boolean {
  itemCursorOps ??= new Set(
    (loadedCore()!.operations() as { sdk_method: string; page_style: string }[])
      .filter((o) => o.page_style === 'after_item_id')
      .map((o) => o.sdk_method),
  );
  return itemCursorOps.has(sdkMethod);
}

/** Lower-cased names whose value is `null`: headers to leave out, as in the official SDK. */
function nulled(o: Record<string, unknown> | null | undefined): Set<string> {
  const out = new Set<string>();
  if (o) for (const [k, v] of Object.entries(o)) if (v === null) out.add(k.toLowerCase());
  return out;
}

function connectFailed(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code;
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
  readonly organization: string | null;
  readonly project: string | null;
  #apiKey: string;
  #fetch: Fetch;
  #defaultHeaders: [string, string][];
  #defaultQuery: [string, string][];
  #core: InstanceType<Core['Core']> | undefined;
  #strict: boolean;
  #retryNonIdempotent: boolean;
  #removedHeaders: Set<string>;

  /** `client.admin.organization.…`: every operation of the Admin API. */
  readonly admin: Admin;

  constructor(opts: ClientOptions = {}) {
    const key = opts.adminAPIKey ?? env('OPENAI_ADMIN_KEY');
    if (!key) {
      throw new OpenAIError(
        'The OPENAI_ADMIN_KEY environment variable is missing or empty; either provide it, or instantiate the client with an adminAPIKey option, like new AdminClient({ adminAPIKey: "My Admin API Key" }).',
      );
    }
    if (!opts.dangerouslyAllowBrowser && isBrowser()) {
      throw new OpenAIError(
        "It looks like you're running in a browser-like environment, where your admin key would be exposed to anyone who can read the page. If you understand the risks, set `dangerouslyAllowBrowser: true`.",
      );
    }
    this.#apiKey = key;
    this.baseURL = opts.baseURL ?? env('OPENAI_BASE_URL') ?? 'https://api.openai.com/v1';
    this.organization = opts.organization ?? env('OPENAI_ORG_ID') ?? null;
    this.project = opts.project ?? env('OPENAI_PROJECT_ID') ?? null;
    this.timeout = opts.timeout ?? 10 * 60 * 1000;
    this.maxRetries = opts.maxRetries ?? 2;
    const f = opts.fetch;
    this.#fetch = f ?? ((input, init) => globalThis.fetch(input, init));
    this.#defaultHeaders = pairs(opts.defaultHeaders);
    this.#removedHeaders = nulled(opts.defaultHeaders);
    this.#defaultQuery = pairs(opts.defaultQuery);
    this.#strict = opts.strictResponseValidation ?? false;
    this.#retryNonIdempotent = opts.retryNonIdempotent ?? false;
    this.admin = new Admin(this);
  }

  #coreClient(wasm: Core): InstanceType<Core['Core']> {
    return (this.#core ??= new wasm.Core({
      base_url: this.baseURL,
      api_key: this.#apiKey,
      organization: this.organization,
      project: this.project,
      default_headers: this.#defaultHeaders,
      default_query: this.#defaultQuery,
      user_agent: `openai-admin-js/${VERSION}`,
    }));
  }

  /** Builds the request in the core, then sends it with retries; resolves once the body is read. */
  async #send(sdkMethod: string, idempotent: boolean, params: object, options: RequestOptions | undefined): Promise<RawResponse> {
    const wasm = loadedCore() ?? (await loadCore());
    let req: { method: string; url: string; headers: [string, string][]; body?: string };
    try {
      req = this.#coreClient(wasm).build(sdkMethod, params, pairs(options?.headers), pairs(options?.query));
    } catch (e) {
      throw fromCore(e);
    }
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
    if (req.body !== undefined) init.body = req.body;
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
      let bytes: Uint8Array | undefined;
      let text: string | undefined;
      let failure: unknown;
      try {
        init.signal = controller.signal;
        response = await this.#fetch(req.url, init);
        // A success is read as text (JSON.parse wants a string); anything else as bytes for the core.
        if (response.ok) text = await response.text();
        else bytes = new Uint8Array(await response.arrayBuffer());
      } catch (e) {
        if (signal?.aborted) throw new APIUserAbortError();
        failure = e;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      if (response && text !== undefined) {
        return { response, text, headerPairs: [...response.headers], requestID: response.headers.get('x-request-id') };
      }
      const headerPairs = response ? [...response.headers] : [];
      const outcome = response && bytes ? 'response' : timedOut ? 'timeout' : connectFailed(failure) ? 'connect_failed' : 'connection_lost';
      const wait = wasm.decide(maxRetries, this.#retryNonIdempotent, idempotent, retries, outcome, response?.status ?? 0, headerPairs, Math.random(), Date.now());
      if (wait < 0) {
        if (outcome === 'timeout') throw new APIConnectionTimeoutError();
        if (outcome !== 'response') throw new APIConnectionError({ cause: failure, message: (failure as Error)?.message });
        try {
          wasm.check(sdkMethod, response!.status, headerPairs, bytes!, undefined);
        } catch (e) {
          throw fromCore(e, response!.status, response!.headers);
        }
        throw new OpenAIError(`unexpected status ${response!.status}`);
      }
      await sleep(wait * 1000, signal);
    }
  }

  #check(sdkMethod: string, raw: RawResponse, bytes: Uint8Array, params: object | undefined): unknown {
    try {
      return loadedCore()!.check(sdkMethod, raw.response.status, raw.headerPairs, bytes, params);
    } catch (e) {
      throw fromCore(e, raw.response.status, raw.response.headers);
    }
  }

  /** The body as objects; a body that is not JSON is a validation error. */
  #parse(raw: RawResponse): unknown {
    try {
      return JSON.parse(raw.text);
    } catch (e) {
      throw new APIResponseValidationError(raw.response.status, `the body is not valid JSON: ${(e as Error).message}`, raw.response.headers);
    }
  }

  /**
   * A list page: the core checks the page and finds the next cursor. By default it is shown
   * the page without its items (with the last one only when the cursor is that item's id);
   * the items reach the caller from `JSON.parse` (see `strictResponseValidation`).
   */
  #checkPage(sdkMethod: string, raw: RawResponse, params: object): { body: unknown; next: object | null } {
    if (this.#strict) {
      const next = this.#check(sdkMethod, raw, encoder.encode(raw.text), params) as object | null;
      return { body: this.#parse(raw), next };
    }
    const body = this.#parse(raw);
    let envelope = body;
    if (body !== null && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)) {
      const data = (body as { data: unknown[] }).data;
      envelope = { ...body, data: itemCursor(sdkMethod) ? data.slice(-1) : [] };
    }
    const next = this.#check(sdkMethod, raw, encoder.encode(JSON.stringify(envelope)), params) as object | null;
    return { body, next };
  }

  /** Calls a non-list operation. */
  _call<T>(
    sdkMethod: string,
    idempotent: boolean,
    idName: string | null,
    id: string | undefined,
    params: object | undefined,
    options: RequestOptions | undefined,
  ): APIPromise<T> {
    const p = given(params, idName, id);
    const raw = this.#send(sdkMethod, idempotent, p, options);
    return new APIPromise(raw, (r) => {
      this.#check(sdkMethod, r, encoder.encode(r.text), undefined);
      return JSON.parse(r.text) as T;
    });
  }

  /** Calls a list operation: a promise of its first page. */
  _list<Item, Body>(
    sdkMethod: string,
    idempotent: boolean,
    idName: string | null,
    id: string | undefined,
    params: object | undefined,
    options: RequestOptions | undefined,
  ): PagePromise<Item, Body> {
    const p = given(params, idName, id);
    const source = { next: (next: object, o: RequestOptions | undefined) => this._list(sdkMethod, idempotent, null, undefined, next, o) };
    const raw = this.#send(sdkMethod, idempotent, p, options);
    return new PagePromise(raw, (r) => {
      const { body, next } = this.#checkPage(sdkMethod, r, p);
      return new Page<Item, Body>(body as Body, r.response, next, source, options) as Page<Item, Body> & Body;
    });
  }
}
