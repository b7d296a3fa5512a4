import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, requireActor, type AppContext } from '../../http.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { Caller } from '../accounts/policies.ts';
import { listOutbox } from './service.ts';

/** Administrators read all mail; coordinators their municipality's; nobody else (bodies name people and units). */
export function canReadOutbox(caller: Caller, municipalityCode: string | null): boolean {
  if (caller === null) return false;
  if (caller.role === 'admin') return true;
  return caller.role === 'coordinator' && municipalityCode !== null && caller.municipalityCode === municipalityCode;
}

export const OutboxEntrySchema = Type.Object({
  id: Type.String(),
  municipalityCode: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  state: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('not_configured')]),
  attempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function mailRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/mail',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The e-mail outbox, newest first (administrators; coordinators for their municipality)',
          querystring: Type.Object({
            municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          }),
          response: { 200: Type.Array(OutboxEntrySchema), ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        // A coordinator who names no municipality means her own.
        const municipality = request.query.municipality ?? (actor.role === 'admin' ? null : actor.municipalityCode);
        if (!canReadOutbox(actor, municipality))
          throw forbidden('Bara administratörer och kommunens samordnare kan läsa utskickad e-post.');
        return listOutbox(ctx.db, municipality, request.query.limit);
      },
    );
  };
}
