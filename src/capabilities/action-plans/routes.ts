import { Nullable } from '../../kernel/schema.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, errorResponses, requireActor, type AppContext } from '../../http.ts';
import { DocumentResponse, ItemResponse } from '../plans/api-schemas.ts';
import { DocumentStatus, Period, Recurrence, Target, YearOrDate } from '../plans/outline.ts';
import * as service from './service.ts';

const Version = Type.Integer({ minimum: 1, description: 'The version the change is based on (optimistic concurrency)' });
const Uuid = Type.String({ format: 'uuid' });

const RequestState = Type.Union([Type.Literal('requested'), Type.Literal('submitted'), Type.Literal('returned'), Type.Literal('accepted')]);

const RequestResponse = Type.Object(
  {
    id: Type.String(),
    planId: Type.String(),
    unit: Type.Object({ id: Type.String(), name: Type.String(), abbreviation: Nullable(Type.String()), kind: Type.String() }),
    actionPlanId: Type.String(),
    state: RequestState,
    due: Nullable(Type.String()),
    message: Nullable(Type.String()),
    returnComment: Nullable(Type.String()),
    activityCount: Type.Integer(),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ActionPlanRequest' },
);

const ActivityResponse = Type.Composite([Type.Omit(ItemResponse, []), Type.Object({ servesItemId: Nullable(Type.String()) })]);

const DetailResponse = Type.Object({
  request: Type.Ref('ActionPlanRequest'),
  plan: Type.Object({
    id: Type.String(),
    title: Type.String(),
    status: DocumentStatus,
    municipality: Type.Object({ code: Type.String(), name: Type.String() }),
  }),
  actionPlan: Type.Object({ id: Type.String(), title: Type.String(), status: DocumentStatus, version: Type.Integer() }),
  goals: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      number: Nullable(Type.String()),
      text: Type.String(),
      context: Nullable(Type.String()),
    }),
  ),
  groups: Type.Array(Type.Object({ goalId: Type.String(), activities: Type.Array(ActivityResponse) })),
  unassigned: Type.Array(ActivityResponse),
  may: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), decide: Type.Boolean() }),
});

const Responsible = Type.Array(
  Type.Object({ unitId: Uuid, role: Type.Union([Type.Literal('lead'), Type.Literal('contributor')]) }, { additionalProperties: false }),
  { maxItems: 100 },
);

const activityFields = {
  servesItemId: Type.Optional(Type.String({ format: 'uuid', description: 'The goal of the parent plan the activity serves' })),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
  responsible: Type.Optional(Responsible),
  due: Type.Optional(Nullable(YearOrDate)),
  recurrence: Type.Optional(Nullable(Recurrence)),
  period: Type.Optional(Nullable(Period)),
  target: Type.Optional(Nullable(Target)),
};

const ActivityParams = Type.Object({ id: Uuid, itemId: Uuid });

const transitionSummaries = {
  submit: 'Submit the action plan to the coordinator (locks it)',
  accept: 'Accept a submitted action plan',
  return: 'Return a submitted action plan with a comment (open for editing again)',
} as const;

export function actionPlanRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.addSchema(RequestResponse);

    app.post(
      '/api/plans/:id/action-plans',
      {
        schema: {
          tags: ['action plans'],
          summary: 'Ask chosen units for their action plans under this plan',
          params: IdParams,
          body: Type.Object(
            {
              unitIds: Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }),
              due: Type.Optional(Nullable(Type.String({ format: 'date' }))),
              message: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Array(Type.Ref('ActionPlanRequest')), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.requestActionPlans(db, requireActor(request), request.params.id, request.body)),
    );

    app.get(
      '/api/plans/:id/action-plans',
      {
        schema: {
          tags: ['action plans'],
          summary: "The plan's action plan requests (members of the municipality; others get an empty list)",
          params: IdParams,
          response: { 200: Type.Array(Type.Ref('ActionPlanRequest')), ...errorResponses },
        },
      },
      async (request) => service.listRequests(db, request.caller, request.params.id),
    );

    app.get(
      '/api/action-plans/:id',
      {
        schema: {
          tags: ['action plans'],
          summary: "A request with the action plan's activities grouped by the goal they serve",
          params: IdParams,
          response: { 200: DetailResponse, ...errorResponses },
        },
      },
      async (request) => service.getActionPlan(db, request.caller, request.params.id),
    );

    app.post(
      '/api/action-plans/:id/activities',
      {
        schema: {
          tags: ['action plans'],
          summary: 'Add an activity serving one of the plan’s goals (default responsible: the unit asked, as lead)',
          params: IdParams,
          body: Type.Object(
            { ...activityFields, servesItemId: Type.String({ format: 'uuid' }), text: Type.String({ minLength: 1, maxLength: 20000 }) },
            { additionalProperties: false },
          ),
          response: { 201: ActivityResponse, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createActivity(db, requireActor(request), request.params.id, request.body)),
    );

    app.patch(
      '/api/action-plans/:id/activities/:itemId',
      {
        schema: {
          tags: ['action plans'],
          summary: 'Edit an activity of the action plan',
          params: ActivityParams,
          body: Type.Object({ version: Version, ...activityFields }, { additionalProperties: false }),
          response: { 200: ActivityResponse, ...errorResponses },
        },
      },
      async (request) => service.updateActivity(db, requireActor(request), request.params.id, request.params.itemId, request.body),
    );

    app.delete(
      '/api/action-plans/:id/activities/:itemId',
      {
        schema: {
          tags: ['action plans'],
          summary: 'Remove an activity of the action plan',
          params: ActivityParams,
          querystring: Type.Object({ version: Version }),
          response: { 200: Type.Object({ deleted: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => service.deleteActivity(db, requireActor(request), request.params.id, request.params.itemId, request.query.version),
    );

    for (const action of ['submit', 'accept', 'return'] as const) {
      app.post(
        `/api/action-plans/:id/${action}`,
        {
          schema: {
            tags: ['action plans'],
            summary: transitionSummaries[action],
            params: IdParams,
            body: Type.Object(
              { version: Version, comment: Type.Optional(Type.String({ maxLength: 4000 })) },
              { additionalProperties: false },
            ),
            response: { 200: Type.Ref('ActionPlanRequest'), ...errorResponses },
          },
        },
        async (request) => service.transition(db, requireActor(request), request.params.id, action, request.body),
      );
    }

    app.post(
      '/api/plans/:id/activity-plan/compile',
      {
        schema: {
          tags: ['action plans'],
          summary: "Compile the accepted action plans into the plan's activity plan (a draft; compiling again replaces its items)",
          params: IdParams,
          body: Type.Object(
            { version: Type.Optional(Type.Integer({ minimum: 1, description: 'The draft activity plan’s version, when recompiling' })) },
            { additionalProperties: false },
          ),
          response: { 200: DocumentResponse, ...errorResponses },
        },
      },
      async (request) => service.compile(db, requireActor(request), request.params.id, request.body),
    );
  };
}
