import { createHash } from 'node:crypto';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { attachmentHeader, CodeParams, type AppContext } from '../../http.ts';
import { activityColumns, activityRows, followUpColumns, indicatorColumns, planColumns, toCsv } from './csv.ts';
import { buildCatalog, toJsonLd, toRdfXml } from './dcat.ts';
import * as service from './service.ts';

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

/** Whether If-None-Match names this ETag (a list, weak forms and `*` included, as RFC 9110 reads it). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function send(request: FastifyRequest, reply: FastifyReply, body: string, type: string, fileName?: string) {
  const etag = etagOf(body);
  reply.header('etag', etag).header('cache-control', CACHE);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (fileName) reply.header('content-disposition', attachmentHeader(fileName));
  return reply.type(type).send(body);
}

const json = (request: FastifyRequest, reply: FastifyReply, value: unknown) => send(request, reply, JSON.stringify(value), JSON_TYPE);

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
      async (request, reply) =>
        json(
          request,
          reply,
          (await service.publicMunicipalities(db)).map((m) => ({ ...m, datasets: service.datasetUrls(base, m.code) })),
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
      async (request, reply) => {
        const municipality = await service.municipalityOf(db, request.params.code);
        const plans = (await service.publicPlans(db, municipality.code)).map((p) => ({ ...p, ...service.planUrls(base, p.id) }));
        return json(request, reply, { ...municipality, datasets: service.datasetUrls(base, municipality.code), plans });
      },
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
      async (request, reply) =>
        json(
          request,
          reply,
          (await service.publicPlans(db, request.params.code)).map((p) => ({ ...p, ...service.planUrls(base, p.id) })),
        ),
    );

    app.get<{ Params: { id: string } }>(
      '/api/open/plans/:id.json',
      { schema: openSchema('A public plan as plan-outline/1; a draft is 404', ok('plan-outline/1', 'application/json'), IdFileParams) },
      async (request, reply) => json(request, reply, await service.planOutline(db, request.params.id)),
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
      async (request, reply) => {
        const plan = await service.planRows(db, request.params.id);
        return send(request, reply, toCsv(planColumns, plan.rows), CSV_TYPE, `plan-${request.params.id}.csv`);
      },
    );

    const perMunicipality = <T>(name: string, summary: string, load: (code: string) => Promise<T>, csv: (value: T) => string) => {
      app.get<{ Params: { code: string } }>(
        `/api/open/municipalities/:code/${name}.json`,
        { schema: openSchema(`${summary} (JSON)`, ok(summary, 'application/json'), CodeParams) },
        async (request, reply) => json(request, reply, await load(request.params.code)),
      );
      app.get<{ Params: { code: string } }>(
        `/api/open/municipalities/:code/${name}.csv`,
        { schema: openSchema(`${summary} (CSV)`, ok(`${summary}: CSV, UTF-8 with BOM, comma separated`, 'text/csv'), CodeParams) },
        async (request, reply) =>
          send(request, reply, csv(await load(request.params.code)), CSV_TYPE, `${name}-${request.params.code}.csv`),
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
      async (request, reply) => send(request, reply, toRdfXml(await catalog()), 'application/rdf+xml; charset=utf-8'),
    );
    app.get(
      '/api/open/catalog.jsonld',
      { schema: openSchema('The same catalogue as JSON-LD', ok('JSON-LD', 'application/ld+json')) },
      async (request, reply) => send(request, reply, JSON.stringify(toJsonLd(await catalog())), 'application/ld+json; charset=utf-8'),
    );
  };
}
