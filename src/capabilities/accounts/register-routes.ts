import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { IdParams, errorResponses, requireActor, type AppContext } from '../../http.ts';
import { accountExtract, eraseAccount, type AccountExtract } from './register.ts';

/** The extract as a download: never cached, named after the account id (not its name). */
function sendExtract(reply: FastifyReply, extract: AccountExtract) {
  return reply
    .header('content-disposition', `attachment; filename="registerutdrag-konto-${extract.account.id}.json"`)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(extract, null, 2));
}

export function accountRegisterRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/auth/me/extract',
      {
        schema: {
          tags: ['accounts'],
          summary: "Register extract of the signed-in user's own account, as a JSON download",
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        return sendExtract(reply, await accountExtract(db, actor, actor.userId));
      },
    );

    app.get(
      '/api/users/:id/extract',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Register extract of an account, as a JSON download (administrators, or the account holder)',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request, reply) => sendExtract(reply, await accountExtract(db, requireActor(request), request.params.id)),
    );

    app.delete(
      '/api/users/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Erase an account (administrators): personal fields blanked, the row and every record naming it kept',
          params: IdParams,
          response: {
            200: Type.Object({
              erased: Type.Literal(true),
              sessionsEnded: Type.Integer(),
              linksDeleted: Type.Integer(),
              messagesDeleted: Type.Integer(),
              draftsDeleted: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ erased: true as const, ...(await eraseAccount(db, requireActor(request), request.params.id)) }),
    );
  };
}
