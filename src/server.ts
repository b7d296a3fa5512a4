import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import multipart from '@fastify/multipart';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createRequire } from 'node:module';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { actionPlanRoutes } from './capabilities/action-plans/routes.ts';
import { accountRoutes } from './capabilities/accounts/routes.ts';
import { oidcRoutes } from './capabilities/accounts/oidc-routes.ts';
import { sessionRoutes } from './capabilities/accounts/session-routes.ts';
import { accountRegisterRoutes } from './capabilities/accounts/register-routes.ts';
import { resolveSession } from './capabilities/accounts/accounts.ts';
import { auditRoutes } from './capabilities/audit/routes.ts';
import { backupRoutes } from './capabilities/backup/routes.ts';
import { describeRequestError, registerSecurity } from './security.ts';
import { catalogueRoutes } from './capabilities/catalogue/routes.ts';
import { matchingRoutes } from './capabilities/matching/routes.ts';
import { retentionPolicy, startPrivacyRetention } from './capabilities/privacy/retention.ts';
import { frameworkRoutes } from './capabilities/frameworks/routes.ts';
import { fundRoutes } from './capabilities/fund/routes.ts';
import { linkRoutes } from './capabilities/follow-up/link-routes.ts';
import { followUpRoutes } from './capabilities/follow-up/routes.ts';
import { REPORT_JOB, reportJobHandler } from './capabilities/follow-up/reports.ts';
import { sourceClients } from './capabilities/indicators/clients.ts';
import { indicatorRoutes } from './capabilities/indicators/routes.ts';
import { internshipRoutes } from './capabilities/internships/routes.ts';
import { trainingRoutes } from './capabilities/trainings/routes.ts';
import { newcomerGuideRoutes } from './capabilities/newcomer-guide/routes.ts';
import { INDICATOR_SYNC_JOB, indicatorSyncJobHandler, queueIndicatorSync } from './capabilities/indicators/follow-up.ts';
import { startJobWorker } from './capabilities/jobs/worker.ts';
import { mailRoutes } from './capabilities/notifications/routes.ts';
import { notifyCycleOpened, notifyReturned } from './capabilities/notifications/service.ts';
import { notifyReportApproved } from './capabilities/follows/service.ts';
import { startNotificationWorker } from './capabilities/notifications/worker.ts';
import { municipalityRoutes } from './capabilities/municipalities/routes.ts';
import { planRoutes } from './capabilities/plans/routes.ts';
import { openDataRoutes } from './capabilities/open-data/routes.ts';
import { portalNotFound, portalRoutes } from './capabilities/portal/routes.ts';
import { planImportRoutes } from './capabilities/plan-import/routes.ts';
import { planSpreadsheetRoutes } from './capabilities/plan-spreadsheet/routes.ts';
import { revisionRoutes } from './capabilities/revisions/routes.ts';
import { translationRoutes } from './capabilities/translations/routes.ts';
import { recordRoutes } from './route-list.ts';
import { ErrorBody, SESSION_COOKIE, type AppContext } from './http.ts';
import { loggerOptions, logRequestLine, registerRequestLog, safeError, type LogSettings } from './capabilities/privacy/logging.ts';
import { AppError, httpStatusOf } from './kernel/errors.ts';
import { lazySchemaCompilers } from './kernel/lazy-schemas.ts';
import { publicCacheHook, publicCacheOf, servingKept } from './kernel/public-cache.ts';

// ajv-i18n is CommonJS whose declared default export does not exist under NodeNext: required directly.
const localizeSwedish = createRequire(import.meta.url)('ajv-i18n/localize/sv') as (errors: unknown[] | null | undefined) => void;

const webDist = fileURLToPath(new URL('../web/dist/', import.meta.url));
const version = '0.1.0';

const responseDescriptions: Record<string, string> = { '200': 'OK', '201': 'Skapad', '204': 'Inget innehåll', '302': 'Vidare' };

function withResponseDescriptions<S extends { response?: unknown }>(schema: S): S {
  if (!schema?.response || typeof schema.response !== 'object') return schema;
  const response = Object.fromEntries(
    Object.entries(schema.response as Record<string, { description?: string }>).map(([code, body]) => [
      code,
      body.description ? body : { ...body, description: responseDescriptions[code] ?? 'Fel' },
    ]),
  );
  return { ...schema, response };
}

/** Composes the capabilities' routes; holds no rules of its own. */
/**
 * Sends a large text body as bytes. Node writes a string body by encoding it into a temporary native buffer per
 * response, and above glibc's mmap threshold (128 kB) that buffer is mapped and unmapped every time; the unmapping
 * stops every thread of the process. Measured here with a bare node:http server answering a 140 kB plan outline:
 * 416 answers/s as a string, 1,094 encoded with Buffer.from per answer (docs/performance.md). Small bodies are left
 * as they are: for them the encoding costs more than it saves.
 */
function largeBodiesAsBuffers(_request: unknown, _reply: unknown, payload: unknown, done: (error: null, payload: unknown) => void) {
  done(null, typeof payload === 'string' && payload.length >= 16_384 ? Buffer.from(payload) : payload);
}

export async function buildServer(ctx: AppContext, options: { logger?: boolean | LogSettings } = {}): Promise<FastifyInstance> {
  // Route schemas compile on first use and, once listening, in idle time: see kernel/lazy-schemas.ts.
  const compilers = lazySchemaCompilers();
  const cache = publicCacheOf(ctx);
  // Assigned below; the server's listener only runs once the server listens.
  let logRequest: (request: IncomingMessage, status: number, started: bigint) => void = () => {};
  const app = Fastify({
    // A kept public page or dataset is answered before Fastify routes the request (decision 0031).
    serverFactory: (handler, options) => {
      const opts = options as {
        http?: object;
        keepAliveTimeout?: number;
        requestTimeout?: number;
        connectionTimeout?: number;
        maxRequestsPerSocket?: number;
      };
      const server = createServer(
        opts.http ?? {},
        servingKept(cache, handler, (request, status, started) => logRequest(request, status, started)),
      );
      // What Fastify sets on the server it makes itself.
      server.keepAliveTimeout = opts.keepAliveTimeout ?? 72_000;
      server.requestTimeout = opts.requestTimeout ?? 0;
      server.setTimeout(opts.connectionTimeout ?? 0);
      if ((opts.maxRequestsPerSocket ?? 0) > 0) server.maxRequestsPerSocket = opts.maxRequestsPerSocket ?? 0;
      return server;
    },
    schemaController: { compilersFactory: compilers },
    // Without personal data: see capabilities/privacy/logging.ts. Requests are logged there, masked.
    logger: options.logger ? loggerOptions(options.logger === true ? { level: ctx.config.LOG_LEVEL } : options.logger) : false,
    disableRequestLogging: true,
    genReqId: () => randomUUID(),
    // verbose: errors carry their schema, so a refused value can be explained by the field's own description.
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true, verbose: true } },
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: ctx.config.TRUST_PROXY,
  }).withTypeProvider<TypeBoxTypeProvider>();
  recordRoutes(app);
  app.addHook('onListen', () => {
    const started = performance.now();
    void compilers
      .compilePending((route, error) => app.log.error({ err: error, route }, 'route schema'))
      .then(() => app.log.info({ ms: Math.round(performance.now() - started) }, 'route schemas compiled'));
  });

  registerRequestLog(app);
  if (options.logger)
    logRequest = (request, status, started) =>
      logRequestLine(app.log, request, status, Number(process.hrtime.bigint() - started) / 1e6, randomUUID());
  // First of all hooks: a kept public page or dataset is answered before sessions, cookies or headers are worked out.
  app.addHook('onRequest', publicCacheHook(cache));
  app.addHook('onSend', largeBodiesAsBuffers);
  app.addSchema(ErrorBody);
  await app.register(cookie);
  await registerSecurity(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Delaktig API', version, description: 'Integration plans of Swedish municipalities: plans, items, units, accounts.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    // A response without a description makes @fastify/swagger look one up through its reference resolver, which
    // registers the shared schemas a second time and throws ("Cannot redefine property") for a schema with an $id
    // nested in another (OutlineNode in plan-outline/1). Every response gets a description, so it never looks.
    transform: ({ schema, url }) => ({ schema: withResponseDescriptions(schema), url }),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    // Static files of the web app need no session: only API requests pay for the lookup.
    const token = request.url.startsWith('/api/') ? request.cookies[SESSION_COOKIE] : undefined;
    const actor = token
      ? await resolveSession(ctx.db, token, { idleMinutes: ctx.config.SESSION_IDLE_MINUTES, maxHours: ctx.config.SESSION_MAX_HOURS })
      : null;
    request.caller = actor && { ...actor, address: request.ip };
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(httpStatusOf[error.code]).send({
        error: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
        ...(error.current !== undefined ? { current: error.current } : {}),
      });
    }
    if (error.validation) {
      // Swedish messages from ajv-i18n; a pattern is explained by the field's examples rather than its regex.
      localizeSwedish(error.validation);
      // A choice among fixed values fails once per value and once for the choice: say it once, naming the values.
      const choices = new Map<string, unknown[]>();
      for (const v of error.validation) {
        const branches = (v as { schema?: unknown }).schema;
        if (v.keyword === 'anyOf' && Array.isArray(branches) && branches.every((b) => b && typeof b === 'object' && 'const' in b))
          choices.set(
            v.instancePath,
            (branches as { const: unknown }[]).map((b) => b.const),
          );
      }
      if (choices.size > 0) {
        error.validation = error.validation.filter((v) => !(v.keyword === 'const' && choices.has(v.instancePath)));
        for (const v of error.validation)
          if (v.keyword === 'anyOf' && choices.has(v.instancePath))
            v.message = `måste vara ett av ${(choices.get(v.instancePath) ?? []).map((c) => JSON.stringify(c)).join(', ')}`;
      }
      for (const v of error.validation) {
        const examples = (v as { parentSchema?: { examples?: unknown[] } }).parentSchema?.examples;
        if (v.keyword === 'pattern' && Array.isArray(examples))
          v.message = `har fel form; skriv till exempel ${examples.map(String).join(', ')}`;
      }
      const details = error.validation.map((v) => ({
        path:
          `${v.instancePath || ''}${v.keyword === 'required' ? `/${String(v.params.missingProperty)}` : ''}${
            v.keyword === 'additionalProperties' ? `/${String(v.params.additionalProperty)}` : ''
          }` || '/',
        message:
          v.keyword === 'additionalProperties' ? 'okänt fält' : v.keyword === 'required' ? 'fältet saknas' : (v.message ?? v.keyword),
      }));
      const where =
        error.validationContext === 'body' ? 'Begäran' : error.validationContext === 'querystring' ? 'Frågesträngen' : 'Adressen';
      return reply
        .code(400)
        .send({ error: 'validation', message: `${where} är ogiltig: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details });
    }
    // Refusals by Fastify (size, content type) and by the database (characters it cannot store), said in Swedish.
    const refused = describeRequestError(error, request, app.initialConfig.bodyLimit ?? 0);
    if (refused) return reply.code(refused.status).send({ error: refused.error, message: refused.message });
    request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    if (!options.logger) console.error(`[${request.id}]`, safeError(error));
    return reply.code(500).send({
      error: 'internal',
      message: 'Ett oväntat fel inträffade. Försök igen, eller kontakta support med fel-id.',
      requestId: request.id,
    });
  });

  app.get('/api/health', { schema: { tags: ['system'] } }, async () => ({ status: 'ok', store: ctx.store, version, demo: ctx.demo }));
  await app.register(municipalityRoutes(ctx));
  await app.register(planRoutes(ctx));
  await app.register(actionPlanRoutes(ctx));
  await app.register(revisionRoutes(ctx));
  await app.register(accountRoutes(ctx));
  await app.register(oidcRoutes(ctx));
  await app.register(sessionRoutes(ctx));
  await app.register(accountRegisterRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(frameworkRoutes());
  await app.register(multipart, { limits: { files: 1, fields: 5 } });

  // Background work runs in every app process: jobs and mail are claimed from the database, never twice.
  const jobs = startJobWorker({
    db: ctx.db,
    handlers: {
      [REPORT_JOB]: reportJobHandler(ctx.db),
      [INDICATOR_SYNC_JOB]: indicatorSyncJobHandler(ctx.db, () => sourceClients(ctx.config)),
    },
    intervalMs: ctx.config.WORKER_INTERVAL_MS,
    log: app.log,
  });
  const mail = ctx.config.WORKER_INTERVAL_MS > 0 ? startNotificationWorker({ db: ctx.db, config: ctx.config, log: app.log }) : null;
  // Personal data past its retention time (platform and matching programmes), daily in every process.
  const retention =
    ctx.config.WORKER_INTERVAL_MS > 0 ? startPrivacyRetention({ db: ctx.db, policy: retentionPolicy(ctx.config), log: app.log }) : null;
  app.addHook('onClose', async () => {
    await jobs.stop();
    await mail?.stop();
    await retention?.stop();
  });
  await app.register(
    followUpRoutes(ctx, {
      hooks: {
        cycleOpened: async (trx, cycleId) => {
          await notifyCycleOpened(trx, ctx.config, cycleId, new Date());
          // The official figures due for the cycle are fetched in the background, not in the opening request.
          await queueIndicatorSync(trx, cycleId);
        },
        reportReturned: async (trx, taskId, comment) => void (await notifyReturned(trx, ctx.config, taskId, comment, new Date())),
        // Residents following the item, a goal above it or its plan hear of a changed public status.
        reportApproved: async (trx, taskId) => void (await notifyReportApproved(trx, ctx.config, taskId, new Date())),
      },
      pokeJobs: () => jobs.poke(),
    }),
  );
  await app.register(linkRoutes(ctx));
  await app.register(indicatorRoutes(ctx, () => sourceClients(ctx.config)));
  await app.register(internshipRoutes(ctx));
  await app.register(trainingRoutes(ctx));
  await app.register(newcomerGuideRoutes(ctx));
  await app.register(planSpreadsheetRoutes(ctx));
  await app.register(planImportRoutes(ctx));
  await app.register(mailRoutes(ctx));
  await app.register(catalogueRoutes(ctx));
  await app.register(translationRoutes(ctx));
  await app.register(fundRoutes(ctx));
  await app.register(matchingRoutes(ctx));
  await app.register(backupRoutes(ctx));
  await app.register(openDataRoutes(ctx));
  await app.register(portalRoutes(ctx));

  if (existsSync(webDist)) {
    // The wildcard route reads files at request time, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz copies of scripts, styles and pages (web/vite.config.ts).
      preCompressed: true,
      // Off, so that the header set below is the one sent (send's own "public, max-age=0" replaced it).
      cacheControl: false,
      setHeaders: (res, path) => {
        // Vite names assets by content hash: they never change, while index.html must always be fresh.
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('vary', 'accept-encoding');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const portalPage = portalNotFound(ctx, request.url);
    if (portalPage) return portalPage(request, reply);
    if (request.url.startsWith('/api/') || !existsSync(webDist)) {
      return reply.code(404).send({ error: 'not_found', message: `Ingen sådan adress: ${request.method} ${request.url.split('?')[0]}` });
    }
    // The web app routes on the client: every other path gets its shell.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
