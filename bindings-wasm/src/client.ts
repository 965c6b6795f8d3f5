// The client: settings, the request loop over `fetch`, and the resource tree. Every rule
// (defaults, environment, retries, paging, error classes) is the core's; this file does I/O.

import { APIPromise, Page, PagePromise, type Caller, type RawResponse, type RequestOptions } from './core.js';
import * as Errors from './errors.js';
import { APIConnectionError, APIResponseValidationError, APIUserAbortError, OpenAIError } from './errors.js';
import { fromCore } from './from-core.js';
import * as StatusErrors from './generated/errors.js';
import { REQUEST_ID_HEADER } from './generated/host.js';
import { connectFailed, environment, given, isBrowser, lengthIsExact, nulled, pairs, platformFetch, readCapped, sleep } from './http.js';
import { ClientLog, type LogLevel, type Logger } from './log.js';
import { MAX_TIMER_MS, checkShape, count, flag, millis, stringOption, type ClientOptions, type Fetch } from './options.js';
import * as Official from './generated/namespaces.js';
import { Admin } from './generated/resources.js';
import { CoreFailureError, callCore, coreGeneration, wasm, type ClientConfig, type HttpRequestOut, type Outcome, type RequestParams, type Walk } from './wasm.js';

export type { ClientOptions, Fetch } from './options.js';

let logIDs = 0;

/** `callCore(f)`, with what the core threw on purpose turned into the class it names. */
function viaCore<T>(f: () => T): T {
  try {
    return callCore(f);
  } catch (e) {
    throw fromCore(e);
  }
}

/** A client of the OpenAI Admin API. Unofficial; not made or endorsed by OpenAI. */
export class AdminClient implements Caller {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxPages: number;
  readonly maxResponseBytes: number;
  readonly organization: string | null;
  readonly project: string | null;
  readonly logLevel: LogLevel;
  #config: ClientConfig;
  #core: InstanceType<typeof wasm.Core>;
  #generation: number;
  #fetch: Fetch;
  #strict: boolean;
  #retryNonIdempotent: boolean;
  #removedHeaders: Set<string>;
  #log: ClientLog;
  #secrets: readonly string[];
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
  static BadRequestError = StatusErrors.BadRequestError;
  static AuthenticationError = StatusErrors.AuthenticationError;
  static PermissionDeniedError = StatusErrors.PermissionDeniedError;
  static NotFoundError = StatusErrors.NotFoundError;
  static ConflictError = StatusErrors.ConflictError;
  static UnprocessableEntityError = StatusErrors.UnprocessableEntityError;
  static RateLimitError = StatusErrors.RateLimitError;
  static InternalServerError = StatusErrors.InternalServerError;
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
        'This runs in a browser, where anyone who can read the page can read the admin key. To run here anyway, knowing that, pass `dangerouslyAllowBrowser: true`.',
      );
    }
    const defaults = viaCore(() => wasm.defaults());
    const env = environment(defaults.env);
    const config: ClientConfig = {
      api_key: opts.adminAPIKey,
      base_url: opts.baseURL,
      organization: opts.organization,
      project: opts.project,
      timeout_ms: millis('timeout', opts.timeout),
      max_retries: count('maxRetries', opts.maxRetries, 0xffff_ffff),
      max_pages: count('maxPages', opts.maxPages, Number.MAX_SAFE_INTEGER),
      retry_non_idempotent: flag('retryNonIdempotent', opts.retryNonIdempotent),
      max_response_bytes: count('maxResponseBytes', opts.maxResponseBytes, Number.MAX_SAFE_INTEGER),
      strict_response_validation: flag('strictResponseValidation', opts.strictResponseValidation),
      log_level: stringOption('logLevel', opts.logLevel),
      default_headers: pairs(opts.defaultHeaders),
      default_query: pairs(opts.defaultQuery),
      env,
    };
    this.#config = config;
    this.#core = viaCore(() => new wasm.Core(config));
    this.#generation = coreGeneration();
    const settings = viaCore(() => this.#core.settings());
    this.baseURL = settings.base_url;
    this.organization = settings.organization;
    this.project = settings.project;
    this.timeout = settings.timeout_ms;
    this.maxRetries = settings.max_retries;
    this.maxPages = settings.max_pages;
    this.maxResponseBytes = settings.max_response_bytes;
    this.#fetch = opts.fetch ?? platformFetch;
    this.#removedHeaders = nulled(opts.defaultHeaders);
    this.#strict = settings.strict_response_validation;
    this.#retryNonIdempotent = settings.retry_non_idempotent;
    const logger: Logger = opts.logger ?? globalThis.console;
    if (settings.log_env_ignored !== null) {
      logger.warn(`the log level from the environment (${JSON.stringify(settings.log_env_ignored)}) names no level; ignored`);
    }
    this.logLevel = settings.log_level;
    // The key is cut out of every logged string, wherever it came from.
    const secrets = [opts.adminAPIKey, env[defaults.key_env]].filter((k): k is string => typeof k === 'string' && k.trim().length >= 8);
    this.#secrets = secrets;
    this.#log = new ClientLog(this.logLevel, logger, (name) => wasm.isSensitiveHeader(name), secrets);
    this.#options = { ...opts, fetch: this.#fetch };
    this.admin = new Admin(this);
  }

  /** The admin key the client sends, as the official client's `adminAPIKey` (never logged or shown by `JSON.stringify`). */
  get adminAPIKey(): string | null {
    return this.#coreNow().adminKey() ?? null;
  }

  /** The client's settings, for `JSON.stringify` (the key is never among them). */
  toJSON(): Record<string, unknown> {
    return {
      baseURL: this.baseURL,
      organization: this.organization,
      project: this.project,
      timeout: this.timeout,
      maxRetries: this.maxRetries,
      maxPages: this.maxPages,
      maxResponseBytes: this.maxResponseBytes,
      logLevel: this.logLevel,
    };
  }

  /** `util.inspect` and `console.log` show the settings only. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  toString(): string {
    return `${this.constructor.name}(${this.baseURL})`;
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

  /** This client's core object: made again when the wasm instance was restarted after a trap. */
  #coreNow(): InstanceType<typeof wasm.Core> {
    if (this.#generation !== coreGeneration()) {
      const config = this.#config;
      this.#core = viaCore(() => new wasm.Core(config));
      this.#generation = coreGeneration();
    }
    return this.#core;
  }

  /**
   * Builds the request in the core, then sends it with retries; resolves once a 2xx body is
   * read. An error's message never holds the admin key, even where a server echoed it.
   */
  async #send(sdkMethod: string, params: RequestParams, options: RequestOptions | undefined): Promise<RawResponse> {
    try {
      return await this.#attempts(sdkMethod, params, options);
    } catch (e) {
      if (e instanceof Error) {
        for (const secret of this.#secrets) if (e.message.includes(secret)) e.message = e.message.split(secret).join('***');
      }
      throw e;
    }
  }

  async #attempts(sdkMethod: string, params: RequestParams, options: RequestOptions | undefined): Promise<RawResponse> {
    checkShape(params);
    const maxRetries = count('maxRetries', options?.maxRetries, 0xffff_ffff) ?? this.maxRetries;
    const timeout = Math.min(millis('timeout', options?.timeout) ?? this.timeout, MAX_TIMER_MS);
    const core = this.#coreNow();
    const req: HttpRequestOut = viaCore(() => core.build(sdkMethod, params, pairs(options?.headers), pairs(options?.query)));
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
    // Redirects come back as they are, as the core returns them: following one would send
    // the admin key wherever a `location` points.
    const init: RequestInit = { method: req.method, headers, redirect: 'manual' };
    if (req.body !== null) init.body = req.body;
    const log = this.#log;
    const logID = `log_${(++logIDs).toString(16).padStart(6, '0')}`;
    const cap = this.maxResponseBytes;
    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw new APIUserAbortError();
      const controller = new AbortController();
      let timedOut = false;
      // setTimeout fires at once past 2^31 − 1 ms: `timeout` is clamped to that above.
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeout);
      const onAbort = () => controller.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      let response: Response | undefined;
      let text: string | null | undefined;
      let failure: unknown;
      const started = Date.now();
      const debug = log.enabled('debug');
      if (debug) log.log('debug', `[${logID}] sending request`, { method: req.method, url: req.url, headers, body: req.body, attempt: retries + 1 });
      try {
        init.signal = controller.signal;
        response = await this.#fetch(req.url, init);
        if (debug) log.log('debug', `[${logID}] response start`, { url: req.url, status: response.status, headers: [...response.headers], durationMs: Date.now() - started });
        text = await readCapped(response, cap, controller.signal, lengthIsExact(response, this.#fetch === platformFetch));
      } catch (e) {
        if (signal?.aborted) throw new APIUserAbortError();
        failure = e;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      if (response && text === null) {
        log.log('debug', `[${logID}] response body over the cap (${cap} bytes)`, { url: req.url, status: response.status });
        const record = callCore(() => wasm.too_large(response.status, [...response.headers], cap));
        throw fromCore(record, response);
      }
      // A browser's fetch shows a redirect it did not follow as an opaque response (status 0).
      if (response && response.type === 'opaqueredirect') {
        throw new APIConnectionError({ message: `the server answered ${req.method} ${req.url} with a redirect, which is not followed` });
      }
      const answered = response && typeof text === 'string' ? { response, text, headerPairs: [...response.headers], requestID: response.headers.get(REQUEST_ID_HEADER) } : undefined;
      if (answered?.response.ok) {
        if (debug) {
          let body: unknown = answered.text;
          try {
            body = JSON.parse(answered.text);
          } catch {}
          log.log('debug', `[${logID}] response succeeded`, { status: answered.response.status, body, durationMs: Date.now() - started });
        }
        return answered;
      }
      const outcome: Outcome = answered
        ? { outcome: 'response', status: answered.response.status, headers: answered.headerPairs }
        : timedOut
          ? { outcome: 'timeout' }
          : connectFailed(failure)
            ? { outcome: 'connect_failed' }
            : { outcome: 'connection_lost' };
      const decision = viaCore(() =>
        wasm.decide(
          { max_retries: maxRetries, retry_non_idempotent: this.#retryNonIdempotent, idempotent: req.idempotent, retries_done: retries, jitter: Math.random(), now_ms: Date.now() },
          outcome,
        ),
      );
      const what = answered ? `status ${answered.response.status}` : outcome.outcome.replace('_', ' ');
      if (decision.action === 'retry') {
        log.log('info', `[${logID}] ${what}; retrying in ${Math.round(decision.after_ms)} ms, ${maxRetries - retries} attempts remaining`, { url: req.url });
        await sleep(decision.after_ms, signal);
        continue;
      }
      log.log('debug', `[${logID}] ${what}; not retried`, { url: req.url, body: answered?.text });
      if (!answered) {
        const message = failure instanceof Error ? failure.message : String(failure ?? '');
        throw fromCore(callCore(() => wasm.failure(timedOut, message)), undefined, failure);
      }
      throw this.#validate(sdkMethod, answered) ?? new OpenAIError(`unexpected status ${answered.response.status}`);
    }
  }

  /** The whole response checked by the core: the error to throw, if any. */
  #validate(sdkMethod: string, raw: RawResponse): Error | undefined {
    try {
      callCore(() => wasm.validate(sdkMethod, raw.response.status, raw.headerPairs, raw.text));
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
      const core = this.#coreNow();
      walk = callCore(() => (parent ? parent.fork() : core.walk(sdkMethod, params)));
      next = callCore(() => walk.next(body));
    } catch (e) {
      throw fromCore(e, raw.response);
    }
    const resume = next ? (callCore(() => walk.resume_cursor()) ?? null) : null;
    const generation = coreGeneration();
    const source = {
      next: (p: RequestParams, w: Walk, o: RequestOptions | undefined) => {
        if (generation !== coreGeneration()) {
          // The walk belonged to an instance replaced after a trap.
          const failed = Promise.reject(new CoreFailureError('the openai-admin core was restarted during this walk; list again from the resume cursor'));
          return new PagePromise<Page<Item, Body> & Body, Item>(failed, () => {
            throw new OpenAIError('unreachable');
          });
        }
        return this.#list<Item, Body>(sdkMethod, p, o, w);
      },
    };
    return Page.of<Item, Body>(body, raw.response, next ?? null, walk, source, options, resume);
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
