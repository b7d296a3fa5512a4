import { SourceError, sourceMessages } from './types.ts';

/** A place to keep response bodies between calls (process memory, a database table, …), keyed by URL. */
export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, body: string, ttlSeconds: number): Promise<void>;
}

/** Process-local cache. Bounded so a long-running server that asks for many URLs cannot grow without limit. */
export class MemoryCache implements ResponseCache {
  readonly #entries = new Map<string, { body: string; expiresAt: number }>();
  readonly #now: () => number;
  readonly #maxEntries: number;

  constructor(options: { now?: () => number; maxEntries?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? 500;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.body;
  }

  async set(key: string, body: string, ttlSeconds: number): Promise<void> {
    this.#entries.delete(key);
    this.#entries.set(key, { body, expiresAt: this.#now() + ttlSeconds * 1000 });
    // Map keeps insertion order, so the first key is the oldest write.
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** Named in error messages: "Kolada", "SCB". */
  sourceLabel: string;
  baseUrl: string;
  fetch?: FetchLike;
  cache?: ResponseCache;
  /** How long a cached body is good for. Official figures change at most a few times a year. */
  cacheTtlSeconds?: number;
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited out: the caller gets `rate_limited` at once. */
  maxRetryAfterMs?: number;
  /** Politeness towards free public APIs that publish no rate limit. */
  requestsPerSecond?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  headers?: Record<string, string>;
}

export interface HttpClient {
  readonly baseUrl: string;
  /** `path` is appended to the base URL (it should start with `/`); an absolute URL is used as it is. */
  url(path: string): string;
  /**
   * GET and parse. The body is cached only after `parse` accepted it, so a malformed answer is not served again
   * from the cache for a whole TTL.
   */
  get<T>(path: string, parse: (body: string, url: string) => T): Promise<T>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

type Failure = { kind: 'timeout' | 'network'; cause: unknown };

function classifyThrown(error: unknown): Failure | undefined {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { kind: 'timeout', cause: error };
  // undici reports every connection problem as `TypeError: fetch failed` with the system error as its cause.
  if (error instanceof TypeError) return { kind: 'network', cause: error };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return { kind: 'network', cause: error };
  return undefined;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const label = options.sourceLabel;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const ttl = options.cacheTtlSeconds ?? 24 * 3600;
  const minIntervalMs = 1000 / (options.requestsPerSecond ?? 3);
  let nextSlot = 0;

  // Slots are reserved synchronously, so concurrent callers queue up instead of all passing the check at once.
  async function politeness(): Promise<void> {
    const t = now();
    const start = Math.max(t, nextSlot);
    nextSlot = start + minIntervalMs;
    if (start > t) await sleep(start - t);
  }

  function backoff(attempt: number): number {
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the step, so retries spread out but never hammer.
    return Math.round(exp / 2 + random() * (exp / 2));
  }

  function url(path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    return `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  async function get<T>(path: string, parse: (body: string, url: string) => T): Promise<T> {
    const target = url(path);
    const cached = await options.cache?.get(target);
    if (cached !== undefined) {
      try {
        return parse(cached, target);
      } catch {
        // A body that no longer parses (the parser got stricter) is fetched again rather than failing.
      }
    }

    let lastError: SourceError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const last = attempt === maxAttempts;
      await politeness();
      let response: Response;
      let body: string;
      try {
        response = await doFetch(target, {
          // Public APIs without keys can only tell callers apart by User-Agent; say who we are.
          headers: { accept: 'application/json', 'user-agent': 'Delaktig (kommunala integrationsplaner)', ...options.headers },
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = await response.text();
      } catch (error) {
        const failure = classifyThrown(error);
        if (!failure) throw error;
        lastError =
          failure.kind === 'timeout'
            ? new SourceError('offline', sourceMessages.timeout(label), { cause: error })
            : new SourceError('offline', sourceMessages.offline(label), { cause: error });
        if (!last) await sleep(backoff(attempt));
        continue;
      }

      if (response.ok) {
        const parsed = parse(body, target);
        await options.cache?.set(target, body, ttl);
        return parsed;
      }
      const status = response.status;
      if (status === 429) {
        lastError = new SourceError('rate_limited', sourceMessages.rateLimited(label), { status });
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
        if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) throw lastError;
        if (!last) await sleep(retryAfter ?? backoff(attempt));
        continue;
      }
      if (status >= 500) {
        lastError = new SourceError('http', sourceMessages.http(label, status), { status });
        if (!last) await sleep(backoff(attempt));
        continue;
      }
      if (status === 404) throw new SourceError('not_found', sourceMessages.notFound(label, 'Det efterfrågade'), { status });
      throw new SourceError('http', sourceMessages.http(label, status), { status });
    }
    throw lastError ?? new SourceError('offline', sourceMessages.offline(label));
  }

  return { baseUrl, url, get };
}

/** JSON.parse that fails as a SourceError naming the source, for use inside `get`'s parse callback. */
export function parseJsonBody(body: string, sourceLabel: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new SourceError('format', sourceMessages.format(sourceLabel, 'inte giltig JSON'), { cause: error });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
