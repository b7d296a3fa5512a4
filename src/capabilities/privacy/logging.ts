import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * Logs without personal data (decision 0025): one JSON line per request with method, path, status, time and
 * request id — never the query string, headers (cookies, authorization) or bodies; secrets and addresses in paths
 * masked; errors with their type, message and stack but none of the values a database error carries
 * (`detail`, parameters, the query). Every message string is scrubbed as a last net: workers write messages
 * built from error texts (an SMTP refusal names its recipient).
 */

const MASK = '…';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Paths whose next segment is a bearer secret: the personal links (API and web app). */
const SECRET_AFTER = [['api', 'links'], ['svara']];

/** A path segment that must not be written down: a secret-looking token, an e-mail address, a personal identity number. */
function isSensitiveSegment(segment: string): boolean {
  if (UUID.test(segment)) return false;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Malformed escapes are logged as they came, after the checks below.
  }
  return /@/.test(decoded) || /[A-Za-z0-9_-]{32,}/.test(decoded) || /(^|\D)(19|20)?\d{6}[-+]?\d{4}(\D|$)/.test(decoded);
}

/**
 * Masked paths of recent addresses: every request is logged, and public reads repeat the same few addresses, whose
 * segment checks (a decoding and three patterns each) were a sizeable part of answering a kept page (decision 0031).
 * Bounded: emptied when full, so a crawl of many addresses costs what it did before.
 */
const maskedPaths = new Map<string, string>();
const MASKED_PATHS_KEPT = 2000;

/** The path without its query string or fragment, with secret segments masked. */
export function maskPath(url: string): string {
  const known = maskedPaths.get(url);
  if (known !== undefined) return known;
  const masked = maskUncached(url);
  if (maskedPaths.size >= MASKED_PATHS_KEPT) maskedPaths.clear();
  maskedPaths.set(url, masked);
  return masked;
}

function maskUncached(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/');
  // '/api/links/<token>/…' splits into ['', 'api', 'links', '<token>', …]: the secret is right after the prefix.
  const secretAt = SECRET_AFTER.filter((prefix) => prefix.every((p, k) => segments[k + 1] === p)).map((prefix) => prefix.length + 1);
  return segments.map((segment, i) => (segment !== '' && (secretAt.includes(i) || isSensitiveSegment(segment)) ? MASK : segment)).join('/');
}

const EMAIL = /[^\s@<>"'(),;:[\]]+@[^\s@<>"'(),;:[\]]+\.[A-Za-z]{2,}/g;
const LONG_TOKEN = /[A-Za-z0-9_-]{32,}(\.[0-9]+\.[A-Za-z0-9_-]{43})?/g;
const PERSONAL_NUMBER = /\b(19|20)?\d{6}[-+]?\d{4}\b/g;
const QUOTED = /"[^"\n]{1,500}"|'[^'\n]{1,500}'/g;

/** Masks e-mail addresses, long tokens, personal identity numbers and quoted values (PostgreSQL quotes the value it refused). */
export function scrubText(text: string): string {
  return text
    .replace(EMAIL, '[e-post]')
    .replace(QUOTED, (q) => `${q[0]}${MASK}${q[0]}`)
    .replace(LONG_TOKEN, (t) => (UUID.test(t) ? t : MASK))
    .replace(PERSONAL_NUMBER, MASK);
}

// A type, not an interface: pino's serializer type wants an index signature.
export type SafeError = {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  statusCode?: number;
  /** Names from the schema, never values: which constraint, table or column a database error concerns. */
  constraint?: string;
  table?: string;
  column?: string;
  cause?: SafeError;
};

/** An error as it may be logged: chosen fields only, texts scrubbed. */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubText(String(error)) };
  const e = error as Error & Record<string, unknown>;
  const out: SafeError = { type: e.constructor?.name || e.name || 'Error', message: scrubText(e.message) };
  if (typeof e.stack === 'string') out.stack = scrubText(e.stack);
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  for (const key of ['constraint', 'table', 'column'] as const) if (typeof e[key] === 'string') out[key] = e[key];
  if (e.cause !== undefined && depth < 2) out.cause = safeError(e.cause, depth + 1);
  return out;
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export interface LogSettings {
  level?: string | undefined;
  /** Where the JSON lines go; standard output when absent (tests pass an in-memory stream). */
  stream?: { write(line: string): void } | undefined;
}

/** Fastify's (pino's) options: only the fields above leave the process. */
export function loggerOptions(settings: LogSettings): LoggerOptions {
  return {
    level: settings.level ?? 'info',
    ...(settings.stream ? { stream: settings.stream } : {}),
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, path: maskPath(req.url ?? ''), id: req.id }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => ({ stack: '', ...safeError(err) }),
    },
    hooks: {
      logMethod(args, method) {
        // The request line (registerRequestLog): fields already masked and a fixed message, nothing to scrub.
        if (args.length === 2 && args[1] === REQUEST_MESSAGE && typeof args[0] === 'object') {
          method.apply(this, args as Parameters<typeof method>);
          return;
        }
        const safe = (args as unknown[]).map((arg) => {
          if (typeof arg === 'string') return scrubText(arg);
          // pino would serialise an error given alone with every field it has; route it through `err` instead.
          if (arg instanceof Error) return { err: arg };
          return arg;
        });
        // Without a message pino takes the error's own, unscrubbed: give it the scrubbed one.
        const first = safe[0] as { err?: unknown } | undefined;
        if (first && typeof first === 'object' && first.err instanceof Error && typeof safe[1] !== 'string')
          safe.splice(1, 0, scrubText(first.err.message));
        method.apply(this, safe as Parameters<typeof method>);
      },
    },
  } as LoggerOptions;
}

const REQUEST_MESSAGE = 'request';

/** The same line for a request answered before Fastify saw it (a kept public response, decision 0031). */
export function logRequestLine(
  log: { info(fields: object, message: string): void },
  request: { method?: string | undefined; url?: string | undefined },
  status: number,
  ms: number,
  id: string,
): void {
  log.info({ reqId: id, method: request.method, path: maskPath(request.url ?? ''), status, ms: Math.round(ms) }, REQUEST_MESSAGE);
}

/** One line per answered request, in place of Fastify's own request logging (which writes the full URL). */
export function registerRequestLog(app: FastifyInstance): void {
  // A callback hook, not an async one: no promise per request for a line that is written synchronously.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, path: maskPath(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      REQUEST_MESSAGE,
    );
    done();
  });
}
