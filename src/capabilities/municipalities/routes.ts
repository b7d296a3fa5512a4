import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { CodeParams, IdParams, errorResponses, requireActor, type AppContext } from '../../http.ts';
import { canEditOrganisation, canReadDocument, isMember } from '../accounts/policies.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';
import { createUnit, findUnit, listUnits, toUnitView, updateUnit } from '../organisation/organisation.ts';
import { createDocument, listDocuments } from '../plans/service.ts';
import { DocumentResponse, DocumentSummaryResponse } from '../plans/api-schemas.ts';
import { DocumentKind, UnitKind } from '../plans/outline.ts';

// Action plans, activity plans and earlier editions sit in the list beside the plan they belong to.
const DocumentListEntry = Type.Composite([
  DocumentSummaryResponse,
  Type.Object({
    parentDocumentId: Type.Union([Type.String(), Type.Null()]),
    edition: Type.Integer(),
    revisesId: Type.Union([Type.String(), Type.Null()]),
  }),
]);

const Municipality = Type.Object({ code: Type.String(), name: Type.String(), county: Type.String(), documentCount: Type.Integer() });
const Unit = Type.Object({
  id: Type.String(),
  municipalityCode: Type.String(),
  name: Type.String(),
  kind: UnitKind,
  abbreviation: Type.Union([Type.String(), Type.Null()]),
  headName: Type.Union([Type.String(), Type.Null()]),
  headEmail: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
const headFields = {
  headName: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
  headEmail: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 320 })])),
};

export function municipalityRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;

  async function visibleCounts(caller: Parameters<typeof canReadDocument>[0]) {
    const rows = await db
      .selectFrom('document')
      .select(['municipality_code', 'status', sql<number>`count(*)::int`.as('n')])
      .groupBy(['municipality_code', 'status'])
      .execute();
    const counts = new Map<string, number>();
    for (const r of rows) {
      if (canReadDocument(caller, { municipalityCode: r.municipality_code, status: r.status as 'adopted' }))
        counts.set(r.municipality_code, (counts.get(r.municipality_code) ?? 0) + r.n);
    }
    return counts;
  }

  return async (app) => {
    app.get(
      '/api/municipalities',
      { schema: { tags: ['municipalities'], summary: 'All 290 municipalities', response: { 200: Type.Array(Municipality) } } },
      async (request) => {
        const [rows, counts] = await Promise.all([
          db.selectFrom('municipality').selectAll().orderBy('name').execute(),
          visibleCounts(request.caller),
        ]);
        return rows.map((m) => ({ ...m, documentCount: counts.get(m.code) ?? 0 }));
      },
    );

    app.get(
      '/api/municipalities/:code',
      { schema: { tags: ['municipalities'], params: CodeParams, response: { 200: Municipality, ...errorResponses } } },
      async (request) => {
        const m = await db.selectFrom('municipality').selectAll().where('code', '=', request.params.code).executeTakeFirst();
        if (!m) throw notFound(`Kommunen ${request.params.code}`);
        const counts = await visibleCounts(request.caller);
        return { ...m, documentCount: counts.get(m.code) ?? 0 };
      },
    );

    app.get(
      '/api/municipalities/:code/documents',
      {
        schema: {
          tags: ['plans'],
          summary: "A municipality's steering documents the caller may see",
          params: CodeParams,
          response: { 200: Type.Array(DocumentListEntry), ...errorResponses },
        },
      },
      async (request) => listDocuments(db, request.caller, request.params.code),
    );

    app.post(
      '/api/municipalities/:code/plans',
      {
        schema: {
          tags: ['plans'],
          summary: 'Create a new draft steering document',
          params: CodeParams,
          body: Type.Object(
            {
              title: Type.String({ minLength: 1, maxLength: 400 }),
              kind: DocumentKind,
              levels: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }))),
            },
            { additionalProperties: false },
          ),
          response: { 201: DocumentResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        const document = await createDocument(db, requireActor(request), request.params.code, request.body);
        return reply.code(201).send(document);
      },
    );

    app.get(
      '/api/municipalities/:code/units',
      { schema: { tags: ['organisation'], params: CodeParams, response: { 200: Type.Array(Unit), ...errorResponses } } },
      async (request) => {
        const m = await db.selectFrom('municipality').select('code').where('code', '=', request.params.code).executeTakeFirst();
        if (!m) throw notFound(`Kommunen ${request.params.code}`);
        // The heads' names and addresses are for the municipality's own people, not the public.
        const member = isMember(request.caller, request.params.code);
        return (await listUnits(db, request.params.code))
          .map(toUnitView)
          .map((u) => (member ? u : { ...u, headName: null, headEmail: null }));
      },
    );

    app.post(
      '/api/municipalities/:code/units',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Add a unit or external partner',
          params: CodeParams,
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 200 }),
              kind: UnitKind,
              abbreviation: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
              ...headFields,
            },
            { additionalProperties: false },
          ),
          response: { 201: Unit, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!canEditOrganisation(actor, request.params.code)) throw forbidden();
        const m = await db.selectFrom('municipality').select('code').where('code', '=', request.params.code).executeTakeFirst();
        if (!m) throw notFound(`Kommunen ${request.params.code}`);
        const unit = await db.transaction().execute((trx) => createUnit(trx, actor, request.params.code, request.body));
        return reply.code(201).send(unit);
      },
    );

    app.patch(
      '/api/units/:id',
      {
        schema: {
          tags: ['organisation'],
          params: IdParams,
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              kind: Type.Optional(UnitKind),
              abbreviation: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
              ...headFields,
            },
            { additionalProperties: false },
          ),
          response: { 200: Unit, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const unit = await findUnit(db, request.params.id);
        if (!unit) throw notFound('Enheten');
        if (!canEditOrganisation(actor, unit.municipality_code)) throw forbidden();
        return db.transaction().execute((trx) => updateUnit(trx, actor, request.params.id, request.body));
      },
    );
  };
}
