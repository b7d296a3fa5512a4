import fc from 'fast-check';

/** The parts of a route's JSON (TypeBox) schema the generator reads; anything else is generated as any JSON value. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return dates.map(day);
    case 'date-time':
      return dates.map((d) => d.toISOString());
    case 'email':
      return fc
        .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), fc.stringMatching(/^[a-z]{2,10}$/))
        .map(([local, domain]) => `${local}@${domain}.se`);
    case undefined:
    default:
      break;
  }
  if (schema.pattern) {
    const max = schema.maxLength;
    const matching = fc.stringMatching(new RegExp(schema.pattern));
    return max === undefined ? matching : matching.filter((s) => s.length <= max && s.length >= (schema.minLength ?? 0));
  }
  // Text as people type it, Swedish letters included, kept short so a run stays fast.
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, minLength + 40));
  return fc.string({ unit: fc.constantFrom(...'abcåäöÅÄÖ xyz-.,!?0123456789é'), minLength, maxLength }).map((s) =>
    // Most fields refuse text that is only spaces; a letter up front keeps the body valid.
    minLength > 0 ? `a${s.slice(1)}` : s,
  );
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => Math.round(n * 100) / 100);
}

/** Bodies the schema accepts: every required property, any subset of the optional ones, nothing else. */
export function arbitraryOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map(arbitraryOf));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      if (schema.patternProperties) {
        const [pattern, value] = Object.entries(schema.patternProperties)[0]!;
        return fc.dictionary(
          fc.stringMatching(new RegExp(pattern)).filter((k) => k.length > 0 && k.length < 20),
          arbitraryOf(value),
          {
            maxKeys: 3,
          },
        );
      }
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, arbitraryOf(v)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, minLength + 3));
      const items = arbitraryOf(schema.items ?? {});
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case undefined:
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A body the schema must refuse, and the path the refusal must name. */
export interface Mutation {
  what: string;
  body: Record<string, unknown>;
  path: string;
}

function typesOf(schema: JsonSchema): Set<string> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return new Set(branches.flatMap((b) => [...typesOf(b)]));
  if ('const' in schema) return new Set([schema.const === null ? 'null' : typeof schema.const]);
  return new Set([schema.type ?? 'any'].flat());
}

/**
 * A value of no type the property takes, and one the validator cannot coerce into it (it coerces scalars and
 * one-element arrays): an object where no object is allowed, otherwise an empty array.
 */
function wrongTypeFor(schema: JsonSchema): unknown {
  const types = typesOf(schema);
  if (types.has('any')) return undefined;
  if (!types.has('object')) return { garbage: [[['x']]] };
  if (!types.has('array')) return [];
  return undefined;
}

function branch(schema: JsonSchema, type: string): JsonSchema | undefined {
  if (schema.type === type) return schema;
  return (schema.anyOf ?? schema.oneOf ?? []).find((b) => b.type === type);
}

/** Every way to break a valid body of an object schema that the schema itself says is wrong. */
export function mutationsOf(schema: JsonSchema, valid: Record<string, unknown>): Mutation[] {
  const out: Mutation[] = [{ what: 'unknown property', body: { ...valid, zzUnknownField: 1 }, path: '/zzUnknownField' }];
  for (const key of schema.required ?? []) {
    const body = { ...valid };
    delete body[key];
    out.push({ what: `missing ${key}`, body, path: `/${key}` });
  }
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const wrong = wrongTypeFor(prop);
    if (wrong !== undefined) out.push({ what: `wrong type for ${key}`, body: { ...valid, [key]: wrong }, path: `/${key}` });
    const text = branch(prop, 'string');
    if (text?.maxLength !== undefined && !text.format)
      out.push({ what: `too long ${key}`, body: { ...valid, [key]: 'x'.repeat(text.maxLength + 1) }, path: `/${key}` });
    const num = branch(prop, 'integer') ?? branch(prop, 'number');
    if (num?.minimum !== undefined) out.push({ what: `${key} below minimum`, body: { ...valid, [key]: num.minimum - 1 }, path: `/${key}` });
    if (num?.maximum !== undefined) out.push({ what: `${key} above maximum`, body: { ...valid, [key]: num.maximum + 1 }, path: `/${key}` });
    const list = branch(prop, 'array');
    if (list?.items && typesOf(list.items).has('object') && !typesOf(list.items).has('any'))
      out.push({ what: `nested garbage in ${key}`, body: { ...valid, [key]: [{ zzNested: { a: [[[{}]]] } }] }, path: `/${key}/0` });
  }
  return out;
}

/** The JSON pointers of every string a body of this schema can hold (array items as /0), with their schemas. */
export function stringFieldsOf(schema: JsonSchema, at = ''): { path: string; schema: JsonSchema }[] {
  const text = branch(schema, 'string');
  if (text && !('const' in text) && !schema.anyOf?.every((b) => 'const' in b)) return [{ path: at, schema: text }];
  const object = branch(schema, 'object');
  if (object?.properties) return Object.entries(object.properties).flatMap(([k, v]) => stringFieldsOf(v, `${at}/${k}`));
  const list = branch(schema, 'array');
  if (list?.items) return stringFieldsOf(list.items, `${at}/0`);
  return [];
}

/** A copy of body with value at the JSON pointer path, creating the objects and one-element arrays on the way. */
export function withValueAt(body: unknown, path: string, value: unknown, schema: JsonSchema): unknown {
  const [head, ...rest] = path.split('/').slice(1);
  if (head === undefined) return value;
  const object = branch(schema, 'object');
  if (object) {
    const base = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const child = object.properties?.[head] ?? {};
    return { ...base, [head]: withValueAt(base[head], rest.length ? `/${rest.join('/')}` : '', value, child) };
  }
  const list = branch(schema, 'array');
  if (list) {
    const base = Array.isArray(body) ? [...(body as unknown[])] : [];
    base[0] = withValueAt(base[0], rest.length ? `/${rest.join('/')}` : '', value, list.items ?? {});
    return base;
  }
  return value;
}
