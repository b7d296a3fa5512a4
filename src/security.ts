import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './kernel/config.ts';
import { AppError } from './kernel/errors.ts';

/**
 * The headers every response carries and the limits on what can be tried by anyone without an account.
 * The web app is built into files (no inline script or style element), so the policy allows scripts and styles
 * from this origin only; a stored script can therefore never run, even if some text escaped its sanitising.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const minute = 60_000;

const inWords = (ms: number) => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 90 ? `${seconds} sekunder` : `${Math.ceil(seconds / 60)} minuter`;
};

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    // Personal links carry their token in the path: no page ever tells another site where it came from.
    referrerPolicy: { policy: 'no-referrer' },
  });
  // Swagger UI (/api/docs) sets a few style attributes from its script; its scripts stay under the strict policy.
  const docsPolicy = Object.entries({ ...contentSecurityPolicy, 'style-src': ["'self'", "'unsafe-inline'"] })
    .map(([directive, values]) => `${directive} ${values.join(' ')}`)
    .join(';');
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/docs')) reply.header('content-security-policy', docsPolicy);
  });
  // Only the routes that ask for a limit have one (see signInLimit and publicWriteLimit).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `För många försök på kort tid. Vänta ${inWords(context.ttl)} och försök igen.`),
  });
}

/** Route option: sign-in attempts per account and address, so guessing one password is slow and others are not locked out. */
export function signInLimit(config: Pick<Config, 'SIGN_IN_LIMIT_PER_MINUTE'>) {
  return {
    rateLimit: {
      max: config.SIGN_IN_LIMIT_PER_MINUTE,
      timeWindow: minute,
      // After the body is parsed: the key names the account tried.
      hook: 'preHandler' as const,
      keyGenerator: (request: FastifyRequest) => {
        const body = request.body as { username?: unknown } | undefined;
        const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 200) : '';
        return `sign-in:${request.ip}:${username}`;
      },
    },
  };
}

/** Route option: the forms anyone can send (registrations, applications), per address. */
export function publicWriteLimit(config: Pick<Config, 'PUBLIC_WRITE_LIMIT_PER_MINUTE'>) {
  return {
    rateLimit: { max: config.PUBLIC_WRITE_LIMIT_PER_MINUTE, timeWindow: minute, keyGenerator: (r: FastifyRequest) => `public:${r.ip}` },
  };
}
