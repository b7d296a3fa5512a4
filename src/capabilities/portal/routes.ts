import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../http.ts';
import { registerPortalAssets } from './assets.ts';
import { chooseLanguage, isLang, LANGUAGES } from './languages.ts';
import { registerHomePages } from './pages/home.tsx';
import { registerOpenDataPages } from './pages/open-data.tsx';
import { registerCataloguePages } from './pages/catalogue.tsx';
import { registerFundPages } from './pages/fund.tsx';
import { registerPlanPages } from './pages/plan.tsx';
import { registerIndicatorPages } from './pages/indicators.tsx';
import { registerNewcomerPages } from './pages/newcomers.tsx';
import { registerComparePages } from './pages/compare.tsx';
import { registerAccessibilityPages } from './pages/accessibility.tsx';
import { followPages } from '../follows/routes.tsx';
import { errorPage, LANGUAGE_COOKIE, sendHtml } from './render.tsx';

/**
 * The public portal: server-rendered pages under a language prefix (`/sv/`, `/ar/`, …), readable without an account
 * and without script. Each page module registers its own routes; see docs/public-portal.md.
 */
export function portalRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    registerPortalAssets(app);
    // The address to give out when the reader's language is not known: the one they chose before, or their browser's.
    app.get('/portal', { schema: { hide: true } }, async (request, reply) => {
      const lang = chooseLanguage(request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);
      return reply.header('vary', 'accept-language, cookie').redirect(`/${lang}`, 302);
    });
    // Search engines may index the public pages and the open data, not the staff app or the rest of the API.
    app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(
          [
            'User-agent: *', // `/sv$` and `/sv/`, not `/sv`: that prefix would also allow the staff app's `/svara/…` personal links.
            ...LANGUAGES.flatMap((lang) => [`Allow: /${lang}$`, `Allow: /${lang}/`]),
            'Allow: /portal',
            'Allow: /api/open/',
            'Disallow: /',
            '',
          ].join('\n'),
        ),
    );
    registerHomePages(app, ctx);
    registerOpenDataPages(app, ctx);
    registerCataloguePages(app, ctx);
    registerFundPages(app, ctx);
    registerPlanPages(app, ctx);
    registerIndicatorPages(app, ctx);
    registerNewcomerPages(app, ctx);
    registerComparePages(app, ctx);
    registerAccessibilityPages(app, ctx);
    // A plugin of its own: its form parser must not reach the API (src/security.ts).
    await app.register(followPages(ctx));
  };
}

/** For the server's not-found handler: an unknown address under a language prefix gets the portal's own 404 page. */
export function portalNotFound(
  ctx: AppContext,
  url: string,
): ((request: Parameters<typeof sendHtml>[0], reply: Parameters<typeof sendHtml>[1]) => unknown) | null {
  const lang = /^\/([a-z]{2,3})(?:[/?]|$)/.exec(url)?.[1];
  if (!isLang(lang)) return null;
  return (request, reply) =>
    sendHtml(request, reply, errorPage({ lang, path: url, publicUrl: ctx.config.PUBLIC_URL.replace(/\/$/, '') }), 404);
}
