import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, requireActor, type AppContext } from '../../http.ts';
import { forbidden } from '../../kernel/errors.ts';
import { canReadAudit } from '../accounts/policies.ts';
import { csvField, neutralise } from '../reports/csv.ts';
import { auditEntries, auditVocabulary, listAudit, type AuditFilter, type AuditRecord } from './audit.ts';

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-12-03'] });
const Filter = {
  municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', examples: ['1860'] })),
  entityType: Type.Optional(Type.String({ maxLength: 100 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  username: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

const toFilter = (q: { municipality?: string | undefined } & Omit<AuditFilter, 'municipalityCode'>): AuditFilter => ({
  municipalityCode: q.municipality,
  entityType: q.entityType,
  entityId: q.entityId,
  username: q.username,
  action: q.action,
  from: q.from,
  to: q.to,
  text: q.text,
});

const columns: [string, (r: AuditRecord) => string][] = [
  ['id', (r) => String(r.id)],
  ['tid', (r) => r.at],
  ['användare', (r) => r.username],
  ['adress', (r) => r.address ?? ''],
  ['kommun', (r) => r.municipalityCode ?? ''],
  ['händelse', (r) => r.action],
  ['typ', (r) => r.entityType],
  ['id för objektet', (r) => r.entityId],
  ['före', (r) => JSON.stringify(r.before)],
  ['efter', (r) => JSON.stringify(r.after)],
];

async function* csvLines(entries: AsyncIterable<AuditRecord>): AsyncGenerator<string> {
  // A byte order mark so Excel reads UTF-8; formula-like text neutralised, as in every CSV the product writes.
  yield `\uFEFF${columns.map(([h]) => csvField(h)).join(',')}\r\n`;
  for await (const r of entries) yield `${columns.map(([, get]) => csvField(neutralise(get(r)))).join(',')}\r\n`;
}

async function* jsonLines(entries: AsyncIterable<AuditRecord>): AsyncGenerator<string> {
  for await (const r of entries) yield `${JSON.stringify(r)}\n`;
}

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const guard = (request: Parameters<typeof requireActor>[0]) => {
    if (!canReadAudit(requireActor(request))) throw forbidden('Bara administratörer kan läsa ändringsloggen.');
  };
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first, searched by municipality, kind, object, user, action, dates and text (administrators)',
          querystring: Type.Object({
            ...Filter,
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
          }),
          response: errorResponses,
        },
      },
      async (request) => {
        guard(request);
        return listAudit(ctx.db, { ...toFilter(request.query), limit: request.query.limit, beforeId: request.query.before });
      },
    );
    app.get(
      '/api/audit/vocabulary',
      { schema: { tags: ['audit'], summary: 'The kinds of objects and actions in the log (administrators)', response: errorResponses } },
      async (request) => {
        guard(request);
        return auditVocabulary(ctx.db);
      },
    );
    app.get(
      '/api/audit/export',
      {
        schema: {
          tags: ['audit'],
          summary: 'Every entry matching the search, oldest first, as CSV or JSON lines (administrators)',
          querystring: Type.Object({ ...Filter, format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        guard(request);
        const entries = auditEntries(ctx.db, toFilter(request.query));
        const csv = request.query.format === 'csv';
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="andringslogg-${stamp}.${csv ? 'csv' : 'ndjson'}"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(csv ? csvLines(entries) : jsonLines(entries)));
      },
    );
  };
}
