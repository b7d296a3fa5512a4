import { Nullable } from '../../kernel/schema.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, errorResponses, requireActor, type AppContext } from '../../http.ts';
import { coverage, frameworks } from '../frameworks/catalogue.ts';
import { listUnits } from '../organisation/organisation.ts';
import { buildMatrix } from './matrix.ts';
import { Adoption, DocumentKind, DocumentStatus, FollowUpRule, ItemKind, Period, Recurrence, Target, YearOrDate } from './outline.ts';
import { DocumentResponse, ItemResponse, MatrixResponse } from './api-schemas.ts';
import * as items from './items.ts';
import * as service from './service.ts';

const itemFields = {
  kind: Type.Optional(ItemKind),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  number: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
  due: Type.Optional(Nullable(YearOrDate)),
  recurrence: Type.Optional(Nullable(Recurrence)),
  period: Type.Optional(Nullable(Period)),
  target: Type.Optional(Nullable(Target)),
};

const Version = Type.Integer({ minimum: 1, description: 'The version the change is based on (optimistic concurrency)' });

export function planRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: "A steering document's metadata",
          params: IdParams,
          response: { 200: DocumentResponse, ...errorResponses },
        },
      },
      async (request) => service.getDocument(db, request.caller, request.params.id),
    );

    app.get(
      '/api/plans/:id/outline',
      {
        schema: {
          tags: ['plans'],
          summary: 'The plan as plan-outline/1 (nodes carry id and version)',
          params: IdParams,
          querystring: Type.Object({ download: Type.Optional(Type.Boolean()) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const outline = await service.exportOutline(db, request.caller, request.params.id);
        if (request.query.download) reply.header('content-disposition', `attachment; filename="plan-${request.params.id}.json"`);
        return outline;
      },
    );

    app.get(
      '/api/plans/:id/matrix',
      {
        schema: {
          tags: ['plans'],
          summary: 'Responsibility matrix: items × units',
          params: IdParams,
          response: { 200: MatrixResponse, ...errorResponses },
        },
      },
      async (request) => {
        const { document, items } = await service.getItems(db, request.caller, request.params.id);
        const units = await listUnits(db, document.municipality.code);
        return buildMatrix(items, units, document.matrixColumns);
      },
    );

    app.get(
      '/api/plans/:id/frameworks',
      { schema: { tags: ['plans'], summary: 'Framework coverage of the plan', params: IdParams, response: errorResponses } },
      async (request) => {
        const { document, items } = await service.getItems(db, request.caller, request.params.id);
        const linked = items
          .filter((i) => i.frameworks.length > 0)
          .map((i) => ({ itemId: i.id, label: i.label, number: i.number, text: i.text, frameworks: i.frameworks }));
        return coverage(frameworks(), linked, document.frameworks);
      },
    );

    app.patch(
      '/api/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: "Edit a document's metadata",
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              title: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
              kind: Type.Optional(DocumentKind),
              status: Type.Optional(DocumentStatus),
              adopted: Type.Optional(Nullable(Adoption)),
              decided: Type.Optional(Nullable(Adoption)),
              documentDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
              valid: Type.Optional(Type.Object({ from: Nullable(YearOrDate), to: Nullable(YearOrDate) }, { additionalProperties: false })),
              revision: Type.Optional(
                Nullable(
                  Type.Object(
                    { everyYears: Nullable(Type.Integer({ minimum: 1, maximum: 20 })), text: Type.Optional(Nullable(Type.String())) },
                    { additionalProperties: false },
                  ),
                ),
              ),
              followUp: Type.Optional(Type.Array(FollowUpRule)),
              levels: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }))),
              matrixColumns: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
            },
            { additionalProperties: false },
          ),
          response: { 200: DocumentResponse, ...errorResponses },
        },
      },
      async (request) => service.updateDocument(db, requireActor(request), request.params.id, request.body),
    );

    app.post(
      '/api/plans/:id/items',
      {
        schema: {
          tags: ['items'],
          summary: 'Add an item at any level',
          params: IdParams,
          body: Type.Object(
            {
              ...itemFields,
              kind: ItemKind,
              label: Type.String({ minLength: 1, maxLength: 120 }),
              text: Type.String({ minLength: 1, maxLength: 20000 }),
              parentId: Nullable(Type.String({ format: 'uuid' })),
              position: Type.Optional(Type.Integer({ minimum: 0 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: ItemResponse, ...errorResponses },
        },
      },
      async (request, reply) => reply.code(201).send(await items.createItem(db, requireActor(request), request.params.id, request.body)),
    );

    app.patch(
      '/api/items/:id',
      {
        schema: {
          tags: ['items'],
          summary: "Edit an item's content",
          params: IdParams,
          body: Type.Object({ version: Version, ...itemFields }, { additionalProperties: false }),
          response: { 200: ItemResponse, ...errorResponses },
        },
      },
      async (request) => items.updateItem(db, requireActor(request), request.params.id, request.body),
    );

    app.post(
      '/api/items/:id/move',
      {
        schema: {
          tags: ['items'],
          summary: 'Move or re-order an item',
          params: IdParams,
          body: Type.Object(
            { version: Version, parentId: Nullable(Type.String({ format: 'uuid' })), position: Type.Integer({ minimum: 0 }) },
            { additionalProperties: false },
          ),
          response: { 200: ItemResponse, ...errorResponses },
        },
      },
      async (request) => items.moveItem(db, requireActor(request), request.params.id, request.body),
    );

    app.delete(
      '/api/items/:id',
      {
        schema: {
          tags: ['items'],
          summary: 'Remove an item and everything below it',
          params: IdParams,
          querystring: Type.Object({ version: Version }),
          response: { 200: Type.Object({ deleted: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => items.deleteItem(db, requireActor(request), request.params.id, request.query.version),
    );

    app.put(
      '/api/items/:id/responsibility',
      {
        schema: {
          tags: ['items'],
          summary: "Set an item's responsible units (lead or contributor)",
          params: IdParams,
          body: Type.Object(
            {
              version: Version,
              assignments: Type.Array(
                Type.Object(
                  { unitId: Type.String({ format: 'uuid' }), role: Type.Union([Type.Literal('lead'), Type.Literal('contributor')]) },
                  { additionalProperties: false },
                ),
                { maxItems: 100 },
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: ItemResponse, ...errorResponses },
        },
      },
      async (request) => items.setResponsibility(db, requireActor(request), request.params.id, request.body),
    );

    app.put(
      '/api/items/:id/frameworks',
      {
        schema: {
          tags: ['items'],
          summary: "Set an item's framework links",
          params: IdParams,
          body: Type.Object(
            { version: Version, frameworks: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 }) },
            { additionalProperties: false },
          ),
          response: { 200: ItemResponse, ...errorResponses },
        },
      },
      async (request) => items.setFrameworkLinks(db, requireActor(request), request.params.id, request.body),
    );
  };
}
