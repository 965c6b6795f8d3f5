// openai-admin: an unofficial client for the OpenAI Admin API (a Rust core compiled to
// WebAssembly; `fetch` for I/O). Not made or endorsed by OpenAI.

export { AdminClient, AdminClient as OpenAI, AdminClient as default, type ClientOptions, type Fetch } from './client.js';
export { APIPromise, Page, PagePromise, APIResource, type RequestOptions } from './core.js';
export {
  OpenAIError,
  InvalidInputError,
  APIError,
  APIUserAbortError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIResponseValidationError,
} from './errors.js';
export {
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
} from './generated/errors.js';
export type * from './generated/types.js';
export type * from './generated/official.js';
export { ready, CoreFailureError } from './wasm.js';
export type { LogLevel, Logger } from './log.js';
