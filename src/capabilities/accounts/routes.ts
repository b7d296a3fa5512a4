import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SESSION_COOKIE, errorResponses, noContent, requireActor, type AppContext } from '../../http.ts';
import { signInLimit } from '../../security.ts';
import { createUser, listUsers, loadUserView, login, logout } from './accounts.ts';
import { roles } from './policies.ts';

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Type.String(),
  municipalityCode: Type.Union([Type.String(), Type.Null()]),
  unitIds: Type.Array(Type.String()),
  disabled: Type.Boolean(),
});

export function accountRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db, config } = ctx;
  const policy = { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS };
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: signInLimit(config),
        schema: {
          tags: ['accounts'],
          summary: 'Sign in; sets the session cookie',
          body: Type.Object(
            { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ user: User }), ...errorResponses },
        },
      },
      async (request, reply) => {
        // A new token at every sign-in; any session the browser carried before is ended (no session fixation).
        const previous = request.cookies[SESSION_COOKIE];
        if (previous) await logout(db, previous);
        const { token, user, expiresAt } = await login(db, request.body.username, request.body.password, policy);
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.COOKIE_SECURE,
          expires: expiresAt,
        });
        return { user };
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['accounts'], summary: 'Sign out' } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return noContent(reply);
    });

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['accounts'],
          summary: 'The signed-in user, or null',
          response: { 200: Type.Object({ user: Type.Union([User, Type.Null()]) }) },
        },
      },
      async (request) => ({ user: request.caller ? ((await loadUserView(db, request.caller.userId)) ?? null) : null }),
    );

    app.get(
      '/api/users',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Accounts (administrators: all; coordinators: their municipality)',
          querystring: Type.Object({ municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })) }),
          response: { 200: Type.Array(User), ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const code = request.query.municipality ?? (actor.role === 'admin' ? null : actor.municipalityCode);
        return listUsers(db, actor, code);
      },
    );

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Create an account (administrators)',
          body: Type.Object(
            {
              username: Type.String({ minLength: 2, maxLength: 63 }),
              password: Type.String({ minLength: 8, maxLength: 200 }),
              displayName: Type.String({ minLength: 1, maxLength: 200 }),
              email: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 320 })])),
              role: Type.Union(roles.map((r) => Type.Literal(r))),
              municipalityCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{4}$' }), Type.Null()])),
              unitIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }))),
            },
            { additionalProperties: false },
          ),
          response: { 201: User, ...errorResponses },
        },
      },
      async (request, reply) => reply.code(201).send(await createUser(db, requireActor(request), request.body)),
    );
  };
}
