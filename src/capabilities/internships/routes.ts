import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CodeParams, IdParams, errorResponses, noContent, requireActor, type AppContext } from '../../http.ts';
import { Nullable } from '../../kernel/schema.ts';
import * as service from './service.ts';

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2016-03-01'] });
const Status = Type.Union([Type.Literal('open'), Type.Literal('filled'), Type.Literal('closed')]);
const Outcome = Type.Union(
  (['ongoing', 'completed', 'employment', 'studies', 'ended_early'] as const).map((o) => Type.Literal(o)),
  { description: 'How the placement went; nothing about the person' },
);
const offerFields = {
  unitId: Nullable(Type.String({ format: 'uuid' })),
  employer: Nullable(Type.String({ maxLength: 200 })),
  tasks: Type.String({ minLength: 1, maxLength: 2000 }),
  languageRequirements: Type.Optional(Type.String({ maxLength: 1000 })),
  supervisorName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  supervisorTrained: Type.Optional(Type.Boolean()),
  periodFrom: IsoDate,
  periodTo: Nullable(IsoDate),
  places: Type.Integer({ minimum: 1, maximum: 1000 }),
  status: Type.Optional(Status),
  itemIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
};
const VersionQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) });
const placementFields = { startDate: IsoDate, endDate: Nullable(IsoDate), outcome: Type.Optional(Outcome) };

export function internshipRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/municipalities/:code/internships/summary',
      {
        schema: {
          tags: ['internships'],
          summary: 'Placements per year against the yearly target, and offers by status: counts only, open to all',
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.internshipSummary(db, request.caller, request.params.code),
    );
    app.get(
      '/api/municipalities/:code/programme-items',
      {
        schema: {
          tags: ['internships', 'trainings'],
          summary: "The goals and activities of the municipality's plans that an offer or a training can serve",
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.linkableItems(db, request.caller, request.params.code),
    );
    app.get(
      '/api/municipalities/:code/internships',
      {
        schema: {
          tags: ['internships'],
          summary: "The municipality's internship offers with their placements (coordinators and reporters)",
          params: CodeParams,
          querystring: Type.Object({
            status: Type.Optional(Status),
            unitId: Type.Optional(Type.String({ format: 'uuid' })),
            year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
          }),
          response: errorResponses,
        },
      },
      async (request) => service.listOffers(db, request.caller, request.params.code, request.query),
    );
    app.post(
      '/api/municipalities/:code/internships',
      {
        schema: {
          tags: ['internships'],
          summary: 'Register an internship offer (a unit of the municipality or an external employer)',
          params: CodeParams,
          body: Type.Object(offerFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createOffer(db, requireActor(request), request.params.code, request.body)),
    );
    app.patch(
      '/api/internships/:id',
      {
        schema: {
          tags: ['internships'],
          params: IdParams,
          body: Type.Object(
            { version: Type.Integer({ minimum: 1 }), ...Type.Partial(Type.Object(offerFields)).properties },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updateOffer(db, requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/internships/:id',
      {
        schema: {
          tags: ['internships'],
          summary: 'Remove an offer with its placements (the version read last, as for an edit)',
          params: IdParams,
          querystring: VersionQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        await service.deleteOffer(db, requireActor(request), request.params.id, request.query.version);
        return noContent(reply);
      },
    );
    app.post(
      '/api/internships/:id/placements',
      {
        schema: {
          tags: ['internships'],
          summary: 'Record a placement on an offer: dates and outcome, never who',
          params: IdParams,
          body: Type.Object(placementFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.addPlacement(db, requireActor(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/placements/:id',
      {
        schema: {
          tags: ['internships'],
          params: IdParams,
          body: Type.Object(
            { version: Type.Integer({ minimum: 1 }), ...Type.Partial(Type.Object(placementFields)).properties },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updatePlacement(db, requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/placements/:id',
      {
        schema: {
          tags: ['internships'],
          summary: 'Remove a placement registered by mistake; answers with the offer',
          params: IdParams,
          querystring: VersionQuery,
          response: errorResponses,
        },
      },
      async (request) => service.deletePlacement(db, requireActor(request), request.params.id, request.query.version),
    );
  };
}
