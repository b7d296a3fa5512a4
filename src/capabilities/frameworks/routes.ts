import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { planOutlineJsonSchema } from '../plans/validate-outline.ts';
import { frameworks } from './catalogue.ts';

export function frameworkRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/frameworks', { schema: { tags: ['frameworks'], summary: 'EU basic principles, strategic areas, ECCAR' } }, async () => ({
      frameworks: frameworks(),
    }));
    app.get(
      '/api/schemas/plan-outline.json',
      { schema: { tags: ['plans'], summary: 'JSON Schema of plan-outline/1' } },
      async () => planOutlineJsonSchema,
    );
  };
}
