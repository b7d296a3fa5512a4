import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CodeParams, errorResponses, readUpload, requireActor, type AppContext } from '../../http.ts';
import { AppError } from '../../kernel/errors.ts';
import { PlanOutline } from '../plans/outline.ts';
import { importOutline } from '../plans/service.ts';
import { ImportPreview } from './preview.ts';
import { previewImport } from './service.ts';

/** Word and PDF plans with pictures run to a few MB; 20 MB leaves room without inviting abuse. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function planImportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.post(
      '/api/municipalities/:code/plan-imports',
      {
        schema: {
          tags: ['plan import'],
          summary: 'Read a plan document (.docx, .pdf, .txt; multipart field "file") into a plan-outline/1 for review. Stores nothing.',
          params: CodeParams,
          response: { 200: ImportPreview, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return previewImport(db, actor, request.params.code, await readUpload(request, MAX_UPLOAD_BYTES));
      },
    );

    app.post(
      '/api/municipalities/:code/plans/import',
      {
        schema: {
          tags: ['plan import'],
          summary: 'Save a reviewed plan-outline/1 as a new plan of the municipality, creating the units it names that are missing',
          params: CodeParams,
          body: Type.Object({ outline: PlanOutline }, { additionalProperties: false }),
          response: {
            201: Type.Object({ documentId: Type.String(), itemCount: Type.Integer(), createdUnits: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
        bodyLimit: 10 * 1024 * 1024,
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { code } = request.params;
        const outline = request.body.outline;
        if (outline.municipality.code !== code && outline.municipality.code !== '0000')
          throw new AppError('validation', `Planen gäller kommun ${outline.municipality.code}, men importeras till ${code}.`);
        const saved = await importOutline(db, actor, { ...outline, municipality: { ...outline.municipality, code } }, code);
        return reply.code(201).send(saved);
      },
    );
  };
}
