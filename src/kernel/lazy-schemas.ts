/**
 * Fastify compiles every route's validators (Ajv) and response serializers (fast-json-stringify) before it listens:
 * for some 300 routes that is over a second on two cores, paid on every start although a start serves few routes at
 * first. These compiler factories hand Fastify functions that compile on their first call instead, with Fastify's own
 * compilers and options, so the server listens sooner. Once it listens, `compilePending` compiles the rest in idle
 * slices: requests are served in between, and a schema Ajv refuses is still reported right after the start.
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

interface RouteSchema {
  schema: unknown;
  method?: string;
  url?: string;
  httpPart?: string;
  httpStatus?: string;
  contentType?: string;
}
type Validate = ((data: unknown) => unknown) & { errors?: unknown };
type Serialize = (data: unknown) => string;
type Compile<F> = (route: RouteSchema) => F;
type Factory<F> = (externalSchemas: unknown, options: unknown) => Compile<F>;

// The compilers Fastify itself uses, resolved from Fastify's own dependencies so they are the versions it expects.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
const { AjvCompiler } = fastifyRequire('@fastify/ajv-compiler') as { AjvCompiler: () => Factory<Validate> };
const { SerializerSelector } = fastifyRequire('@fastify/fast-json-stringify-compiler') as { SerializerSelector: () => Factory<Serialize> };

/**
 * With a custom factory Fastify hands header schemas over untouched, where for its own it lower-cases the header
 * names first (Node gives request headers in lower case): done here the same way, so header schemas behave as before.
 */
function lowerCaseHeaders(route: RouteSchema): RouteSchema {
  const headers = route.schema as { required?: unknown; properties?: Record<string, unknown> } | null;
  if (route.httpPart !== 'headers' || !headers || Object.getPrototypeOf(headers) !== Object.prototype) return route;
  const lowered: Record<string, unknown> = { ...headers };
  if (Array.isArray(headers.required)) lowered.required = headers.required.map((h: string) => h.toLowerCase());
  if (headers.properties) lowered.properties = Object.fromEntries(Object.entries(headers.properties).map(([k, v]) => [k.toLowerCase(), v]));
  return { ...route, schema: lowered };
}

function describe(route: RouteSchema): string {
  const part = route.httpPart ?? (route.httpStatus ? `response ${route.httpStatus}` : 'schema');
  return `${route.method ?? ''} ${route.url ?? ''} (${part}${route.contentType ? `, ${route.contentType}` : ''})`.trim();
}

type FastifyFactories = Required<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>>;

export interface LazySchemaCompilers {
  buildValidator: FastifyFactories['buildValidator'];
  buildSerializer: FastifyFactories['buildSerializer'];
  /** Compiles everything not compiled yet, one schema per turn of the event loop; reports each one that fails. */
  compilePending(onError: (route: string, error: unknown) => void): Promise<void>;
}

export function lazySchemaCompilers(): LazySchemaCompilers {
  const buildValidator = AjvCompiler();
  const buildSerializer = SerializerSelector();
  // Each waiting schema: what it is, and how to compile it now.
  const pending = new Map<() => void, string>();

  /** `get()` compiles on its first call (and again after a failure, which it throws, naming the route). */
  function deferred<F>(route: RouteSchema, compile: () => F): () => F {
    let compiled: F | undefined;
    const get = () => {
      if (compiled === undefined) {
        try {
          compiled = compile();
        } catch (error) {
          throw new Error(`${describe(route)}: the schema cannot be compiled: ${(error as Error).message}`, { cause: error });
        }
        pending.delete(force);
      }
      return compiled;
    };
    const force = () => void get();
    pending.set(force, describe(route));
    return get;
  }

  const lazyValidator: Factory<Validate> = (externalSchemas, options) => {
    let compiler: Compile<Validate> | undefined;
    return (route) => {
      const get = deferred(route, () => (compiler ??= buildValidator(externalSchemas, options))(lowerCaseHeaders(route)));
      // Fastify reads `errors` off the function it was given once a validation fails.
      const validate: Validate = (data) => {
        const real = get();
        const result = real(data);
        validate.errors = real.errors;
        return result;
      };
      return validate;
    };
  };
  const lazySerializer: Factory<Serialize> = (externalSchemas, options) => {
    let compiler: Compile<Serialize> | undefined;
    return (route) => {
      const get = deferred(route, () => (compiler ??= buildSerializer(externalSchemas, options))(route));
      return (data) => get()(data);
    };
  };

  return {
    // The functions keep the contract of Fastify's own factories; only their declared types are Fastify's.
    buildValidator: lazyValidator as unknown as FastifyFactories['buildValidator'],
    buildSerializer: lazySerializer as unknown as FastifyFactories['buildSerializer'],
    async compilePending(onError) {
      for (const [force, route] of pending) {
        try {
          force();
        } catch (error) {
          pending.delete(force);
          onError(route, error);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
