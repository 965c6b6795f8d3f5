// Logging, with the official SDK's `logLevel` / `logger` options and `OPENAI_LOG`. Every value
// logged goes through `redact` first: credential headers (the core's list) and credential
// fields of response bodies (the generator's list) are replaced, never printed.

import { LOG_LEVELS, type LogLevel, type MessageLevel } from './generated/host.js';
import { SECRET_FIELD_NAMES } from './generated/secrets.js';

// The levels and their order are the core's (`host::LogLevel`), generated.
export type { LogLevel } from './generated/host.js';

/** Where logs go (the `console` by default): any object with these four methods. */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

// Not the core's `REDACTED` marker, on purpose: the official JS SDK's logs print `***` in
// place of a credential (headers and query parameters), and this package's logs read as the
// official package's do. Errors and printed objects elsewhere use the core's marker.
const REDACTED = '***';

/**
 * A copy of `value` fit for a log: header pairs or objects with a credential name
 * (`isSecretHeader`) and string fields named as credentials in the API's types have their
 * values replaced; `secrets` (the client's own key) are cut out of every string.
 */
export function redact(value: unknown, isSecretHeader: (name: string) => boolean, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const secret of secrets) if (secret) s = s.split(secret).join(REDACTED);
    return s;
  }
  if (typeof value !== 'object' || value === null || depth > 32) return value;
  if (Array.isArray(value)) {
    // A `[name, value]` header pair.
    if (value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && isSecretHeader(value[0])) {
      return [value[0], REDACTED];
    }
    return value.map((v) => redact(v, isSecretHeader, secrets, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && (SECRET_FIELD_NAMES.has(k) || isSecretHeader(k))) out[k] = REDACTED;
    else out[k] = redact(v, isSecretHeader, secrets, depth + 1);
  }
  return out;
}

/** A client's logger: drops what is below its level, redacts what it passes on. */
export class ClientLog {
  readonly level: LogLevel;
  #rank: number;
  #logger: Logger;
  #isSecretHeader: (name: string) => boolean;
  #secrets: readonly string[];

  constructor(level: LogLevel, logger: Logger, isSecretHeader: (name: string) => boolean, secrets: readonly string[]) {
    this.level = level;
    this.#rank = LOG_LEVELS.indexOf(level);
    this.#logger = logger;
    this.#isSecretHeader = isSecretHeader;
    this.#secrets = secrets;
  }

  enabled(level: MessageLevel): boolean {
    return LOG_LEVELS.indexOf(level) <= this.#rank;
  }

  log(level: MessageLevel, message: string, details?: Record<string, unknown>): void {
    if (!this.enabled(level)) return;
    const text = redact(message, this.#isSecretHeader, this.#secrets) as string;
    if (details === undefined) this.#logger[level](text);
    else this.#logger[level](text, redact(details, this.#isSecretHeader, this.#secrets));
  }

  // Never shows the logger's secrets.
  toJSON(): unknown {
    return { level: this.level };
  }
}
