import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http.ts';
import { AppError } from '../../kernel/errors.ts';
import { checkText, publicWriteLimit } from '../../security.ts';
import { Local } from '../portal/components.tsx';
import { isLang, LANGUAGES, type Lang } from '../portal/languages.ts';
import { href, Page } from '../portal/layout.tsx';
import { commonMessages } from '../portal/messages/common.ts';
import { fill } from '../portal/messages/define.ts';
import { followMessages } from '../portal/messages/follow.ts';
import { errorPage, pageRoute, sendHtml, type PageRequest } from '../portal/render.tsx';
import { FollowForm, SameOriginReferrer } from './form.tsx';
import { emailProblem, safeReturnPath } from './rules.ts';
import { confirmFollow, followOfToken, publicTarget, requestFollow, unsubscribe, type FollowTarget } from './service.ts';

/**
 * The follow pages under every language prefix: the form (also on the plan and item pages), "check your inbox",
 * confirming and unsubscribing. Forms are posted as application/x-www-form-urlencoded, which the API refuses: the
 * parser is registered in this plugin's own scope only. Confirming and unsubscribing change nothing on GET (mail
 * scanners open links); they show a button that POSTs. Every page here is `no-store`: some carry a token.
 */
const FORM_LIMIT = 16 * 1024;

interface FormBody {
  email?: string;
  kind?: string;
  target?: string;
  returnPath?: string;
}

function sendPage(reply: FastifyReply, element: ReactElement, status = 200) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToStaticMarkup(element)}`);
}

const publicUrlOf = (ctx: AppContext) => ctx.config.PUBLIC_URL.replace(/\/$/, '');

interface FramePage {
  lang: Lang;
  path: string;
  publicUrl: string;
  title: string;
  target: FollowTarget | null;
  children: ReactElement | ReactElement[];
}

/** The frame of every follow page: the municipality's navigation and a way back to what is followed. */
function FollowPage({ lang, path, publicUrl, title, target, children }: FramePage) {
  const common = commonMessages(lang);
  const municipality = target ? { code: target.municipalityCode, name: target.municipalityName } : undefined;
  const crumbs = [{ href: href(lang), label: common.home }];
  if (municipality) crumbs.push({ href: href(lang, `/kommun/${municipality.code}`), label: municipality.name });
  return (
    <Page
      lang={lang}
      path={path}
      title={title}
      municipality={municipality}
      section={municipality ? 'plans' : undefined}
      publicUrl={publicUrl}
      breadcrumbs={crumbs}
    >
      <h1>{title}</h1>
      {children}
    </Page>
  );
}

function TargetLine({ lang, target }: { lang: Lang; target: FollowTarget }) {
  const t = followMessages(lang);
  return (
    <p className="follow-target">
      {t.following}{' '}
      <a href={href(lang, target.path)}>
        <Local value={{ text: target.name, lang: 'sv' }} pageLang={lang} />
      </a>
    </p>
  );
}

function formPage(
  page: { lang: Lang; path: string; publicUrl: string },
  target: FollowTarget,
  returnPath: string,
  email = '',
  error?: string,
): ReactElement {
  const t = followMessages(page.lang);
  const title = target.kind === 'document' ? t.formTitle_document : t.formTitle_item;
  return (
    <FollowPage {...page} title={error ? fill(t.errorTitle, { title }) : title} target={target}>
      {error ? (
        <div className="error-summary">
          <h2 id="fel-rubrik">{t.errorSummary}</h2>
          <ul>
            <li>
              <a href="#folj-epost">{error}</a>
            </li>
          </ul>
        </div>
      ) : (
        <></>
      )}
      <TargetLine lang={page.lang} target={target} />
      <p>{t.formIntro}</p>
      <FollowForm
        lang={page.lang}
        kind={target.kind}
        targetId={target.id}
        returnPath={returnPath}
        email={email}
        error={error}
        heading={false}
      />
    </FollowPage>
  );
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A plugin of its own: the form parser it registers applies to these routes only. */
export function followPages(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    // A reader who sends the form too often gets a page in their language, not the API's JSON; anything else goes on
    // to the server's own error handler.
    app.setErrorHandler((error, request, reply) => {
      const lang = /^\/([a-z]{2,3})\//.exec(request.url)?.[1];
      if (!(error instanceof AppError && error.code === 'rate_limited') || !isLang(lang)) throw error;
      return sendHtml(request, reply, errorPage({ lang, path: request.url, publicUrl: publicUrlOf(ctx) }, error), 429);
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
      try {
        const values = Object.create(null) as Record<string, string>;
        // The first of repeated fields counts; nothing else is read from the form.
        for (const [key, value] of new URLSearchParams(body as string)) if (!(key in values)) values[key] = value;
        checkText(values, '');
        done(null, values);
      } catch (error) {
        done(error as Error, undefined);
      }
    });

    // The form on a page of its own: where an error brings the reader back, and a link for anyone who wants one.
    pageRoute(app, ctx, '/folj', async ({ lang, path, query, publicUrl, ctx: c }: PageRequest) => {
      const target = await publicTarget(c.db, single(query.kind) ?? '', single(query.target) ?? '');
      return formPage({ lang, path, publicUrl }, target, safeReturnPath(single(query.returnPath), target.municipalityCode, target.path));
    });

    for (const lang of LANGUAGES) {
      const pageOf = (request: FastifyRequest) => ({ lang, path: request.url, publicUrl: publicUrlOf(ctx) });
      const notFoundPage = (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, errorPage(pageOf(request)), 404);

      app.post<{ Body: FormBody }>(
        `/${lang}/folj`,
        { config: publicWriteLimit(ctx.config), schema: { hide: true } },
        async (request, reply) => {
          const t = followMessages(lang);
          const body = request.body ?? {};
          const email = typeof body.email === 'string' ? body.email : '';
          const page = pageOf(request);
          let target: FollowTarget;
          try {
            target = await publicTarget(ctx.db, body.kind ?? '', body.target ?? '');
          } catch (error) {
            if (error instanceof AppError && error.code === 'not_found') return notFoundPage(request, reply);
            throw error;
          }
          const returnPath = safeReturnPath(body.returnPath, target.municipalityCode, target.path);
          // The form page's address, so the language chooser on an error page leads to the same form.
          const formPath = `/${lang}/folj?kind=${target.kind}&target=${target.id}`;
          const problem = emailProblem(email);
          if (problem)
            return sendPage(
              reply,
              formPage({ ...page, path: formPath }, target, returnPath, email, problem === 'empty' ? t.errorEmpty : t.errorInvalid),
              400,
            );
          try {
            await requestFollow(ctx.db, ctx.config, { lang, kind: target.kind, targetId: target.id, email, now: new Date() });
          } catch (error) {
            if (error instanceof AppError && error.code === 'not_found') return notFoundPage(request, reply);
            throw error;
          }
          // The same answer whether the address was new, waiting or already following.
          return sendPage(
            reply,
            <FollowPage {...page} path={formPath} title={t.checkInboxTitle} target={target}>
              <TargetLine lang={lang} target={target} />
              <p>{t.checkInboxText}</p>
              <p>
                <a href={href(lang, returnPath)}>{t.back}</a>
              </p>
            </FollowPage>,
          );
        },
      );

      const linkInvalid = (request: FastifyRequest, reply: FastifyReply) => {
        const t = followMessages(lang);
        return sendPage(
          reply,
          <FollowPage {...pageOf(request)} title={t.linkInvalidTitle} target={null}>
            <p>{t.linkInvalidText}</p>
            <p>
              <a href={href(lang)}>{commonMessages(lang).backHome}</a>
            </p>
          </FollowPage>,
          404,
        );
      };

      const buttonPage = (
        request: FastifyRequest,
        reply: FastifyReply,
        target: FollowTarget,
        title: string,
        text: string,
        button: string,
      ) =>
        sendPage(
          reply,
          <FollowPage {...pageOf(request)} title={title} target={target}>
            <TargetLine lang={lang} target={target} />
            <p>{text}</p>
            <form method="post" action={request.url.split('?')[0]} className="follow-button">
              <SameOriginReferrer />
              <button type="submit">{button}</button>
            </form>
          </FollowPage>,
        );

      app.get<{ Params: { token: string } }>(`/${lang}/folj/bekrafta/:token`, { schema: { hide: true } }, async (request, reply) => {
        const t = followMessages(lang);
        const found = await followOfToken(ctx.db, 'confirm', request.params.token, new Date());
        if (!found) return linkInvalid(request, reply);
        return buttonPage(request, reply, found.target, t.confirmTitle, t.confirmText, t.confirmButton);
      });

      app.post<{ Params: { token: string } }>(
        `/${lang}/folj/bekrafta/:token`,
        { config: publicWriteLimit(ctx.config), schema: { hide: true } },
        async (request, reply) => {
          const t = followMessages(lang);
          const target = await confirmFollow(ctx.db, request.params.token, new Date());
          if (!target) return linkInvalid(request, reply);
          return sendPage(
            reply,
            <FollowPage {...pageOf(request)} title={t.confirmedTitle} target={target}>
              <TargetLine lang={lang} target={target} />
              <p>{t.confirmedText}</p>
            </FollowPage>,
          );
        },
      );

      // Unsubscribing is idempotent: a link already used (or a one-click POST repeated) says "you no longer follow".
      const unsubscribed = (request: FastifyRequest, reply: FastifyReply, target: FollowTarget | null) => {
        const t = followMessages(lang);
        return sendPage(
          reply,
          <FollowPage {...pageOf(request)} title={t.unsubscribedTitle} target={target}>
            {target ? <TargetLine lang={lang} target={target} /> : <></>}
            <p>{t.unsubscribedText}</p>
          </FollowPage>,
        );
      };

      app.get<{ Params: { token: string } }>(`/${lang}/folj/avsluta/:token`, { schema: { hide: true } }, async (request, reply) => {
        const t = followMessages(lang);
        const found = await followOfToken(ctx.db, 'unsubscribe', request.params.token, new Date());
        if (!found) return unsubscribed(request, reply, null);
        return buttonPage(request, reply, found.target, t.unsubscribeTitle, t.unsubscribeText, t.unsubscribeButton);
      });

      // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" (form-encoded or multipart); the body is not needed.
      app.post<{ Params: { token: string } }>(
        `/${lang}/folj/avsluta/:token`,
        { config: publicWriteLimit(ctx.config), schema: { hide: true } },
        async (request, reply) => unsubscribed(request, reply, await unsubscribe(ctx.db, request.params.token, new Date())),
      );
    }
  };
}
