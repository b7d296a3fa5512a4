import { Nullable } from '../../kernel/schema.ts';
import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  attachmentHeader,
  IdParams,
  errorResponses,
  noContent,
  readUpload,
  requireActor,
  sendStoredFile,
  type AppContext,
} from '../../http.ts';
import { addAttachment, readAttachment, removeAttachment, MAX_ATTACHMENT_BYTES } from './attachments.ts';
import { compareCycles, itemTimeline } from './history.ts';
import { getJob, listReportFiles, readReportFile, requestReport } from './reports.ts';
import * as service from './service.ts';
import { assessments, reportStatuses } from './words.ts';

const Version = Type.Integer({ minimum: 1, description: 'The version the change is based on (optimistic concurrency)' });
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD', examples: ['2017-01-31'] });
const Status = Type.Union(reportStatuses.map((s) => Type.Literal(s)));
const AssessmentValue = Type.Union(assessments.map((s) => Type.Literal(s)));
/** A report as its unit writes it; the same through a personal link. */
export const EntryBody = Type.Object(
  {
    version: Version,
    status: Nullable(Status),
    progress: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    narrative: Type.String({ maxLength: 10000 }),
    targetValue: Nullable(Type.Number()),
    submit: Type.Boolean(),
  },
  { additionalProperties: false },
);
const Format = Type.Union([Type.Literal('docx'), Type.Literal('pdf'), Type.Literal('xlsx'), Type.Literal('csv')]);

export interface FollowUpRouteOptions {
  hooks?: service.FollowUpHooks;
  /** Wakes the job worker so a report starts at once instead of at the next poll. */
  pokeJobs?: () => void;
  today?: () => string;
}

export function followUpRoutes(ctx: AppContext, options: FollowUpRouteOptions = {}): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const hooks = options.hooks ?? {};
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  return async (app) => {
    app.get(
      '/api/plans/:id/cycles',
      {
        schema: {
          tags: ['follow-up'],
          summary: "A plan's follow-up cycles with their summary",
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => service.listCycles(db, request.caller, request.params.id),
    );

    app.get(
      '/api/plans/:id/cycles/proposal',
      {
        schema: {
          tags: ['follow-up'],
          summary: "The next cycle the plan's follow-up rule proposes",
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => service.proposeFor(db, request.caller, request.params.id, today()),
    );

    app.post(
      '/api/plans/:id/cycles',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'Open a follow-up cycle: one report task per responsible unit per item in scope',
          params: IdParams,
          body: Type.Object(
            {
              label: Type.Optional(Type.String({ maxLength: 120 })),
              periodFrom: IsoDate,
              periodTo: IsoDate,
              deadline: IsoDate,
              example: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const cycle = await service.openCycle(db, requireActor(request), request.params.id, request.body, hooks);
        return reply.code(201).send(cycle);
      },
    );

    app.get(
      '/api/cycles/:id',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'A cycle: tasks, goals with proposals, parts and units at a glance',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => service.getCycle(db, request.caller, request.params.id),
    );

    for (const [path, state] of [
      ['close', 'closed'],
      ['reopen', 'open'],
    ] as const)
      app.post(
        `/api/cycles/:id/${path}`,
        {
          schema: {
            tags: ['follow-up'],
            summary: state === 'closed' ? 'Close a cycle (no more reporting)' : 'Reopen a closed cycle (recorded)',
            params: IdParams,
            body: Type.Object({ version: Version }, { additionalProperties: false }),
            response: errorResponses,
          },
        },
        async (request) => service.setCycleState(db, requireActor(request), request.params.id, request.body.version, state),
      );

    app.post(
      '/api/cycles/:id/refresh',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'Bring an open cycle up to date with the plan (items added, units removed)',
          params: IdParams,
          body: Type.Object({ version: Version }, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => service.refreshCycle(db, requireActor(request), request.params.id, request.body.version),
    );

    app.get(
      '/api/cycles/compare',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'Two cycles of a plan side by side: what moved, what stalled',
          querystring: Type.Object({ a: Type.String({ format: 'uuid' }), b: Type.String({ format: 'uuid' }) }),
          response: errorResponses,
        },
      },
      async (request) => compareCycles(db, request.caller, request.query.a, request.query.b),
    );

    app.get(
      '/api/my/tasks',
      { schema: { tags: ['follow-up'], summary: "The signed-in user's report tasks in open cycles", response: errorResponses } },
      async (request) => service.myTasks(db, requireActor(request)),
    );

    app.get(
      '/api/tasks/:id',
      {
        schema: { tags: ['follow-up'], summary: 'One report with its history and attachments', params: IdParams, response: errorResponses },
      },
      async (request) => service.getTask(db, request.caller, request.params.id),
    );

    app.put(
      '/api/tasks/:id',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'Save a report as draft, or submit it (submit: true locks it)',
          params: IdParams,
          body: EntryBody,
          response: errorResponses,
        },
      },
      async (request) => service.writeEntry(db, requireActor(request), request.params.id, request.body),
    );

    for (const action of ['return', 'approve', 'reopen'] as const)
      app.post(
        `/api/tasks/:id/${action}`,
        {
          schema: {
            tags: ['follow-up'],
            summary:
              action === 'return'
                ? 'Return a submitted report with a comment'
                : action === 'approve'
                  ? 'Approve a submitted report'
                  : 'Reopen an approved report (comment required; recorded)',
            params: IdParams,
            body: Type.Object(
              { version: Version, comment: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))) },
              { additionalProperties: false },
            ),
            response: errorResponses,
          },
        },
        async (request) => service.judgeEntry(db, requireActor(request), request.params.id, { ...request.body, action }, hooks),
      );

    app.post(
      '/api/tasks/:id/attachments',
      {
        schema: {
          tags: ['follow-up'],
          summary: `Attach evidence (multipart/form-data, field "file"; PDF, Word, images; at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB)`,
          params: IdParams,
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const upload = await readUpload(request, MAX_ATTACHMENT_BYTES);
        const view = await addAttachment(db, actor, request.params.id, upload);
        return reply.code(201).send(view);
      },
    );

    app.get(
      '/api/attachments/:id',
      { schema: { tags: ['follow-up'], summary: 'Download an attachment', params: IdParams, response: errorResponses } },
      async (request, reply) => {
        return sendStoredFile(reply, await readAttachment(db, request.caller, request.params.id));
      },
    );

    app.delete(
      '/api/attachments/:id',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'Remove an attachment from a report not yet submitted',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        await removeAttachment(db, requireActor(request), request.params.id);
        return noContent(reply);
      },
    );

    app.put(
      '/api/cycles/:id/assessments/:itemId',
      {
        schema: {
          tags: ['follow-up'],
          summary: "Set a goal's assessment with a rationale (version null for the first)",
          params: Type.Object({ id: Type.String({ format: 'uuid' }), itemId: Type.String({ format: 'uuid' }) }),
          body: Type.Object(
            { assessment: AssessmentValue, rationale: Type.String({ maxLength: 10000 }), version: Nullable(Type.Integer({ minimum: 1 })) },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.assessGoal(db, requireActor(request), request.params.id, request.params.itemId, request.body),
    );

    app.put(
      '/api/items/:id/weight',
      {
        schema: {
          tags: ['follow-up'],
          summary: "An item's weight in its goal's roll-up (null = 1)",
          params: IdParams,
          body: Type.Object(
            { version: Version, weight: Nullable(Type.Number({ minimum: 0, maximum: 100 })) },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.setWeight(db, requireActor(request), request.params.id, request.body),
    );

    app.get(
      '/api/items/:id/timeline',
      {
        schema: {
          tags: ['follow-up'],
          summary: "An item's follow-up across cycles (and earlier editions)",
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => itemTimeline(db, request.caller, request.params.id),
    );

    app.post(
      '/api/cycles/:id/reports',
      {
        schema: {
          tags: ['follow-up'],
          summary: 'Make the report to the board (docx, pdf, xlsx or csv) in a background job',
          params: IdParams,
          body: Type.Object({ format: Format }, { additionalProperties: false }),
          response: { 202: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const job = await requestReport(db, requireActor(request), request.params.id, request.body.format);
        options.pokeJobs?.();
        return reply.code(202).send(job);
      },
    );

    app.get(
      '/api/cycles/:id/reports',
      { schema: { tags: ['follow-up'], summary: 'Report files kept with the cycle', params: IdParams, response: errorResponses } },
      async (request) => listReportFiles(db, request.caller, request.params.id),
    );

    app.get(
      '/api/report-files/:id',
      { schema: { tags: ['follow-up'], summary: 'Download a report file', params: IdParams, response: errorResponses } },
      async (request, reply) => {
        const file = await readReportFile(db, request.caller, request.params.id);
        return reply
          .header('content-type', file.mediaType)
          .header('content-disposition', attachmentHeader(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(file.bytes));
      },
    );

    app.get(
      '/api/jobs/:id',
      { schema: { tags: ['follow-up'], summary: 'A background job: state and progress', params: IdParams, response: errorResponses } },
      async (request) => getJob(db, request.caller, request.params.id),
    );
  };
}
