import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, type AppContext } from '../../http.ts';
import { AppError, forbidden } from '../../kernel/errors.ts';
import { LOCAL_TOKEN_HEADER, tokenMatches } from './local-server.ts';
import { lineWriter } from './files.ts';
import { writeSnapshot } from './snapshot.ts';

/**
 * A consistent snapshot of the whole database while the app runs: for administrators, and for
 * `delaktig backup` on the same machine (by the secret the server left in DATA_DIR), since the embedded store
 * cannot be opened by a second process.
 */
export function backupRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/admin/backup',
      {
        schema: {
          tags: ['backup'],
          summary: 'The whole database as a snapshot (gzip-compressed JSON lines), for delaktig restore (administrators)',
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const local = tokenMatches(ctx.localToken, request.headers[LOCAL_TOKEN_HEADER]);
        if (!local) {
          if (request.caller === null) throw new AppError('unauthenticated', 'Logga in först.');
          if (request.caller.role !== 'admin') throw forbidden('Bara administratörer kan ta en säkerhetskopia.');
        }
        const gzip = createGzip();
        const body = new PassThrough();
        gzip.pipe(body);
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        void writeSnapshot(ctx.db, ctx.store, lineWriter(gzip))
          .then(() => gzip.end())
          // Headers are gone by now: a failed snapshot ends the body early, which restore detects (no closing line).
          .catch((error: unknown) => {
            request.log.error(error);
            gzip.destroy(error as Error);
            body.destroy(error as Error);
          });
        return reply
          .header('content-type', 'application/gzip')
          .header('content-disposition', `attachment; filename="delaktig-${stamp}.ndjson.gz"`)
          .header('cache-control', 'no-store')
          .send(body);
      },
    );
  };
}
