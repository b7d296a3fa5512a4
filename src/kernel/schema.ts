import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * A value or null. Null comes first: the API validates with type coercion on, and ajv coerces inside the first
 * branch of a union it tries — with the value first, a JSON null would become 0 or "" before null was tried.
 * The null branch coerces too, though: 0 and false would become null there (a reported 0 % or a weight of 0
 * saved as "nothing"). A number or boolean is therefore one schema naming both types, which ajv coerces only
 * when the value is neither.
 */
export const Nullable = <T extends TSchema>(schema: T) =>
  schema.type === 'number' || schema.type === 'integer' || schema.type === 'boolean'
    ? Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] })
    : Type.Union([Type.Null(), schema]);
