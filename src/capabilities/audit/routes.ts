import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, requireActor, type AppContext } from '../../http.ts';
import { forbidden } from '../../kernel/errors.ts';
import { canReadAudit } from '../accounts/policies.ts';
import { listAudit } from './audit.ts';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first (administrators)',
          querystring: Type.Object({
            municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
            entityId: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
          }),
          response: errorResponses,
        },
      },
      async (request) => {
        if (!canReadAudit(requireActor(request))) throw forbidden('Bara administratörer kan läsa ändringsloggen.');
        const { municipality, entityId, limit, before } = request.query;
        return listAudit(ctx.db, { municipalityCode: municipality, entityId, limit, beforeId: before });
      },
    );
  };
}
