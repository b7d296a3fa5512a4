import type { IncomingMessage, ServerResponse } from 'node:http';
import type { onRequestHookHandler } from 'fastify';
import { onCommittedChange } from '../db/after-commit.ts';

/**
 * Public responses kept ready in memory (decision 0031): the portal's pages and the open data, each as the bytes,
 * headers and ETag that were sent, keyed by address and by whether the reader accepts gzip. A hit is answered
 * before any other hook runs, without rendering and without a database query; a matching If-None-Match is a 304.
 *
 * Staleness: every audited write is heard after its transaction commits (db/after-commit.ts), which
 * drops what was rendered before it for that municipality (and every address that spans municipalities). Writes by
 * another process (the command line, a second server) cannot be seen here: `ttlMs` bounds how long they go unseen.
 * Only public data may be put here: nothing that depends on who asks (pages never read the session).
 */

// --- What changed, and when: one clock for the process, shared by every cache in it. ---

let clock = 0;
/** A change not tied to one municipality: everything rendered before it is stale. */
let everythingChangedAt = 0;
/** Any change at all: addresses that span municipalities (home, comparison, catalogue) are stale after it. */
let anythingChangedAt = 0;
const municipalityChangedAt = new Map<string, number>();

/** Called after a write commits: what was rendered from this municipality's data (null: any) before now is stale. */
export function publicDataChanged(municipalityCode: string | null): void {
  clock += 1;
  anythingChangedAt = clock;
  if (municipalityCode === null) everythingChangedAt = clock;
  else municipalityChangedAt.set(municipalityCode, clock);
}

// Every audited write of this process, once committed.
onCommittedChange((codes) => {
  for (const code of codes) publicDataChanged(code);
});

/** Taken before a response is rendered: a change committed after it makes that response stale at once. */
export function changeStamp(): number {
  return clock;
}

function changedSince(scope: string | null, stamp: number): boolean {
  if (everythingChangedAt > stamp) return true;
  if (scope === null) return anythingChangedAt > stamp;
  return (municipalityChangedAt.get(scope) ?? 0) > stamp;
}

/**
 * The municipality whose data alone an address shows (`/sv/kommun/1860/…`, `/api/open/municipalities/1860/…`), or
 * null when it may show several (the home page, the comparison, a plan's open data by id): then any change counts.
 */
export function scopeOf(url: string): string | null {
  return /^\/(?:[a-z]{2,3}\/kommun|api\/open\/municipalities)\/(\d{4})(?:[/?.]|$)/.exec(url)?.[1] ?? null;
}

export function acceptsGzip(header: string | string[] | undefined): boolean {
  return header !== undefined && /\bgzip\b/.test(String(header));
}

/** Whether If-None-Match names this ETag (a list, weak forms and `*` included, as RFC 9110 reads it). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

// --- The cache. ---

/** A cookie the page sets unless the reader already has it (the portal remembers the chosen language). */
export interface RememberCookie {
  name: string;
  value: string;
  /** The whole Set-Cookie value. */
  header: string;
}

export interface CachedResponse {
  status: number;
  etag: string;
  body: Buffer;
  /** Names and values in one flat list, as `writeHead` takes them; Content-Length included. */
  headers: string[];
  /** What a 304 repeats: the same, less the body's own headers. */
  notModifiedHeaders: string[];
  cookie: RememberCookie | undefined;
  scope: string | null;
  stamp: number;
  storedAt: number;
  bytes: number;
}

export interface StoreInput {
  status: number;
  etag: string;
  body: Buffer;
  /** The reply's headers as they are when the body is sent (security headers, caching, type, encoding). */
  headers: Record<string, unknown>;
  stamp: number;
  cookie?: RememberCookie | undefined;
}

/** Headers never kept: per request (cookies, date) or recomputed from the body. */
const NOT_KEPT = new Set(['set-cookie', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
/** Headers that describe a body, left off a 304. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'content-disposition']);

/** Fixed bookkeeping per entry counted against the limit besides its bytes. */
const ENTRY_OVERHEAD = 512;

export interface PublicCacheOptions {
  /** Upper bound of the bodies and headers kept; 0 keeps nothing. */
  maxBytes: number;
  /** How long an entry is served at most, for writes this process cannot see. */
  ttlMs: number;
  now?: () => number;
}

export class PublicCache {
  readonly #entries = new Map<string, CachedResponse>();
  #bytes = 0;
  readonly #options: Required<PublicCacheOptions>;

  constructor(options: PublicCacheOptions) {
    this.#options = { now: Date.now, ...options };
  }

  static key(url: string, gzip: boolean): string {
    return gzip ? `${url}\u0000gzip` : url;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** A fresh entry, marked most recently used; a stale one is dropped. */
  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#options.now() - entry.storedAt > this.#options.ttlMs || changedSince(entry.scope, entry.stamp)) {
      this.#delete(key, entry);
      return undefined;
    }
    // A Map iterates in insertion order: re-inserting keeps the least recently used first, where eviction starts.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Keeps a 200 response rendered from data as of `stamp` under `key` (the address and the reader's encoding). */
  put(key: string, url: string, input: StoreInput): void {
    if (input.status !== 200 || this.#options.maxBytes <= 0) return;
    // Rendered from data that has changed since: serving it once is fine, keeping it is not.
    const scope = scopeOf(url);
    if (changedSince(scope, input.stamp)) return;
    const headers: string[] = [];
    const notModifiedHeaders: string[] = [];
    let headerBytes = 0;
    for (const [name, value] of Object.entries(input.headers)) {
      const lower = name.toLowerCase();
      if (value === undefined || NOT_KEPT.has(lower)) continue;
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      headers.push(lower, text);
      if (!BODY_HEADERS.has(lower)) notModifiedHeaders.push(lower, text);
      headerBytes += lower.length + text.length;
    }
    headers.push('content-length', String(input.body.length));
    const bytes = input.body.length + headerBytes + key.length + ENTRY_OVERHEAD;
    if (bytes > this.#options.maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) this.#delete(key, previous);
    this.#entries.set(key, {
      status: input.status,
      etag: input.etag,
      body: input.body,
      headers,
      notModifiedHeaders,
      cookie: input.cookie,
      scope,
      stamp: input.stamp,
      storedAt: this.#options.now(),
      bytes,
    });
    this.#bytes += bytes;
    for (const [oldKey, oldEntry] of this.#entries) {
      if (this.#bytes <= this.#options.maxBytes) break;
      this.#delete(oldKey, oldEntry);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #delete(key: string, entry: CachedResponse): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

function hasCookie(header: string | undefined, cookie: RememberCookie): boolean {
  if (!header) return false;
  const at = header.indexOf(`${cookie.name}=`);
  if (at < 0 || (at > 0 && header[at - 1] !== ' ' && header[at - 1] !== ';')) return false;
  const end = header.indexOf(';', at);
  return header.slice(at + cookie.name.length + 1, end < 0 ? undefined : end).trim() === cookie.value;
}

/** Writes a kept response: the bytes, headers and ETag of the response kept, a 304 when If-None-Match names it. */
export function writeCached(request: IncomingMessage, response: ServerResponse, entry: CachedResponse): void {
  const setCookie = entry.cookie && !hasCookie(request.headers.cookie, entry.cookie) ? entry.cookie.header : undefined;
  if (matchesEtag(request.headers['if-none-match'], entry.etag)) {
    response.writeHead(304, setCookie ? [...entry.notModifiedHeaders, 'set-cookie', setCookie] : entry.notModifiedHeaders);
    response.end();
    return;
  }
  response.writeHead(entry.status, setCookie ? [...entry.headers, 'set-cookie', setCookie] : entry.headers);
  if (request.method === 'HEAD') response.end();
  else response.end(entry.body);
}

/** The kept response for a request, if there is one. */
export function keptFor(cache: PublicCache, request: IncomingMessage): CachedResponse | undefined {
  if (cache.size === 0 || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  return cache.get(PublicCache.key(request.url ?? '/', acceptsGzip(request.headers['accept-encoding'])));
}

/**
 * The first onRequest hook of the server: a GET or HEAD whose response is kept is answered here, before the other
 * hooks (session, security headers, cookies) run — the kept headers already hold what those hooks set. Requests
 * that reach Fastify without its HTTP server (`inject`, or a hit made stale between the two) pass here.
 */
export function publicCacheHook(cache: PublicCache): onRequestHookHandler {
  return (request, reply, done) => {
    const entry = keptFor(cache, request.raw);
    if (!entry) return done();
    // Hijacked: Fastify's reply pipeline has nothing left to do; onResponse hooks still run, so the request is logged.
    reply.hijack();
    writeCached(request.raw, reply.raw, entry);
  };
}

/**
 * The HTTP server's request listener in front of Fastify: a kept response is written before Fastify routes the
 * request or builds its request and reply objects, which were most of what a hit cost. `logged` writes the request
 * line Fastify's onResponse hook would have written.
 */
export function servingKept(
  cache: PublicCache,
  next: (request: IncomingMessage, response: ServerResponse) => void,
  logged: (request: IncomingMessage, status: number, started: bigint) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const entry = keptFor(cache, request);
    if (!entry) return next(request, response);
    const started = process.hrtime.bigint();
    writeCached(request, response, entry);
    logged(request, response.statusCode, started);
  };
}

const caches = new WeakMap<object, PublicCache>();

/** One cache per application context (tests run several servers in one process, each with its own). */
export function publicCacheOf(
  ctx: object & { config: { PUBLIC_CACHE_MB?: number | undefined; PUBLIC_CACHE_TTL_SECONDS?: number | undefined } },
): PublicCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new PublicCache({
      maxBytes: (ctx.config.PUBLIC_CACHE_MB ?? 64) * 1024 * 1024,
      ttlMs: (ctx.config.PUBLIC_CACHE_TTL_SECONDS ?? 60) * 1000,
    });
    caches.set(ctx, cache);
  }
  return cache;
}
