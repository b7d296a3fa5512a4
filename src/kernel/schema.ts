import { Type, type TSchema } from '@sinclair/typebox';

/**
 * A value or null. Null comes first: the API validates with type coercion on, and ajv coerces inside the first
 * branch of a union it tries — with the value first, a JSON null would become 0 or "" before null was tried.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
