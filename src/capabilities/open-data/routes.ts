import { createHash } from 'node:crypto';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { attachmentHeader, CodeParams, type AppContext } from '../../http.ts';
import { activityColumns, activityRows, followUpColumns, indicatorColumns, planColumns, toCsv } from './csv.ts';
import { buildCatalog, toJsonLd, toRdfXml } from './dcat.ts';
import * as service from './service.ts';
import { changeStamp, matchesEtag, PublicCache, publicCacheOf } from '../../kernel/public-cache.ts';

/**
 * The open data API (docs/open-data.md, decision 0029): read-only, without a session, at stable addresses under
 * /api/open/. Every answer may be read by any web page (CORS `*`, no credentials) and cached for five minutes; its
 * ETag is a hash of the body, so an unchanged dataset costs a 304 and no transfer. The rest of the API is never
 * opened to other origins: it is read with a session cookie.
 */

const CACHE = 'public, max-age=300';
const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

/** A strong validator from the bytes themselves: correct whatever changed, deletions included (decision 0029). */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export { matchesEtag };

/**
 * Sends a dataset with its ETag and keeps the 200 ready in memory (decision 0031), so the next read of the address
 * is answered without a query. `stamp` is the data version taken before the dataset was read.
 */
function send(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PublicCache,
  stamp: number,
  body: string,
  type: string,
  fileName?: string,
) {
  const etag = etagOf(body);
  reply.header('etag', etag).header('cache-control', CACHE);
  if (fileName) reply.header('content-disposition', attachmentHeader(fileName));
  reply.type(type);
  const bytes = Buffer.from(body);
  const url = request.url;
  const input = { status: 200, etag, body: bytes, headers: reply.getHeaders(), stamp };
  // Not packed: one form for every reader, kept under both keys the cache looks up.
  cache.put(PublicCache.key(url, false), url, input);
  cache.put(PublicCache.key(url, true), url, input);
  if (matchesEtag(request.headers['if-none-match'], etag)) {
    reply.removeHeader('content-disposition').removeHeader('content-type');
    return reply.code(304).send();
  }
  return reply.send(bytes);
}

const IdFileParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'The plan (document) id' }) });

function ok(description: string, mediaType: string, schema: TSchema = Type.String()) {
  return {
    200: { description, content: { [mediaType]: { schema } } },
    304: { description: 'Oförändrad sedan If-None-Match-taggen (ETag)', type: 'null' },
    400: Type.Ref('ErrorBody'),
    404: Type.Ref('ErrorBody'),
  };
}

const openSchema = (summary: string, response: Record<string, unknown>, params?: TSchema) => ({
  tags: ['open data'],
  summary,
  ...(params ? { params } : {}),
  response,
});

export function openDataRoutes(ctx: AppContext): FastifyPluginAsync {
  const { db } = ctx;
  const base = ctx.config.PUBLIC_URL.replace(/\/+$/, '');
  const cache = publicCacheOf(ctx);
  /** A GET handler that reads a dataset and sends it, with the data version taken before the first query. */
  const dataset =
    <P>(read: (params: P) => Promise<{ body: string; type: string; fileName?: string }>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const stamp = changeStamp();
      // The route's schema has checked the parameters.
      const { body, type, fileName } = await read(request.params as P);
      return send(request, reply, cache, stamp, body, type, fileName);
    };
  const json = (value: unknown) => ({ body: JSON.stringify(value), type: JSON_TYPE });
  return async (app: FastifyInstance) => {
    // Only this plugin's routes: the hook is encapsulated with them.
    app.addHook('onRequest', async (_request, reply) => {
      reply
        .header('access-control-allow-origin', '*')
        .header('access-control-expose-headers', 'ETag, Content-Disposition')
        .header('cross-origin-resource-policy', 'cross-origin');
    });

    app.options('/api/open/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
        .header('access-control-allow-headers', 'If-None-Match, Accept')
        .header('access-control-max-age', '86400')
        .code(204)
        .send(),
    );

    app.get(
      '/api/open/municipalities',
      {
        schema: openSchema(
          'Municipalities with published plans, with the addresses of their datasets',
          ok('The municipalities', 'application/json'),
        ),
      },
      dataset(async () =>
        json((await service.publicMunicipalities(db)).map((m) => ({ ...m, datasets: service.datasetUrls(base, m.code) }))),
      ),
    );

    app.get<{ Params: { code: string } }>(
      '/api/open/municipalities/:code',
      {
        schema: openSchema(
          'One municipality: its public plans and the addresses of its datasets',
          ok('The municipality', 'application/json'),
          CodeParams,
        ),
      },
      dataset(async (params: { code: string }) => {
        const municipality = await service.municipalityOf(db, params.code);
        const plans = (await service.publicPlans(db, municipality.code)).map((p) => ({ ...p, ...service.planUrls(base, p.id) }));
        return json({ ...municipality, datasets: service.datasetUrls(base, municipality.code), plans });
      }),
    );

    app.get<{ Params: { code: string } }>(
      '/api/open/municipalities/:code/plans',
      {
        schema: openSchema(
          'The public plans of a municipality (drafts never), each with its JSON and CSV address',
          ok('The plans', 'application/json'),
          CodeParams,
        ),
      },
      dataset(async (params: { code: string }) =>
        json((await service.publicPlans(db, params.code)).map((p) => ({ ...p, ...service.planUrls(base, p.id) }))),
      ),
    );

    app.get<{ Params: { id: string } }>(
      '/api/open/plans/:id.json',
      { schema: openSchema('A public plan as plan-outline/1; a draft is 404', ok('plan-outline/1', 'application/json'), IdFileParams) },
      dataset(async (params: { id: string }) => json(await service.planOutline(db, params.id))),
    );

    app.get<{ Params: { id: string } }>(
      '/api/open/plans/:id.csv',
      {
        schema: openSchema(
          'A public plan as CSV: one row per item (number, level, kind, text, responsible units, deadline, latest approved status)',
          ok('CSV, UTF-8 with BOM, comma separated', 'text/csv'),
          IdFileParams,
        ),
      },
      dataset(async (params: { id: string }) => {
        const plan = await service.planRows(db, params.id);
        return { body: toCsv(planColumns, plan.rows), type: CSV_TYPE, fileName: `plan-${params.id}.csv` };
      }),
    );

    const perMunicipality = <T>(name: string, summary: string, load: (code: string) => Promise<T>, csv: (value: T) => string) => {
      app.get<{ Params: { code: string } }>(
        `/api/open/municipalities/:code/${name}.json`,
        { schema: openSchema(`${summary} (JSON)`, ok(summary, 'application/json'), CodeParams) },
        dataset(async (params: { code: string }) => json(await load(params.code))),
      );
      app.get<{ Params: { code: string } }>(
        `/api/open/municipalities/:code/${name}.csv`,
        { schema: openSchema(`${summary} (CSV)`, ok(`${summary}: CSV, UTF-8 with BOM, comma separated`, 'text/csv'), CodeParams) },
        dataset(async (params: { code: string }) => ({
          body: csv(await load(params.code)),
          type: CSV_TYPE,
          fileName: `${name}-${params.code}.csv`,
        })),
      );
    };

    perMunicipality(
      'follow-up',
      'Approved follow-up reports of the public plans: cycle, period, status, progress, goal assessment (closed cycles)',
      (code) => service.followUpRows(db, code),
      (rows) => toCsv(followUpColumns, rows),
    );
    perMunicipality(
      'indicators',
      'Indicators and their values as the public sees them (small cohorts suppressed)',
      (code) => service.openIndicators(db, code),
      (indicators) => toCsv(indicatorColumns, service.indicatorValueRows(indicators)),
    );
    perMunicipality(
      'activities',
      'Published catalogue activities with their occurrences in the coming half year',
      async (code) => {
        await service.municipalityOf(db, code);
        return service.openActivities(db, code);
      },
      (result) => toCsv(activityColumns, activityRows(result.activities)),
    );

    const catalog = async () =>
      buildCatalog(
        await service.catalogInput(db, base, {
          publisherName: ctx.config.OPEN_DATA_PUBLISHER,
          contactEmail: ctx.config.OPEN_DATA_CONTACT ?? null,
        }),
      );
    app.get(
      '/api/open/catalog.rdf',
      {
        schema: openSchema(
          'The DCAT-AP-SE catalogue of the open datasets (RDF/XML), for Sveriges dataportal to harvest',
          ok('RDF/XML', 'application/rdf+xml'),
        ),
      },
      dataset(async () => ({ body: toRdfXml(await catalog()), type: 'application/rdf+xml; charset=utf-8' })),
    );
    app.get(
      '/api/open/catalog.jsonld',
      { schema: openSchema('The same catalogue as JSON-LD', ok('JSON-LD', 'application/ld+json')) },
      dataset(async () => ({ body: JSON.stringify(toJsonLd(await catalog())), type: 'application/ld+json; charset=utf-8' })),
    );
  };
}
