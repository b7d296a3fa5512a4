import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, SESSION_COOKIE, errorResponses, noContent, requireActor, type AppContext } from '../../http.ts';
import { User } from './routes.ts';
import { endOwnSessions, endAccountSessions, setAccountDisabled } from './sessions.ts';

export function sessionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.post(
      '/api/auth/logout-everywhere',
      { schema: { tags: ['accounts'], summary: 'Sign out everywhere: end every session of the signed-in user', response: errorResponses } },
      async (request, reply) => {
        await endOwnSessions(db, requireActor(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return noContent(reply);
      },
    );

    app.delete(
      '/api/users/:id/sessions',
      {
        schema: {
          tags: ['accounts'],
          summary: 'End every session of an account (administrators)',
          params: IdParams,
          response: { 200: Type.Object({ ended: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => ({ ended: await endAccountSessions(db, requireActor(request), request.params.id) }),
    );

    app.put(
      '/api/users/:id/disabled',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Disable or enable an account (administrators); disabling ends its sessions',
          params: IdParams,
          body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
          response: { 200: User, ...errorResponses },
        },
      },
      async (request) => setAccountDisabled(db, requireActor(request), request.params.id, request.body.disabled),
    );
  };
}
