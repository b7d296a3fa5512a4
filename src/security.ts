import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { errorCodes, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from './kernel/config.ts';
import { AppError, invalid } from './kernel/errors.ts';

/**
 * The headers every response carries and the limits on what can be tried by anyone without an account.
 * The web app is built into files (no inline script or style element), so the policy allows scripts and styles
 * from this origin only; a stored script can therefore never run, even if some text escaped its sanitising.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const minute = 60_000;

const inWords = (ms: number) => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 90 ? `${seconds} sekunder` : `${Math.ceil(seconds / 60)} minuter`;
};

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    // Personal links carry their token in the path: no page ever tells another site where it came from.
    referrerPolicy: { policy: 'no-referrer' },
  });
  // Swagger UI (/api/docs) sets a few style attributes from its script; its scripts stay under the strict policy.
  const docsPolicy = Object.entries({ ...contentSecurityPolicy, 'style-src': ["'self'", "'unsafe-inline'"] })
    .map(([directive, values]) => `${directive} ${values.join(' ')}`)
    .join(';');
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/docs')) reply.header('content-security-policy', docsPolicy);
  });
  app.addHook('onRequest', async (request) => refuseCrossSiteWrite(request));
  // JSON is the only body the API reads besides multipart uploads: a form or plain text is refused with 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // Query strings and path parameters reach SQL too: the same characters are refused there.
  app.addHook('preValidation', async (request) => {
    // Routes registered after the multipart plugin would read an upload as an empty body: a JSON route refuses it.
    if (request.routeOptions.schema?.body && request.isMultipart?.())
      throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type']));
    checkText(request.params, '/params');
    checkText(request.query, '/query');
  });
  // Only the routes that ask for a limit have one (see signInLimit and publicWriteLimit).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `För många försök på kort tid. Vänta ${inWords(context.ttl)} och försök igen.`),
  });
}

/** Route option: sign-in attempts per account and address, so guessing one password is slow and others are not locked out. */
export function signInLimit(config: Pick<Config, 'SIGN_IN_LIMIT_PER_MINUTE'>) {
  return {
    rateLimit: {
      max: config.SIGN_IN_LIMIT_PER_MINUTE,
      timeWindow: minute,
      // After the body is parsed: the key names the account tried.
      hook: 'preHandler' as const,
      keyGenerator: (request: FastifyRequest) => {
        const body = request.body as { username?: unknown } | undefined;
        const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 200) : '';
        return `sign-in:${request.ip}:${username}`;
      },
    },
  };
}

/** Route option: the forms anyone can send (registrations, applications), per address. */
export function publicWriteLimit(config: Pick<Config, 'PUBLIC_WRITE_LIMIT_PER_MINUTE'>) {
  return {
    rateLimit: { max: config.PUBLIC_WRITE_LIMIT_PER_MINUTE, timeWindow: minute, keyGenerator: (r: FastifyRequest) => `public:${r.ip}` },
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether Origin names this server: compared as URLs, so a default port written out or left off is the same. */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    const from = new URL(origin);
    return host !== undefined && from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/**
 * The session cookie is SameSite=Lax, which still lets another site on the same registrable domain (and old browsers)
 * send it. A write is refused when the browser says it comes from elsewhere: by Origin, or, when a browser leaves
 * Origin out, by Sec-Fetch-Site. Clients that send neither (scripts, the CLI, tests) are not browsers and carry no
 * ambient cookie of a victim, so they pass.
 */
export function refuseCrossSiteWrite(request: FastifyRequest): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  const foreign =
    origin !== undefined ? !isSameOrigin(origin, request.headers.host) : fetchSite === 'cross-site' || fetchSite === 'same-site';
  if (foreign) throw new AppError('forbidden', 'Anrop från en annan webbplats tas inte emot. Öppna Delaktig direkt och försök igen.');
}

/** Deeper than any body the API takes (a plan outline nests about a dozen levels); deeper is an attack on the parser. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });
// C0 control characters except tab, line feed and carriage return, DEL, and halves of surrogate pairs standing alone:
// PostgreSQL refuses NUL in text, and the rest only ever arrive to hide or break something.
const forbiddenCharacter =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function describeCharacter(text: string): string {
  const found = forbiddenCharacter.exec(text)?.[0] ?? '';
  return `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses, naming the field, any string (or key) holding a character no text in the product may hold. */
export function checkText(value: unknown, path: string, depth = 0): void {
  if (typeof value === 'string') {
    if (forbiddenCharacter.test(value))
      throw invalid(
        path || '/',
        `${path || '/'} innehåller ett otillåtet tecken (${describeCharacter(value)}); ta bort det och försök igen.`,
      );
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === '__proto__') throw invalid(at, `${at} är inte ett tillåtet fältnamn.`);
    checkText(key, at, depth + 1);
    checkText(item, at, depth + 1);
  }
}

function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** The API's JSON reader: UTF-8 only, bounded nesting, no characters the database or a reader would trip on. */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) throw invalid('/', 'Begäran saknar innehåll fast den säger att den är JSON; skicka ett JSON-objekt.');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw invalid('/', 'Begäran är inte giltig UTF-8; skicka texten kodad som UTF-8.');
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH)
    throw invalid('/', `Begäran är för djupt nästlad: högst ${MAX_JSON_DEPTH} nivåer av objekt och listor.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid('/', `Begäran är inte giltig JSON (${(error as Error).message}).`);
  }
  checkText(value, '');
  return value;
}

/**
 * Fastify's and the database's own refusals of a request, in Swedish with a stable code; null when the error is not
 * the request's fault (then it is a 500).
 */
export function describeRequestError(
  error: FastifyError & { code?: string },
  request: FastifyRequest,
  bodyLimit: number,
): { status: number; error: string; message: string } | null {
  const megabytes = Math.round((bodyLimit / 1024 / 1024) * 10) / 10;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, error: 'too_large', message: `Begäran är för stor: högst ${megabytes} MB.` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return {
        status: 415,
        error: 'unsupported_media_type',
        message: `Innehållstypen ${String(request.headers['content-type'] ?? '(ingen)').split(';')[0]} tas inte emot här: skicka JSON (application/json), eller en fil som multipart/form-data där en fil ska laddas upp.`,
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, error: 'bad_request', message: 'Begärans längd stämmer inte med Content-Length.' };
    case 'FST_ERR_CTP_INVALID_TYPE':
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return { status: 400, error: 'bad_request', message: 'Begärans Content-Type är ogiltig.' };
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, error: 'too_large', message: 'Uppladdningen har för många delar: skicka en fil i fältet "file".' };
    case 'FST_PROTO_VIOLATION':
      return { status: 400, error: 'validation', message: 'Uppladdningen har ett otillåtet fältnamn (__proto__).' };
    // PostgreSQL: text it cannot store (NUL, broken encoding) or a value nested too deep for it.
    case '22021':
    case '22P05':
    case '54001':
      return {
        status: 400,
        error: 'validation',
        message: 'Begäran innehåller tecken eller värden som inte kan sparas; ta bort dem och försök igen.',
      };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return {
      status: error.statusCode,
      error: 'bad_request',
      message: `Begäran kunde inte tas emot (${error.code ?? error.statusCode}: ${error.message}).`,
    };
  return null;
}
