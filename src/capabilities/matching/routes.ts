import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { publicWriteLimit } from '../../security.ts';
import { CodeParams, IdParams, errorResponses, noContent, requireActor, type AppContext } from '../../http.ts';
import { Nullable } from '../../kernel/schema.ts';
import { AVAILABILITY, END_REASONS } from './rules.ts';
import * as matches from './matches.ts';
import * as people from './people.ts';
import * as privacy from './privacy.ts';
import * as service from './service.ts';

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2016-03-01'] });
const Version = Type.Integer({ minimum: 1 });
const Kind = Type.Union([Type.Literal('buddy'), Type.Literal('friend_family')]);
const Side = Type.Union([Type.Literal('volunteer'), Type.Literal('newcomer')]);
const Words = (max: number) => Type.Array(Type.String({ maxLength: 60 }), { maxItems: max });

const programmeFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Kind,
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  retentionMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, description: 'Months after last activity before erasure' })),
  consentText: Type.String({ minLength: 1, maxLength: 4000 }),
  registrationOpen: Type.Optional(Type.Boolean()),
  itemIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
  coordinatorIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
};

/** Only what matching needs: no personal identity number, no nationality, no health. */
const personFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  languages: Words(10),
  interests: Type.Optional(Words(15)),
  area: Type.Optional(Type.String({ maxLength: 100 })),
  household: Type.Optional(Type.Union([Type.Literal('single'), Type.Literal('couple'), Type.Literal('family')])),
  children: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
  availability: Type.Optional(Type.Array(Type.Union(AVAILABILITY.map((a) => Type.Literal(a))), { maxItems: 3 })),
  wishes: Type.Optional(Type.String({ maxLength: 1000 })),
};

const personDefaults = { interests: [], area: '', household: 'single' as const, children: 0, availability: [], wishes: '' };

export function matchingRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/municipalities/:code/matching/programmes',
      {
        schema: {
          tags: ['matching'],
          summary: "The municipality's buddy and friend-family programmes with their counts (counts only: open to all)",
          params: CodeParams,
          response: errorResponses,
        },
      },
      async (request) => service.listProgrammes(db, request.caller, request.params.code),
    );
    app.post(
      '/api/municipalities/:code/matching/programmes',
      {
        schema: {
          tags: ['matching'],
          summary: 'Set up a programme; a coordinator who creates it is assigned to it',
          params: CodeParams,
          body: Type.Object(programmeFields, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createProgramme(db, requireActor(request), request.params.code, request.body)),
    );
    app.get(
      '/api/matching/programmes/:id',
      { schema: { tags: ['matching'], summary: 'One programme and its counts per year', params: IdParams, response: errorResponses } },
      async (request) => service.getProgramme(db, request.caller, request.params.id),
    );
    app.patch(
      '/api/matching/programmes/:id',
      {
        schema: {
          tags: ['matching'],
          summary: 'Change settings or assigned coordinators (a changed consent text gets a new version)',
          params: IdParams,
          body: Type.Object(
            { version: Version, ...Type.Partial(Type.Object(programmeFields)).properties },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => service.updateProgramme(db, requireActor(request), request.params.id, request.body),
    );
    app.get(
      '/api/matching/programmes/:id/workspace',
      {
        schema: {
          tags: ['matching'],
          summary: "People, suggestions with score and reasons, matches and check-ins due: the programme's coordinators only",
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request) => service.workspace(db, request.caller, request.params.id),
    );
    app.post(
      '/api/matching/programmes/:id/people',
      {
        schema: {
          tags: ['matching'],
          summary: 'A coordinator registers a person on their behalf, with their consent',
          params: IdParams,
          body: Type.Object({ side: Side, consent: Type.Boolean(), ...personFields }, { additionalProperties: false }),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await people.createPerson(db, requireActor(request), request.params.id, { ...personDefaults, ...request.body })),
    );
    app.get('/api/matching/people/:id', { schema: { tags: ['matching'], params: IdParams, response: errorResponses } }, async (request) =>
      people.getPerson(db, request.caller, request.params.id),
    );
    app.patch(
      '/api/matching/people/:id',
      {
        schema: {
          tags: ['matching'],
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              status: Type.Optional(Type.Union(['waiting', 'paused', 'left'].map((s) => Type.Literal(s as 'waiting')))),
              ...Type.Partial(Type.Object(personFields)).properties,
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => people.updatePerson(db, requireActor(request), request.params.id, request.body),
    );
    app.get(
      '/api/matching/people/:id/extract',
      {
        schema: {
          tags: ['matching'],
          summary: 'Register extract: everything held about the person, as a JSON download',
          params: IdParams,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const extract = await privacy.registerExtract(db, request.caller, request.params.id);
        return reply
          .header('content-disposition', `attachment; filename="registerutdrag-${request.params.id}.json"`)
          .header('cache-control', 'no-store')
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(extract, null, 2));
      },
    );
    app.delete(
      '/api/matching/people/:id',
      {
        schema: {
          tags: ['matching'],
          summary: 'Erase a person: personal data gone, counts kept',
          params: IdParams,
          querystring: Type.Object({ version: Version }),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await privacy.erasePerson(db, requireActor(request), request.params.id, { version: request.query.version });
        return noContent(reply);
      },
    );
    app.post(
      '/api/matching/programmes/:id/matches',
      {
        schema: {
          tags: ['matching'],
          summary: 'Propose a match between a volunteer and a newcomer (score and reasons saved with it)',
          params: IdParams,
          body: Type.Object(
            { volunteerId: Type.String({ format: 'uuid' }), newcomerId: Type.String({ format: 'uuid' }) },
            { additionalProperties: false },
          ),
          response: { 201: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await matches.proposeMatch(db, requireActor(request), request.params.id, request.body)),
    );
    app.post(
      '/api/matching/matches/:id/confirm',
      {
        schema: {
          tags: ['matching'],
          summary: 'Confirm a proposal: both sides are told, check-ins at 1, 3 and 6 months are scheduled',
          params: IdParams,
          body: Type.Object({ version: Version, confirmedOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => matches.confirmMatch(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/matching/matches/:id/decline',
      {
        schema: {
          tags: ['matching'],
          params: IdParams,
          body: Type.Object({ version: Version }, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => matches.declineMatch(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/matching/matches/:id/informed',
      {
        schema: {
          tags: ['matching'],
          summary: 'Mark a side as told in person (where there is no e-mail address)',
          params: IdParams,
          body: Type.Object({ side: Side, version: Version }, { additionalProperties: false }),
          response: errorResponses,
        },
      },
      async (request) => matches.markInformed(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/matching/matches/:id/end',
      {
        schema: {
          tags: ['matching'],
          summary: 'End an active match with a reason',
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              reason: Type.Union(END_REASONS.map((r) => Type.Literal(r))),
              note: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
              endedOn: Type.Optional(IsoDate),
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => matches.endMatch(db, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/matching/check-ins/:id',
      {
        schema: {
          tags: ['matching'],
          summary: 'Record a check-in (1, 3 or 6 months)',
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              outcome: Type.Union([Type.Literal('ok'), Type.Literal('concern'), Type.Literal('ended')]),
              note: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
              doneOn: Type.Optional(IsoDate),
            },
            { additionalProperties: false },
          ),
          response: errorResponses,
        },
      },
      async (request) => matches.recordCheckIn(db, requireActor(request), request.params.id, request.body),
    );
    const PublicParams = Type.Object({ code: CodeParams.properties.code, id: Type.String({ format: 'uuid' }) });
    app.get(
      '/api/municipalities/:code/matching/programmes/:id/registration',
      {
        schema: {
          tags: ['matching'],
          summary: 'What the public registration form shows: the programme and its consent text',
          params: PublicParams,
          response: errorResponses,
        },
      },
      async (request) => people.registrationForm(db, request.params.code, request.params.id),
    );
    app.post(
      '/api/municipalities/:code/matching/programmes/:id/registrations',
      {
        config: publicWriteLimit(ctx.config),
        schema: {
          tags: ['matching'],
          summary: 'Public registration without signing in; consent must be true. Answers with a thank-you only',
          params: PublicParams,
          body: Type.Object(
            { side: Side, consent: Type.Boolean(), consentVersion: Type.Optional(Type.Integer({ minimum: 1 })), ...personFields },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ message: Type.String() }), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await people.register(db, request.params.code, request.params.id, { ...personDefaults, ...request.body })),
    );
  };
}
