import { Nullable } from '../../kernel/schema.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, errorResponses, requireActor, type AppContext } from '../../http.ts';
import { DocumentResponse } from '../plans/api-schemas.ts';
import { Adoption, DocumentStatus } from '../plans/outline.ts';
import * as service from './service.ts';

const Version = Type.Integer({ minimum: 1, description: 'The version the change is based on (optimistic concurrency)' });

const Edition = Type.Object({
  id: Type.String(),
  edition: Type.Integer(),
  title: Type.String(),
  status: DocumentStatus,
  adopted: Nullable(Adoption),
  revisesId: Nullable(Type.String()),
  parentDocumentId: Nullable(Type.String()),
  itemCount: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const ItemRef = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  number: Nullable(Type.String()),
  text: Type.String(),
});
const Place = Type.Object({ parent: Nullable(ItemRef), position: Type.Integer() });
const FieldChange = Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() });
const DiffItem = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  position: Type.Integer(),
  kind: Type.String(),
  label: Type.String(),
  number: Nullable(Type.String()),
  text: Type.String(),
  due: Nullable(Type.String()),
  recurrence: Nullable(Type.String()),
  target: Type.Unknown(),
  period: Nullable(Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) })),
  responsible: Type.Array(
    Type.Object({ unitId: Type.String(), name: Type.String(), role: Type.Union([Type.Literal('lead'), Type.Literal('contributor')]) }),
  ),
  frameworks: Type.Array(Type.String()),
});

const DiffResponse = Type.Object({
  before: Edition,
  after: Edition,
  document: Type.Array(FieldChange),
  added: Type.Array(Type.Object({ item: DiffItem, parent: Nullable(ItemRef), parentAdded: Type.Boolean() })),
  removed: Type.Array(Type.Object({ item: DiffItem, parent: Nullable(ItemRef), parentRemoved: Type.Boolean() })),
  changed: Type.Array(Type.Object({ before: ItemRef, after: ItemRef, fields: Type.Array(FieldChange) })),
  moved: Type.Array(
    Type.Object({
      before: ItemRef,
      after: ItemRef,
      from: Place,
      to: Place,
      reason: Type.Union([Type.Literal('parent'), Type.Literal('order')]),
    }),
  ),
  unchanged: Type.Integer(),
});

export function revisionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.post(
      '/api/plans/:id/revisions',
      {
        schema: {
          tags: ['revisions'],
          summary: 'Start a revision of an adopted document: a new draft edition in the same series',
          params: IdParams,
          body: Type.Object({ version: Version }, { additionalProperties: false }),
          response: { 201: DocumentResponse, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.startRevision(db, requireActor(request), request.params.id, request.body)),
    );

    app.get(
      '/api/plans/:id/versions',
      {
        schema: {
          tags: ['revisions'],
          summary: "Every edition in the document's series the caller may read, oldest first",
          params: IdParams,
          response: { 200: Type.Array(Edition), ...errorResponses },
        },
      },
      async (request) => service.listVersions(db, request.caller, request.params.id),
    );

    app.get(
      '/api/plans/:id/diff',
      {
        schema: {
          tags: ['revisions'],
          summary: 'Every difference to another edition (default: the one this edition revises)',
          params: IdParams,
          querystring: Type.Object({ against: Type.Optional(Type.String({ format: 'uuid' })) }),
          response: { 200: DiffResponse, ...errorResponses },
        },
      },
      async (request) => service.diffEditions(db, request.caller, request.params.id, request.query.against),
    );

    app.post(
      '/api/plans/:id/adopt',
      {
        schema: {
          tags: ['revisions'],
          summary: 'Record the adoption of an edition; the edition adopted before it becomes superseded',
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              adopted: Type.Object(
                {
                  body: Type.String({ minLength: 1, maxLength: 200 }),
                  date: Type.String({ format: 'date' }),
                  paragraph: Type.String({ minLength: 1, maxLength: 40 }),
                  dnr: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
                },
                { additionalProperties: false },
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: DocumentResponse, ...errorResponses },
        },
      },
      async (request) => service.adoptEdition(db, requireActor(request), request.params.id, request.body),
    );
  };
}
