import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CodeParams, IdParams, errorResponses, noContent, requireActor, type AppContext } from '../../http.ts';
import { Nullable } from '../../kernel/schema.ts';
import { LIMITS } from './rules.ts';
import * as service from './service.ts';

const entryFields = {
  actor: Type.String({ maxLength: LIMITS.actor, examples: ['Arbetsförmedlingen'] }),
  responsibilities: Type.String({ maxLength: LIMITS.responsibilities, description: 'What the actor does for a newcomer, one a line' }),
  help: Type.String({ maxLength: LIMITS.help, description: 'Where and how to get help: organisational contact only' }),
  url: Nullable(Type.String({ maxLength: LIMITS.url })),
};
const Position = Type.Integer({ minimum: 0, maximum: 1000, description: '0-based place in the guide' });

export function newcomerGuideRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/municipalities/:code/guide',
      {
        schema: {
          tags: ['newcomer-guide'],
          summary: 'The newcomer guide ("Ny i kommunen"): who does what among the agencies, and where to get help',
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.listGuide(db, request.caller, request.params.code),
    );
    app.post(
      '/api/municipalities/:code/guide',
      {
        schema: {
          tags: ['newcomer-guide'],
          summary: 'Add an actor to the guide (at the end, or at position)',
          params: CodeParams,
          body: Type.Object({ ...entryFields, position: Type.Optional(Position) }, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createGuideEntry(db, requireActor(request), request.params.code, request.body)),
    );
    app.patch(
      '/api/guide/:id',
      {
        schema: {
          tags: ['newcomer-guide'],
          summary: 'Edit an entry, or move it (position), with the version read last',
          params: IdParams,
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              position: Type.Optional(Position),
              ...Type.Partial(Type.Object(entryFields)).properties,
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updateGuideEntry(db, requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/guide/:id',
      {
        schema: {
          tags: ['newcomer-guide'],
          summary: 'Remove an entry (the version read last, as for an edit)',
          params: IdParams,
          querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        await service.deleteGuideEntry(db, requireActor(request), request.params.id, request.query.version);
        return noContent(reply);
      },
    );
  };
}
