import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { publicWriteLimit } from '../../security.ts';
import { CodeParams, IdParams, errorResponses, noContent, readUpload, requireActor, sendStoredFile, type AppContext } from '../../http.ts';
import { Nullable } from '../../kernel/schema.ts';
import { MAX_ATTACHMENT_BYTES } from '../follow-up/attachments.ts';
import * as applications from './applications.ts';
import * as decisions from './decisions.ts';
import * as service from './service.ts';

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2016-04-30'] });
const Sek = Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Whole kronor' });
const Kind = Type.Union(
  (['association', 'faith_community', 'organisation', 'company', 'municipal_unit'] as const).map((k) => Type.Literal(k)),
);
const CallStatus = Type.Union((['draft', 'open', 'closed', 'decided'] as const).map((s) => Type.Literal(s)));
const Version = Type.Integer({ minimum: 1 });

const callFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  budgetSek: Sek,
  opensOn: IsoDate,
  deadline: IsoDate,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  eligibleKinds: Type.Array(Kind, { maxItems: 5 }),
  criteria: Type.Array(
    Type.Object(
      {
        key: Type.Optional(Type.String({ maxLength: 40 })),
        name: Type.String({ maxLength: 200 }),
        description: Type.Optional(Type.String({ maxLength: 1000 })),
        weight: Type.Integer({ minimum: 1, maximum: 10 }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 12 },
  ),
  priorityRule: Type.Union([Type.Literal('none'), Type.Literal('municipal_units_first')]),
};

const applicationFields = {
  title: Type.String({ maxLength: 200 }),
  purpose: Type.String({ maxLength: 5000 }),
  targetGroup: Type.String({ maxLength: 2000 }),
  startDate: Nullable(IsoDate),
  endDate: Nullable(IsoDate),
  activities: Type.Array(
    Type.Object({ description: Type.String({ maxLength: 500 }), date: Type.String({ maxLength: 10 }) }, { additionalProperties: false }),
    {
      maxItems: 50,
    },
  ),
  budgetLines: Type.Array(Type.Object({ description: Type.String({ maxLength: 300 }), amountSek: Sek }, { additionalProperties: false }), {
    maxItems: 50,
  }),
  coFinancing: Type.Array(Type.Object({ source: Type.String({ maxLength: 300 }), amountSek: Sek }, { additionalProperties: false }), {
    maxItems: 20,
  }),
  itemIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 30 })),
};

export function fundRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    const tags = ['fund'];
    // ---- public --------------------------------------------------------------------------------------------
    app.get(
      '/api/municipalities/:code/fund',
      {
        schema: {
          tags,
          summary: "The municipality's integration funds, their calls (open to all once opened) and the balance per year",
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.fundOverview(db, request.caller, request.params.code),
    );
    app.get(
      '/api/municipalities/:code/fund/grants',
      {
        schema: {
          tags,
          summary: 'Decided grants: organisation, project, amount, date and minutes paragraph (public records)',
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.listGrants(db, request.params.code),
    );
    app.get(
      '/api/fund/calls/:id',
      { schema: { tags, summary: 'One call: criteria, deadline, who may apply, budget left', params: IdParams, response: errorResponses } },
      async (request) => service.loadCall(db, request.caller, request.params.id),
    );
    app.post(
      '/api/municipalities/:code/fund/register',
      {
        config: publicWriteLimit(ctx.config),
        schema: {
          tags,
          summary: 'Register an organisation and its first applicant account (username = the e-mail address); then sign in',
          params: CodeParams,
          body: Type.Object(
            {
              orgNumber: Type.String({ minLength: 1, maxLength: 20, examples: ['802400-1235'] }),
              name: Type.String({ maxLength: 200 }),
              kind: Kind,
              contactName: Type.String({ maxLength: 200 }),
              contactEmail: Type.String({ maxLength: 200 }),
              contactPhone: Type.Optional(Type.String({ maxLength: 50 })),
              password: Type.String({ maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) => reply.code(201).send(await applications.registerOrganisation(db, request.params.code, request.body)),
    );

    // ---- the coordinator -------------------------------------------------------------------------------------
    app.post(
      '/api/municipalities/:code/fund/funds',
      {
        schema: {
          tags,
          summary: 'Create a fund',
          params: CodeParams,
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 5000 })) },
            { additionalProperties: false },
          ),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createFund(db, requireActor(request), request.params.code, request.body)),
    );
    app.post(
      '/api/fund/funds/:id/calls',
      {
        schema: {
          tags,
          summary: 'Create a call (as a draft; open it with PATCH status "open")',
          params: IdParams,
          body: Type.Object(callFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) => reply.code(201).send(await service.createCall(db, requireActor(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/fund/calls/:id',
      {
        schema: {
          tags,
          summary: 'Change a call, or open, close or mark it decided',
          params: IdParams,
          body: Type.Object(
            { version: Version, status: Type.Optional(CallStatus), ...Type.Partial(Type.Object(callFields)).properties },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updateCall(db, requireActor(request), request.params.id, request.body),
    );
    app.get(
      '/api/fund/calls/:id/applications',
      {
        schema: {
          tags,
          summary: "A call's submitted applications with mean score, rank and within/outside budget (the municipality's own people)",
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => decisions.callApplications(db, request.caller, request.params.id),
    );
    app.put(
      '/api/fund/applications/:id/assessment',
      {
        schema: {
          tags,
          summary: "The caller's own scores (0–5 per criterion) and comment",
          params: IdParams,
          body: Type.Object(
            {
              scores: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 5 })),
              comment: Type.Optional(Type.String({ maxLength: 5000 })),
              version: Type.Optional(Version),
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => decisions.assessApplication(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/fund/applications/:id/decision',
      {
        schema: {
          tags,
          summary:
            'Record the decision (KS or delegate, date, minutes paragraph, amount, conditions); beyond the budget only with overrideReason',
          params: IdParams,
          body: Type.Object(
            {
              outcome: Type.Union([Type.Literal('granted'), Type.Literal('rejected')]),
              decidedBy: Type.String({ maxLength: 200 }),
              decidedOn: IsoDate,
              minutesParagraph: Type.Optional(Type.String({ maxLength: 50, examples: ['§ 45'] })),
              grantedSek: Sek,
              conditions: Type.Optional(Type.String({ maxLength: 5000 })),
              overrideReason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
              version: Version,
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => decisions.decideApplication(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/fund/applications/:id/payments',
      {
        schema: {
          tags,
          summary: 'Record a payment (never more in all than granted)',
          params: IdParams,
          body: Type.Object(
            {
              paidOn: IsoDate,
              amountSek: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
              note: Type.Optional(Type.String({ maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await decisions.recordPayment(db, requireActor(request), request.params.id, request.body)),
    );

    // ---- the applicant ---------------------------------------------------------------------------------------
    app.get(
      '/api/fund/mine',
      { schema: { tags, summary: "The applicant's organisation and its applications, drafts included", response: errorResponses } },
      async (request) => applications.myApplications(db, requireActor(request)),
    );
    app.post(
      '/api/fund/calls/:id/applications',
      {
        schema: {
          tags,
          summary: 'Start an application (a draft only the organisation sees) in an open call',
          params: IdParams,
          body: Type.Object(applicationFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await applications.createApplication(db, requireActor(request), request.params.id, request.body)),
    );
    app.get(
      '/api/fund/applications/:id',
      {
        schema: {
          tags,
          summary: 'One application (its organisation; the municipality once submitted)',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => applications.loadApplication(db, request.caller, request.params.id),
    );
    app.patch(
      '/api/fund/applications/:id',
      {
        schema: {
          tags,
          summary: 'Change a draft',
          params: IdParams,
          body: Type.Object(
            { version: Version, ...Type.Partial(Type.Object(applicationFields)).properties },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => applications.updateApplication(db, requireActor(request), request.params.id, request.body),
    );
    for (const event of ['submit', 'withdraw'] as const)
      app.post(
        `/api/fund/applications/:id/${event}`,
        {
          schema: {
            tags,
            summary: event === 'submit' ? 'Submit a complete draft before the deadline' : 'Withdraw an application before its decision',
            params: IdParams,
            body: Type.Object({ version: Version }, { additionalProperties: false }),
            response: errorResponses,
          },
        },
        async (request) => applications.changeApplicationStatus(db, requireActor(request), request.params.id, event, request.body.version),
      );
    app.post(
      '/api/fund/applications/:id/final-report',
      {
        schema: {
          tags,
          summary: 'File the final report of a granted project',
          params: IdParams,
          body: Type.Object(
            {
              summary: Type.String({ maxLength: 10000 }),
              results: Type.Optional(Type.String({ maxLength: 10000 })),
              participants: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
              spentSek: Sek,
              version: Version,
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => applications.fileFinalReport(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/fund/applications/:id/attachments',
      {
        schema: {
          tags,
          summary: `Attach a file to a draft (multipart/form-data, field "file"; PDF, Word, images; at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB)`,
          params: IdParams,
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const upload = await readUpload(request, MAX_ATTACHMENT_BYTES);
        return reply.code(201).send(await applications.addAttachment(db, actor, request.params.id, upload));
      },
    );
    app.get(
      '/api/fund/attachments/:id',
      { schema: { tags, summary: "Download an application's attachment", params: IdParams, response: errorResponses } },
      async (request, reply) => {
        return sendStoredFile(reply, await applications.readAttachment(db, request.caller, request.params.id));
      },
    );
    app.delete(
      '/api/fund/attachments/:id',
      { schema: { tags, summary: 'Remove an attachment from a draft', params: IdParams, response: errorResponses } },
      async (request, reply) => {
        await applications.removeAttachment(db, requireActor(request), request.params.id);
        return noContent(reply);
      },
    );
  };
}
