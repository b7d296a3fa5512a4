import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { errorResponses, type AppContext } from '../../http.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor, Role } from '../accounts/policies.ts';
import { recordAudit } from '../audit/audit.ts';
import { markLinkUsed, resolveLink } from '../notifications/links.ts';
import { EntryBody } from './routes.ts';
import * as service from './service.ts';
import { outstandingStates } from './workflow.ts';

/**
 * The personal link in a reminder: opens exactly its holder's reports in one cycle without a password.
 * The link acts as its holder but only on that cycle's tasks of her units; it is spent once all of them
 * are submitted, and every use is in the audit log.
 */
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 300 }) });

const reasons = {
  invalid: 'Länken är ogiltig. Logga in som vanligt, eller be samordnaren om en ny länk.',
  expired: 'Länken har gått ut. Logga in som vanligt, eller be samordnaren om en ny länk.',
  used: 'Länken är redan använd: alla dina rapporter är inskickade. Logga in om du behöver se dem.',
};

async function actorOfLink(db: Kysely<Database>, token: string, now: Date): Promise<{ actor: Actor; linkId: string; cycleId: string }> {
  const link = await resolveLink(db, token, now);
  if (!link.ok) throw new AppError(link.reason === 'invalid' ? 'not_found' : 'unauthenticated', reasons[link.reason]);
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'municipality_code'])
    .where('id', '=', link.userId)
    .executeTakeFirstOrThrow();
  const units = await db.selectFrom('user_unit').select('unit_id').where('user_id', '=', user.id).execute();
  return {
    actor: {
      userId: user.id,
      username: user.username,
      role: user.role as Role,
      municipalityCode: user.municipality_code,
      unitIds: units.map((u) => u.unit_id),
    },
    linkId: link.linkId,
    cycleId: link.cycleId,
  };
}

async function ownTasks(db: Kysely<Database>, actor: Actor, cycleId: string) {
  const mine = await service.myTasks(db, actor);
  return { cycle: mine.cycles.find((c) => c.id === cycleId) ?? null, tasks: mine.tasks.filter((t) => t.cycleId === cycleId) };
}

export function linkRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/links/:token',
      {
        schema: {
          tags: ['follow-up'],
          summary: "A personal link: its holder's reports in the cycle",
          params: TokenParams,
          response: errorResponses,
        },
      },
      async (request) => {
        const { actor, cycleId } = await actorOfLink(db, request.params.token, new Date());
        const { cycle, tasks } = await ownTasks(db, actor, cycleId);
        if (!cycle) throw new AppError('not_found', 'Uppföljningen är stängd. Kontakta samordnaren om du behöver rapportera.');
        await recordAudit(db, actor, {
          municipalityCode: actor.municipalityCode,
          action: 'link.open',
          entityType: 'follow_up_cycle',
          entityId: cycleId,
          before: null,
          after: { tasks: tasks.length },
        });
        const user = await db.selectFrom('app_user').select('display_name').where('id', '=', actor.userId).executeTakeFirstOrThrow();
        return { user: { displayName: user.display_name, username: actor.username }, cycle, tasks };
      },
    );

    app.put(
      '/api/links/:token/tasks/:taskId',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'Save or submit one report through a personal link',
          params: Type.Object({ token: TokenParams.properties.token, taskId: Type.String({ format: 'uuid' }) }),
          body: EntryBody,
          response: errorResponses,
        },
      },
      async (request) => {
        const now = new Date();
        const { actor, cycleId, linkId } = await actorOfLink(db, request.params.token, now);
        const task = await service.writeEntry(db, actor, request.params.taskId, request.body, { onlyCycle: cycleId });
        const rest = (await ownTasks(db, actor, cycleId)).tasks.filter((t) => outstandingStates.includes(t.state));
        let spent = false;
        if (request.body.submit && rest.length === 0) spent = await db.transaction().execute((trx) => markLinkUsed(trx, linkId, now));
        return { task, remaining: rest.length, linkSpent: spent };
      },
    );
  };
}
