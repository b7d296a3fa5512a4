import { Nullable } from '../../kernel/schema.ts';
import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CodeParams, IdParams, errorResponses, noContent, readUpload, requireActor, type AppContext } from '../../http.ts';
import { checkCohort } from './cohorts.ts';
import * as service from './service.ts';
import { importFile, syncIndicator, type SourceClients } from './sync.ts';

const Period = Type.String({
  pattern: '^[0-9]{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$',
  description: 'A year, half-year, quarter or month',
  examples: ['2016', '2016H1', '2016Q2', '2016-03'],
});
const Direction = Type.Union([Type.Literal('higher'), Type.Literal('lower'), Type.Literal('neutral')]);
const SourceKind = Type.Union([Type.Literal('manual'), Type.Literal('kolada'), Type.Literal('scb'), Type.Literal('computed')]);
const Status = Type.Union((['achieved', 'substantial', 'moderate', 'limited', 'deterioration'] as const).map((s) => Type.Literal(s)));
const indicatorFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  unit: Type.String({ minLength: 1, maxLength: 40 }),
  definition: Type.Optional(Type.String({ maxLength: 4000 })),
  direction: Direction,
  sourceKind: SourceKind,
  sourceRef: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
  compareWith: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 10 })),
};
const linkFields = {
  baselineValue: Type.Optional(Nullable(Type.Number())),
  baselinePeriod: Type.Optional(Nullable(Period)),
  targetValue: Type.Optional(Nullable(Type.Number())),
  targetMin: Type.Optional(Nullable(Type.Number())),
  targetMax: Type.Optional(Nullable(Type.Number())),
  targetPeriod: Type.Optional(Nullable(Period)),
  statusOverride: Type.Optional(Nullable(Status)),
  statusReason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export function indicatorRoutes(ctx: AppContext, clients: () => SourceClients): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/municipalities/:code/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: "A municipality's indicators with their latest value",
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.listIndicators(db, request.caller, request.params.code),
    );
    app.post(
      '/api/municipalities/:code/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Define an indicator (entered by hand, a Kolada key figure, an SCB table, or computed)',
          params: CodeParams,
          body: Type.Object(indicatorFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createIndicator(db, requireActor(request), request.params.code, request.body)),
    );
    app.get(
      '/api/indicators/:id',
      {
        schema: {
          tags: ['indicators'],
          summary: 'An indicator: values with history, comparison, links with status',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => service.getIndicator(db, request.caller, request.params.id),
    );
    app.patch(
      '/api/indicators/:id',
      {
        schema: {
          tags: ['indicators'],
          params: IdParams,
          body: Type.Object(
            { version: Type.Integer({ minimum: 1 }), ...Type.Partial(Type.Object(indicatorFields)).properties },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updateIndicator(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/indicators/:id/values',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Enter values by hand; a new value for a period corrects the old, which is kept in the history',
          params: IdParams,
          body: Type.Object(
            {
              values: Type.Array(
                Type.Object(
                  {
                    period: Period,
                    value: Nullable(Type.Number()),
                    municipalityCode: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
                    sourceNote: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 1000 },
              ),
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.enterValues(db, requireActor(request), request.params.id, request.body.values),
    );
    app.post(
      '/api/indicators/:id/import',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Import values from a tidy CSV (Year, [disaggregations], Value) or an SCB PX file (multipart, field "file")',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return importFile(db, actor, request.params.id, await readUpload(request, 5 * 1024 * 1024));
      },
    );
    app.post(
      '/api/indicators/:id/sync',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Fetch the official figures now (Kolada or SCB)',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => syncIndicator(db, requireActor(request), request.params.id, clients()),
    );
    app.post(
      '/api/indicators/:id/links',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Link the indicator to a plan item with a baseline and a target',
          params: IdParams,
          body: Type.Object({ itemId: Type.String({ format: 'uuid' }), ...linkFields }, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.linkIndicator(db, requireActor(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/indicator-links/:id',
      {
        schema: {
          tags: ['indicators'],
          summary: "Change a link's baseline, target, or set its status by hand with a reason",
          params: IdParams,
          body: Type.Object({ version: Type.Integer({ minimum: 1 }), ...linkFields }, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => service.updateLink(db, requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/indicator-links/:id',
      {
        schema: {
          tags: ['indicators'],
          params: IdParams,
          querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        await service.unlink(db, requireActor(request), request.params.id, request.query.version);
        return noContent(reply);
      },
    );
    app.get(
      '/api/plans/:id/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: "The indicators of a plan's items, with latest value and status",
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => service.indicatorsOfPlan(db, request.caller, request.params.id),
    );
    app.get(
      '/api/municipalities/:code/cohorts',
      {
        schema: {
          tags: ['indicators'],
          summary: "Refugee cohorts in aggregate (the municipality's own users)",
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.listCohorts(db, request.caller, request.params.code),
    );
    app.put(
      '/api/municipalities/:code/cohorts/:year',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Record a cohort: how many, and how many self-sufficient after 12 and 24 months and resident after 12',
          params: Type.Object({ code: CodeParams.properties.code, year: Type.Integer({ minimum: 1990, maximum: 2100 }) }),
          body: Type.Object(
            {
              size: Type.Integer({ minimum: 0 }),
              selfSufficient12: Nullable(Type.Integer({ minimum: 0 })),
              selfSufficient24: Nullable(Type.Integer({ minimum: 0 })),
              resident12: Nullable(Type.Integer({ minimum: 0 })),
              note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
              version: Nullable(Type.Integer({ minimum: 1 })),
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.saveCohort(db, requireActor(request), request.params.code, request.params.year, request.body, checkCohort),
    );
  };
}
