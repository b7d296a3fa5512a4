import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CodeParams, IdParams, errorResponses, noContent, requireActor, type AppContext } from '../../http.ts';
import { Nullable } from '../../kernel/schema.ts';
import { audiences, trainingKinds } from './rules.ts';
import * as service from './service.ts';

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2016-06-06'] });
const Kind = Type.Union(trainingKinds.map((k) => Type.Literal(k)));
const Audience = Type.Union(audiences.map((a) => Type.Literal(a)));
const trainingFields = {
  kind: Kind,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  date: IsoDate,
  organiser: Type.Optional(Type.String({ maxLength: 300 })),
  audience: Type.Optional(Audience),
  participants: Nullable(Type.Integer({ minimum: 0, maximum: 100000 })),
  units: Type.Optional(
    Type.Array(
      Type.Object(
        { unitId: Type.String({ format: 'uuid' }), trained: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })) },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  ),
  itemIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
};
const targetFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  kind: Kind,
  measure: Type.Union([Type.Literal('units'), Type.Literal('people')]),
  denominator: Nullable(Type.Integer({ minimum: 1, maximum: 1000000 })),
  byDate: Nullable(IsoDate),
};
const AsOf = Type.Object({ asOf: Type.Optional(IsoDate) });

export function trainingRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/municipalities/:code/trainings',
      {
        schema: {
          tags: ['trainings'],
          summary: 'Trainings and events: kind, date, organiser, audience, participants, units reached, plan items',
          params: CodeParams,
          querystring: Type.Object({ kind: Type.Optional(Kind), year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })) }),
          response: errorResponses,
        },
      },
      async (request) => service.listTrainings(db, request.caller, request.params.code, request.query),
    );
    app.post(
      '/api/municipalities/:code/trainings',
      {
        schema: {
          tags: ['trainings'],
          summary: 'Register a training or event',
          params: CodeParams,
          body: Type.Object(trainingFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createTraining(db, requireActor(request), request.params.code, request.body)),
    );
    app.patch(
      '/api/trainings/:id',
      {
        schema: {
          tags: ['trainings'],
          params: IdParams,
          body: Type.Object(
            { version: Type.Integer({ minimum: 1 }), ...Type.Partial(Type.Object(trainingFields)).properties },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updateTraining(db, requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/trainings/:id',
      {
        schema: {
          tags: ['trainings'],
          summary: 'Remove a training or event (the version read last, as for an edit)',
          params: IdParams,
          querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        await service.deleteTraining(db, requireActor(request), request.params.id, request.query.version);
        return noContent(reply);
      },
    );
    app.get(
      '/api/municipalities/:code/coverage-targets',
      {
        schema: {
          tags: ['trainings'],
          summary: 'Coverage targets ("alla chefer", "alla enheter") with the share reached, as of their date or asOf',
          params: CodeParams,
          querystring: AsOf,
          response: errorResponses,
        },
      },
      async (request) => service.listTargets(db, request.caller, request.params.code, request.query.asOf),
    );
    app.post(
      '/api/municipalities/:code/coverage-targets',
      {
        schema: {
          tags: ['trainings'],
          params: CodeParams,
          body: Type.Object(targetFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.saveTarget(db, requireActor(request), request.params.code, null, request.body)),
    );
    app.put(
      '/api/municipalities/:code/coverage-targets/:id',
      {
        schema: {
          tags: ['trainings'],
          params: Type.Object({ code: CodeParams.properties.code, id: Type.String({ format: 'uuid' }) }),
          body: Type.Object({ version: Type.Integer({ minimum: 1 }), ...targetFields }, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => service.saveTarget(db, requireActor(request), request.params.code, request.params.id, request.body),
    );
    app.get(
      '/api/municipalities/:code/supervisors',
      {
        schema: {
          tags: ['trainings'],
          summary: "The municipality's units and whether each has a trained supervisor as of a date",
          params: CodeParams,
          querystring: AsOf,
          response: errorResponses,
        },
      },
      async (request) => service.supervisors(db, request.params.code, request.query.asOf),
    );
    app.get(
      '/api/items/:id/programmes',
      {
        schema: {
          tags: ['trainings', 'internships'],
          summary:
            'What served a plan item, within a period if given: trainings, offers and placements, catalogue activities, fund projects, matching',
          params: IdParams,
          querystring: Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }),
          response: errorResponses,
        },
      },
      async (request) => service.programmesOfItem(db, request.caller, request.params.id, request.query.from, request.query.to),
    );
    app.get(
      '/api/plans/:id/programmes',
      {
        schema: {
          tags: ['trainings', 'internships'],
          summary: 'For every goal and activity of a plan that something served: the same as /api/items/{id}/programmes',
          params: IdParams,
          querystring: Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }),
          response: errorResponses,
        },
      },
      async (request) => service.programmesOfPlan(db, request.caller, request.params.id, request.query.from, request.query.to),
    );
  };
}
