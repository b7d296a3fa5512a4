import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, SESSION_COOKIE, errorResponses, noContent, requireActor, type AppContext } from '../../http.ts';
import { logout } from './accounts.ts';
import { ATTEMPT_COOKIE, ATTEMPT_MINUTES, SsoError, beginSignIn, completeSignIn, redirectUriOf } from './oidc.ts';
import {
  createIdentityProvider,
  deleteIdentityProvider,
  listIdentityProviders,
  listPublicIdentityProviders,
  updateIdentityProvider,
} from './oidc-providers.ts';

const RoleMapping = Type.Array(
  Type.Object(
    {
      value: Type.String({ minLength: 1, maxLength: 200, description: 'A value of the role or group claim' }),
      role: Type.Union([Type.Literal('coordinator'), Type.Literal('reporter'), Type.Literal('reader')]),
    },
    { additionalProperties: false },
  ),
  { maxItems: 50 },
);

/** What the API says about a provider: everything but the client secret, which no response carries. */
const IdentityProvider = Type.Object({
  id: Type.String(),
  municipalityCode: Type.String(),
  displayName: Type.String(),
  issuer: Type.String(),
  clientId: Type.String(),
  scopes: Type.String(),
  roleClaim: Type.Union([Type.String(), Type.Null()]),
  roleMapping: RoleMapping,
  allowCreate: Type.Boolean(),
  enabled: Type.Boolean(),
  version: Type.Integer(),
});

const fields = {
  municipalityCode: Type.String({ pattern: '^[0-9]{4}$', examples: ['1860'] }),
  displayName: Type.String({ minLength: 1, maxLength: 120, examples: ['Logga in med Laxå kommuns konto'] }),
  issuer: Type.String({ minLength: 8, maxLength: 500, examples: ['https://login.microsoftonline.com/<tenant>/v2.0'] }),
  clientId: Type.String({ minLength: 1, maxLength: 300 }),
  clientSecret: Type.String({ minLength: 1, maxLength: 1000, description: 'Write-only: never returned' }),
  scopes: Type.String({ minLength: 6, maxLength: 300, examples: ['openid email profile'] }),
  roleClaim: Type.Union([Type.String({ minLength: 1, maxLength: 200, examples: ['groups', 'realm_access.roles'] }), Type.Null()]),
  roleMapping: RoleMapping,
  allowCreate: Type.Boolean({ description: 'Create accounts at first sign-in when the claims give a role' }),
  enabled: Type.Boolean(),
};

export function oidcRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db, config } = ctx;
  const settings = () => ({
    publicUrl: config.PUBLIC_URL,
    policy: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
  });
  return async (app) => {
    app.get(
      '/api/auth/oidc/providers',
      {
        schema: {
          tags: ['accounts'],
          summary: 'The identity providers one may sign in with (public)',
          response: {
            200: Type.Array(
              Type.Object({ id: Type.String(), municipalityCode: Type.String(), displayName: Type.String(), startUrl: Type.String() }),
            ),
          },
        },
      },
      async () => listPublicIdentityProviders(db),
    );

    app.get(
      '/api/auth/oidc/:id/start',
      {
        schema: {
          tags: ['accounts'],
          summary: "Start signing in with a provider: redirects to the provider's sign-in page",
          params: IdParams,
          querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })) }),
        },
      },
      async (request, reply) => {
        try {
          const { attemptToken, authorizationUrl } = await beginSignIn(db, settings(), request.params.id, request.query.returnTo);
          // Lax: the provider's answer arrives as a top-level navigation from its own site, which Lax lets through.
          reply.setCookie(ATTEMPT_COOKIE, attemptToken, {
            path: '/api/auth/oidc',
            httpOnly: true,
            sameSite: 'lax',
            secure: config.COOKIE_SECURE,
            maxAge: ATTEMPT_MINUTES * 60,
          });
          return reply.redirect(authorizationUrl, 302);
        } catch (error) {
          return refuse(reply, error, request.log);
        }
      },
    );

    app.get(
      '/api/auth/oidc/callback',
      { schema: { tags: ['accounts'], summary: "The provider's answer: signs in and redirects into the app" } },
      async (request, reply) => {
        reply.clearCookie(ATTEMPT_COOKIE, { path: '/api/auth/oidc' });
        try {
          const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
          const signedIn = await completeSignIn(db, settings(), request.cookies[ATTEMPT_COOKIE], query, request.ip);
          // A new session at every sign-in; the one the browser carried before ends (no session fixation).
          const previous = request.cookies[SESSION_COOKIE];
          if (previous) await logout(db, previous);
          reply.setCookie(SESSION_COOKIE, signedIn.token, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure: config.COOKIE_SECURE,
            expires: signedIn.expiresAt,
          });
          return reply.redirect(signedIn.returnTo, 302);
        } catch (error) {
          return refuse(reply, error, request.log);
        }
      },
    );

    app.get(
      '/api/admin/identity-providers',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Identity providers for single sign-on (administrators); never the client secret',
          response: { 200: Type.Object({ redirectUri: Type.String(), providers: Type.Array(IdentityProvider) }), ...errorResponses },
        },
      },
      async (request) => ({
        redirectUri: redirectUriOf(config.PUBLIC_URL),
        providers: await listIdentityProviders(db, requireActor(request)),
      }),
    );

    app.post(
      '/api/admin/identity-providers',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Add an identity provider (administrators)',
          body: Type.Object(
            {
              municipalityCode: fields.municipalityCode,
              displayName: fields.displayName,
              issuer: fields.issuer,
              clientId: fields.clientId,
              clientSecret: fields.clientSecret,
              scopes: Type.Optional(fields.scopes),
              roleClaim: Type.Optional(fields.roleClaim),
              roleMapping: Type.Optional(fields.roleMapping),
              allowCreate: Type.Optional(fields.allowCreate),
              enabled: Type.Optional(fields.enabled),
            },
            { additionalProperties: false },
          ),
          response: { 201: IdentityProvider, ...errorResponses },
        },
      },
      async (request, reply) => reply.code(201).send(await createIdentityProvider(db, requireActor(request), request.body)),
    );

    app.patch(
      '/api/admin/identity-providers/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Change an identity provider (administrators); leave out clientSecret to keep it',
          params: IdParams,
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              municipalityCode: Type.Optional(fields.municipalityCode),
              displayName: Type.Optional(fields.displayName),
              issuer: Type.Optional(fields.issuer),
              clientId: Type.Optional(fields.clientId),
              clientSecret: Type.Optional(fields.clientSecret),
              scopes: Type.Optional(fields.scopes),
              roleClaim: Type.Optional(fields.roleClaim),
              roleMapping: Type.Optional(fields.roleMapping),
              allowCreate: Type.Optional(fields.allowCreate),
              enabled: Type.Optional(fields.enabled),
            },
            { additionalProperties: false },
          ),
          response: { 200: IdentityProvider, ...errorResponses },
        },
      },
      async (request) => updateIdentityProvider(db, requireActor(request), request.params.id, request.body),
    );

    app.delete(
      '/api/admin/identity-providers/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Remove an identity provider (administrators)',
          params: IdParams,
          querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        await deleteIdentityProvider(db, requireActor(request), request.params.id, request.query.version);
        return noContent(reply);
      },
    );
  };
}

/** A refused sign-in goes back to the login screen, which says why; nothing about the person is in the address. */
function refuse(
  reply: { redirect: (url: string, code: 302) => unknown },
  error: unknown,
  log: { warn: (obj: object, msg: string) => void },
) {
  if (!(error instanceof SsoError)) throw error;
  log.warn({ reason: error.reason, cause: error.cause instanceof Error ? error.cause.message : undefined }, 'single sign-on refused');
  return reply.redirect(`/logga-in?sso=${error.reason}`, 302);
}
