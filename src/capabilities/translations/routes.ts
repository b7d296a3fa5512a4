import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, requireActor, type AppContext } from '../../http.ts';
import { Nullable } from '../../kernel/schema.ts';
import * as service from './service.ts';

// Kind and language are checked by the service, not the schema, so a wrong one gets a Swedish message naming it.
const EntityParams = Type.Object({
  kind: Type.String({ maxLength: 20, examples: ['item', 'document', 'activity', 'guide'] }),
  id: Type.String({ maxLength: 100 }),
});
const LangParams = Type.Object({
  kind: Type.String({ maxLength: 20, examples: ['item'] }),
  id: Type.String({ maxLength: 100 }),
  lang: Type.String({ maxLength: 10, examples: ['en', 'ar', 'ti', 'so', 'prs'] }),
});
const Body = Type.Object(
  {
    title: Type.String({ maxLength: 20000, description: "The translated title (an item's text)" }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 20000, description: 'Activities and guide entries only' }))),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version the change is based on; absent when adding' })),
  },
  { additionalProperties: false },
);

export function translationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/api/translations/:kind/:id',
      {
        schema: {
          tags: ['translations'],
          summary: "An item's, plan's, activity's or guide entry's translations into every public language, with the Swedish original",
          params: EntityParams,
          response: errorResponses,
        },
      },
      async (request) => service.listTranslations(db, request.caller, request.params.kind, request.params.id),
    );
    app.put(
      '/api/translations/:kind/:id/:lang',
      {
        schema: {
          tags: ['translations'],
          summary: 'Add or change the translation into one language (coordinators); 409 with the saved one if stale',
          params: LangParams,
          body: Body,
          response: errorResponses,
        },
      },
      async (request) => {
        const { kind, id, lang } = request.params;
        return service.saveTranslation(db, requireActor(request), kind, id, lang, request.body);
      },
    );
    app.delete(
      '/api/translations/:kind/:id/:lang',
      {
        schema: {
          tags: ['translations'],
          summary: 'Remove the translation into one language: the public pages show the Swedish text again',
          params: LangParams,
          querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
          response: errorResponses,
        },
      },
      async (request) => {
        const { kind, id, lang } = request.params;
        return service.deleteTranslation(db, requireActor(request), kind, id, lang, request.query.version);
      },
    );
  };
}
