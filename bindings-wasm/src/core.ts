// Promises, pages and the base of the resource classes.

import { OpenAIError } from './errors.js';
import type { Pairs, RequestParams, Walk } from './wasm.js';

/** Per-request options, as in the official SDK. */
export interface RequestOptions {
  /** Milliseconds before one attempt is abandoned (default: the client's). */
  timeout?: number;
  /** Retries after the first attempt (default: the client's). */
  maxRetries?: number;
  /** Extra headers; they replace headers of the same name. */
  headers?: Record<string, string | null | undefined>;
  /** Extra query parameters. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Aborts the request (and any retry wait). */
  signal?: AbortSignal | null;
}

/** One successful response, read whole, after retries. */
export interface RawResponse {
  response: Response;
  text: string;
  headerPairs: Pairs;
  requestID: string | null;
}

/** What the resource classes call on the client. */
export interface Caller {
  _call<T>(sdkMethod: string, idName: string | null, id: string | undefined, params: object | undefined, options: RequestOptions | undefined): APIPromise<T>;
  _list<Item, Body>(
    sdkMethod: string,
    idName: string | null,
    id: string | undefined,
    params: object | undefined,
    options: RequestOptions | undefined,
  ): PagePromise<Page<Item, Body> & Body, Item>;
}

/** The base of every resource class: holds the client. */
export class APIResource {
  protected _client: Caller;
  constructor(client: Caller) {
    this._client = client;
  }
}

/**
 * A promise of an API result, with `.asResponse()` (the raw `Response`) and
 * `.withResponse()` (`{ data, response, request_id }`).
 */
export class APIPromise<T> extends Promise<T> {
  #raw: Promise<RawResponse>;
  #parse: (raw: RawResponse) => T;
  #parsed: Promise<T> | undefined;

  constructor(raw: Promise<RawResponse>, parse: (raw: RawResponse) => T) {
    // A real Promise (instanceof works) that never settles itself: then/catch/finally use
    // the parsed result, computed on first use, so asResponse() alone never parses the body.
    super(() => {});
    this.#raw = raw;
    this.#parse = parse;
    // Rejections surface through then/asResponse/withResponse, not as unhandled.
    raw.catch(() => {});
  }

  #result(): Promise<T> {
    return (this.#parsed ??= this.#raw.then(this.#parse));
  }

  /** The raw `Response` (its body can still be read), without parsing it. */
  asResponse(): Promise<Response> {
    return this.#raw.then(
      (r) => new Response(r.text, { status: r.response.status, statusText: r.response.statusText, headers: r.response.headers }),
    );
  }

  /** The parsed result with the raw `Response` and the request id. */
  async withResponse(): Promise<{ data: T; response: Response; request_id: string | null }> {
    const [data, raw] = await Promise.all([this.#result(), this.#raw]);
    return { data, response: raw.response, request_id: raw.requestID };
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#result().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#result().finally(onfinally);
  }
}

/** How a page asks for the one after it: the next page's parameters and the walk so far. */
export interface PageSource<Item, Body> {
  next(params: RequestParams, walk: Walk, options: RequestOptions | undefined): PagePromise<Page<Item, Body> & Body, Item>;
}

/**
 * One page of a list: the response body's fields (`data`, `has_more`, …), plus
 * `hasNextPage()`, `getNextPage()`, `iterPages()`, and async iteration over every item of
 * this page and the ones after it.
 */
export class Page<Item, Body = unknown> implements AsyncIterable<Item> {
  /** The items of this page. */
  data!: Item[];
  /** The whole response body. */
  readonly body: Body;
  /** The raw response of this page. */
  readonly response: Response;
  #next: RequestParams | null;
  #walk: Walk;
  #source: PageSource<Item, Body>;
  #options: RequestOptions | undefined;
  #resumeCursor: string | null;

  /**
   * A page with the body's fields; `next` is the next page's parameters, as the core's walk
   * decided, and `resumeCursor` the cursor they ask with.
   */
  static of<Item, Body>(
    body: Body,
    response: Response,
    next: RequestParams | null,
    walk: Walk,
    source: PageSource<Item, Body>,
    options: RequestOptions | undefined,
    resumeCursor: string | null = null,
  ): Page<Item, Body> & Body {
    const page = Object.assign(new Page<Item, Body>(body, response, next, walk, source, options, resumeCursor), body);
    if (!Array.isArray(page.data)) page.data = [];
    return page;
  }

  private constructor(
    body: Body,
    response: Response,
    next: RequestParams | null,
    walk: Walk,
    source: PageSource<Item, Body>,
    options: RequestOptions | undefined,
    resumeCursor: string | null,
  ) {
    this.#resumeCursor = resumeCursor;
    this.body = body;
    this.response = response;
    this.#next = next;
    this.#walk = walk;
    this.#source = source;
    this.#options = options;
  }

  /** The items of this page (`data`), as the official pages have it. */
  getPaginatedItems(): Item[] {
    return this.data;
  }

  /** Whether the core found a cursor for another page. */
  hasNextPage(): boolean {
    return this.#next !== null;
  }

  /**
   * The request options of the next page, or `null` after the last one: this page's options,
   * with the next request's parameters (the cursor among them) as `query`.
   */
  nextPageRequestOptions(): (Omit<RequestOptions, 'query'> & { query: RequestParams }) | null {
    return this.#next === null ? null : { ...this.#options, query: { ...this.#next } };
  }

  /**
   * Fetches the next page; throws when there is none (check `hasNextPage()` first). When it
   * fails, the error's `resumeCursor` is the cursor to list from again later (every item
   * before it has been read).
   */
  getNextPage(): Promise<Page<Item, Body> & Body> {
    if (this.#next === null) {
      throw new OpenAIError('This is the last page (`hasNextPage()` is false): there is no next page to fetch.');
    }
    const cursor = this.#resumeCursor;
    return this.#source.next(this.#next, this.#walk, this.#options).then(undefined, (e: unknown) => {
      if (e instanceof OpenAIError && cursor !== null && e.resumeCursor === undefined) e.resumeCursor = cursor;
      throw e;
    });
  }

  /** This page and every page after it. */
  async *iterPages(this: Page<Item, Body> & Body): AsyncGenerator<Page<Item, Body> & Body> {
    let page = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this page and the pages after it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    let page: Page<Item, Body> = this;
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}

/**
 * A promise of a page that can also be iterated directly: `for await (const x of client…list())`.
 * Its type parameters are the official SDK's: the page's type, then the item's.
 */
export class PagePromise<PageClass extends Page<Item, any>, Item = PageClass extends Page<infer I, any> ? I : never>
  extends APIPromise<PageClass>
  implements AsyncIterable<Item>
{
  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    const page = await this;
    yield* page;
  }
}
