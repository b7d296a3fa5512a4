import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CodeParams, IdParams, errorResponses, requireActor, type AppContext } from '../../http.ts';
import { notFound } from '../../kernel/errors.ts';
import { Nullable } from '../../kernel/schema.ts';
import { addDays } from './rules.ts';
import * as service from './service.ts';

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-03-01'] });
const Lang = Type.String({ pattern: '^[a-z]{2,3}$', examples: ['sv', 'ar', 'en'] });
const Translation = Type.Object(
  { title: Type.String({ maxLength: 200 }), description: Type.String({ maxLength: 8000 }) },
  { additionalProperties: false },
);
const activityFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 8000, description: 'HTML: p, br, strong, em, ul, ol, li, a; the rest is removed' })),
  translations: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z]{2,3}$' }), Translation)),
  category: Type.String({ maxLength: 40, description: 'language, homework, sport, culture, crafts, meeting, society, education, other' }),
  targetGroup: Type.Optional(Type.String({ maxLength: 300 })),
  ageMin: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
  ageMax: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
  languages: Type.Optional(Type.Array(Lang, { maxItems: 30 })),
  placeName: Type.Optional(Type.String({ maxLength: 200 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  accessibility: Type.Optional(Type.String({ maxLength: 1000 })),
  startDate: Day,
  startTime: Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$', examples: ['18:00'], description: 'Wall time in Europe/Stockholm' }),
  durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  rrule: Type.Optional(Nullable(Type.String({ maxLength: 300, examples: ['FREQ=WEEKLY;BYDAY=TU'] }))),
  until: Type.Optional(Nullable(Day)),
  cost: Type.Optional(Type.String({ maxLength: 300 })),
  registration: Type.Optional(Type.String({ maxLength: 500 })),
  contact: Type.Optional(Type.String({ maxLength: 500, description: 'Published: what the organiser chooses to show' })),
};
const SearchQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    language: Type.Optional(Lang),
    place: Type.Optional(Type.String({ maxLength: 100 })),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    lang: Type.Optional(Lang),
  },
  { additionalProperties: false },
);
type Search = { from?: string; to?: string; category?: string; language?: string; place?: string; age?: number; q?: string; lang?: string };
const queryOf = (q: Search) => ({ ...q, ageFrom: q.age, ageTo: q.age });
const Version = { version: Type.Integer({ minimum: 1 }) };

export function catalogueRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/municipalities/:code/activities',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Search published activities: date range (default the coming 90 days), category, language spoken, place, age, text',
          params: CodeParams,
          querystring: SearchQuery,
          response: errorResponses,
        },
      },
      async (request) => service.searchActivities(db, request.caller, request.params.code, queryOf(request.query)),
    );
    app.get(
      '/api/municipalities/:code/activities.ics',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'The same search as an iCalendar feed (one event per occurrence; cancelled ones STATUS:CANCELLED)',
          params: CodeParams,
          querystring: SearchQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const { code } = request.params;
        const municipality = await db.selectFrom('municipality').select('name').where('code', '=', code).executeTakeFirst();
        if (!municipality) throw notFound(`Kommunen ${code}`);
        const query = request.query;
        // A subscribed feed looks further ahead than a page: half a year unless the query says otherwise.
        const window = service.defaultWindow(new Date(), query.from);
        const result = await service.searchActivities(db, null, code, {
          ...queryOf(query),
          from: window.from,
          to: query.to ?? addDays(window.from, 180),
        });
        const baseUrl = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
        // The calendar writer loads on the first feed request, not with every server start.
        const { activitiesCalendar } = await import('./ics.ts');
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `inline; filename="aktiviteter-${code}.ics"`)
          .send(activitiesCalendar(municipality.name, result.activities, { baseUrl, lang: query.lang }));
      },
    );
    app.get(
      '/api/municipalities/:code/activities/managed',
      {
        schema: {
          tags: ['catalogue'],
          summary: "The activities the caller may work on, in every state (an organiser's own, or all for the coordinator)",
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.managedActivities(db, requireActor(request), request.params.code),
    );
    app.post(
      '/api/municipalities/:code/activities',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Add an activity as a draft, or send it for moderation at once (submit: true)',
          params: CodeParams,
          body: Type.Object(
            {
              organiserId: Type.Optional(Type.String({ format: 'uuid' })),
              unitId: Type.Optional(Type.String({ format: 'uuid', description: 'A unit organising: becomes an organiser on first use' })),
              ...activityFields,
              itemIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
              submit: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createActivity(db, requireActor(request), request.params.code, request.body)),
    );
    app.post(
      '/api/municipalities/:code/organisers',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Register an association as an organiser (coordinator)',
          params: CodeParams,
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 200 }),
              orgNumber: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
              contact: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createOrganiser(db, requireActor(request), request.params.code, request.body)),
    );
    app.get(
      '/api/activities/:id',
      { schema: { tags: ['catalogue'], summary: 'An activity with its coming occurrences', params: IdParams, response: errorResponses } },
      async (request) => service.getActivity(db, request.caller, request.params.id),
    );
    app.patch(
      '/api/activities/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: "Edit an activity; an organiser's edit of a published activity goes back to the coordinator",
          params: IdParams,
          body: Type.Object(
            {
              ...Version,
              ...Type.Partial(Type.Object(activityFields)).properties,
              itemIds: Type.Optional(
                Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50, description: 'Replaces the plan items the activity serves' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updateActivity(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/activities/:id/submit',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Send for moderation',
          params: IdParams,
          body: Type.Object(Version, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => service.submitActivity(db, requireActor(request), request.params.id, request.body.version),
    );
    app.post(
      '/api/activities/:id/moderate',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Publish, or reject with a reason (coordinator)',
          params: IdParams,
          body: Type.Object(
            {
              ...Version,
              decision: Type.Union([Type.Literal('publish'), Type.Literal('reject')]),
              note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.moderateActivity(db, requireActor(request), request.params.id, request.body),
    );
    app.put(
      '/api/activities/:id/occurrences/:date',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Cancel one occurrence with a reason, or restore it',
          params: Type.Object({ id: Type.String({ format: 'uuid' }), date: Day }),
          body: Type.Object(
            { ...Version, cancelled: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.setOccurrence(db, requireActor(request), request.params.id, request.params.date, request.body),
    );
    app.put(
      '/api/activities/:id/items',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'The plan items the activity serves',
          params: IdParams,
          body: Type.Object(
            { ...Version, itemIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 }) },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.linkActivityItems(db, requireActor(request), request.params.id, request.body),
    );
    app.get(
      '/api/items/:id/activities',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Published activities linked to a plan item and held in the period (default this year), with counts per year',
          params: IdParams,
          querystring: Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => service.itemActivities(db, request.caller, request.params.id, request.query),
    );
    app.get(
      '/api/plans/:id/activities',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Per item of a plan: linked published activities held per year (for follow-up)',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => service.planActivityCounts(db, request.caller, request.params.id),
    );
  };
}
