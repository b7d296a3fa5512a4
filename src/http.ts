import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import type { StoreKind } from './db/database.ts';
import type { Config } from './kernel/config.ts';
import { AppError } from './kernel/errors.ts';
import type { Actor, Caller } from './capabilities/accounts/policies.ts';
import { Type } from '@sinclair/typebox';

/** What every capability's routes get: the database and the settings. No globals. */
export interface AppContext {
  db: Kysely<Database>;
  store: StoreKind;
  config: Config;
  demo: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

export const SESSION_COOKIE = 'delaktig_session';

export function requireActor(request: FastifyRequest): Actor {
  if (request.caller === null) throw new AppError('unauthenticated', 'Logga in först.');
  return request.caller;
}

export const ErrorBody = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    current: Type.Optional(Type.Unknown()),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'ErrorBody' },
);

export const errorResponses = {
  400: Type.Ref('ErrorBody'),
  401: Type.Ref('ErrorBody'),
  403: Type.Ref('ErrorBody'),
  404: Type.Ref('ErrorBody'),
  409: Type.Ref('ErrorBody'),
};

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{4}$' }) });

export function noContent(reply: FastifyReply) {
  return reply.code(204).send();
}
