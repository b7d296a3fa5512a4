import type { FastifyInstance, FastifySchema, HTTPMethods } from 'fastify';

/**
 * Every route the server answers, as declared: the permission table test walks it so that a new route without
 * an entry fails, and the hostile-input tests find the write endpoints and their body schemas in it.
 */
export interface RouteEntry {
  method: HTTPMethods;
  /** The path as declared, parameters included: /api/plans/:id */
  url: string;
  /** `METHOD url`, the key the permission table uses. */
  key: string;
  schema: FastifySchema | undefined;
}

// A WeakMap rather than a decoration: the list needs no declaration merging and dies with its app.
const lists = new WeakMap<object, RouteEntry[]>();

/**
 * Records the routes added after this call. HEAD twins that Fastify adds for GET routes are left out: they answer
 * as their GET does.
 */
export function recordRoutes(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  lists.set(app, list);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      list.push({ method, url: route.url, key: `${method} ${route.url}`, schema: route.schema });
    }
  });
}

/** The routes of a server built by buildServer, in the order they were added. */
export function routeListOf(app: FastifyInstance): readonly RouteEntry[] {
  const list = lists.get(app);
  if (!list) throw new Error('routeListOf: the server did not record its routes (recordRoutes was not called).');
  return list;
}

/** The API's own routes: under /api/, without the browsable documentation's pages and assets. */
export function apiRoutesOf(app: FastifyInstance): RouteEntry[] {
  return routeListOf(app).filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
}
