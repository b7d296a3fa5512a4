import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { AppContext } from '../../http.ts';
import { AppError } from '../../kernel/errors.ts';
import { acceptsGzip, changeStamp, matchesEtag, PublicCache, publicCacheOf, type RememberCookie } from '../../kernel/public-cache.ts';
import { LANGUAGES, type Lang } from './languages.ts';
import { href, Page } from './layout.tsx';
import { commonMessages } from './messages/common.ts';
import { fill } from './messages/define.ts';

export const LANGUAGE_COOKIE = 'delaktig_sprak';
const languageCookieOptions = { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 } as const;

/** What a public page's handler gets: the language from the URL and the request, never a session. */
export interface PageRequest {
  lang: Lang;
  /** Path and query as requested: what the language chooser and the share link reproduce. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  ctx: AppContext;
  publicUrl: string;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type PageHandler = (page: PageRequest) => Promise<ReactElement | PageResult>;

/** A page with a status other than 200 (a form refused, say) or a redirect. */
export interface PageResult {
  element?: ReactElement;
  status?: number;
  redirect?: string;
}

function isPageResult(value: ReactElement | PageResult): value is PageResult {
  return !('type' in value && 'props' in value);
}

/** Where a page rendered for the public is kept ready (decision 0031), and the data version it was read at. */
export interface KeepAs {
  cache: PublicCache;
  stamp: number;
  cookie?: RememberCookie | undefined;
}

/** Strong ETags per encoding: each encoding is its own representation, so a cache never answers one with the other. */
const etagOf = (body: string | Buffer, gzip: boolean) => `"${createHash('sha1').update(body).digest('base64url')}${gzip ? '-gz' : ''}"`;

/**
 * An HTML document with a strong ETag: a reader who has the page gets 304 and no body. With `keep`, a 200 is kept
 * ready in both encodings, so the next reader of the address is answered without rendering.
 */
export function sendHtml(request: FastifyRequest, reply: FastifyReply, element: ReactElement, status = 200, keep?: KeepAs) {
  const html = `<!doctype html>${renderToStaticMarkup(element)}`;
  const body = Buffer.from(html);
  // A plan page is ~80 KB of HTML and ~10 KB gzipped: on a phone's slow connection that is most of its load time.
  const compressible = body.length > 1024;
  const gzip = compressible && acceptsGzip(request.headers['accept-encoding']);
  const etag = etagOf(body, false);
  // Public pages are the same for everyone (they never read the session), so shared caches may keep them, but must ask.
  reply.header('cache-control', 'public, no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8');
  let sent = body;
  let sentTag = etag;
  if (gzip) {
    sent = gzipSync(body);
    sentTag = etagOf(body, true);
  }
  if (keep && status === 200) {
    const url = request.url;
    // The identity form is kept for readers without gzip, and for gzip readers too when the page is too small to pack.
    const headers = { ...reply.getHeaders(), etag };
    keep.cache.put(PublicCache.key(url, false), url, { status, etag, body, headers, stamp: keep.stamp, cookie: keep.cookie });
    if (!compressible)
      keep.cache.put(PublicCache.key(url, true), url, { status, etag, body, headers, stamp: keep.stamp, cookie: keep.cookie });
    else if (gzip)
      keep.cache.put(PublicCache.key(url, true), url, {
        status,
        etag: sentTag,
        body: sent,
        headers: { ...headers, etag: sentTag, 'content-encoding': 'gzip' },
        stamp: keep.stamp,
        cookie: keep.cookie,
      });
  }
  reply.header('etag', sentTag);
  if (status === 200 && matchesEtag(request.headers['if-none-match'], sentTag)) {
    reply.removeHeader('content-type');
    return reply.code(304).send();
  }
  reply.code(status);
  if (gzip) return reply.header('content-encoding', 'gzip').send(sent);
  return reply.send(body);
}

function firstValues(query: unknown): Record<string, string | string[] | undefined> {
  return (query && typeof query === 'object' ? query : {}) as Record<string, string | string[] | undefined>;
}

/**
 * Registers a public page under every language prefix (`/sv/…`, `/ar/…`). The handler never sees the caller:
 * public pages show what anyone may see, so a coordinator signed in sees the same page as a resident.
 * A missing thing is a 404 page in the reader's language, a malformed address a 400 page; never JSON.
 */
export function pageRoute(app: FastifyInstance, ctx: AppContext, path: string, handler: PageHandler, options: RouteShorthandOptions = {}) {
  const cache = publicCacheOf(ctx);
  const cookieOf = (lang: Lang): RememberCookie => ({
    name: LANGUAGE_COOKIE,
    value: lang,
    header: app.serializeCookie(LANGUAGE_COOKIE, lang, languageCookieOptions),
  });
  for (const lang of LANGUAGES) {
    app.get(`/${lang}${path}`, { ...options, schema: { hide: true, ...options.schema } }, async (request, reply) => {
      const page: PageRequest = {
        lang,
        path: request.url,
        params: (request.params ?? {}) as Record<string, string>,
        query: firstValues(request.query),
        ctx,
        publicUrl: ctx.config.PUBLIC_URL.replace(/\/$/, ''),
        request,
        reply,
      };
      // The choice is remembered for /portal, the address that has no language in it.
      if (request.cookies[LANGUAGE_COOKIE] !== lang) reply.setCookie(LANGUAGE_COOKIE, lang, languageCookieOptions);
      // Taken before the page reads anything: a write committed while it renders keeps it from being kept.
      const stamp = changeStamp();
      try {
        const result = await handler(page);
        if (!isPageResult(result)) return sendHtml(request, reply, result, 200, { cache, stamp, cookie: cookieOf(lang) });
        if (result.redirect) return reply.redirect(result.redirect, 303);
        return sendHtml(request, reply, result.element as ReactElement, result.status ?? 200);
      } catch (error) {
        if (error instanceof AppError && (error.code === 'not_found' || error.code === 'validation'))
          return sendHtml(request, reply, errorPage(page, error), error.code === 'not_found' ? 404 : 400);
        throw error;
      }
    });
  }
}

export function errorPage(page: Pick<PageRequest, 'lang' | 'path' | 'publicUrl'>, error?: AppError): ReactElement {
  const t = commonMessages(page.lang);
  if (error?.code === 'rate_limited')
    return (
      <Page lang={page.lang} path={page.path} title={t.rateLimitedTitle} publicUrl={page.publicUrl}>
        <h1>{t.rateLimitedTitle}</h1>
        <p>{t.rateLimitedText}</p>
        <p>
          <a href={href(page.lang)}>{t.backHome}</a>
        </p>
      </Page>
    );
  const missing = !error || error.code === 'not_found';
  const title = missing ? t.notFoundTitle : t.badRequestTitle;
  return (
    <Page lang={page.lang} path={page.path} title={title} publicUrl={page.publicUrl}>
      <h1>{title}</h1>
      {missing ? (
        <p>{t.notFoundText}</p>
      ) : (
        <p>
          {fill(t.badRequestText, { problem: '' })}{' '}
          <span lang="sv" dir="ltr">
            {error?.message}
          </span>
        </p>
      )}
      <p>
        <a href={href(page.lang)}>{t.backHome}</a>
      </p>
    </Page>
  );
}
