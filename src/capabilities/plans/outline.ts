import { Nullable } from '../../kernel/schema.ts';
import { Type, type Static } from '@sinclair/typebox';

/**
 * plan-outline/1: the interchange format of a plan (docs/plan-outline.md). The TypeBox declaration is
 * the single source of the JSON Schema that validates imports, documents the API and types the code.
 */

export const YearOrDate = Type.String({
  pattern: '^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$',
  description: 'A year (2016) or an ISO date (2016-06-06)',
  examples: ['2016', '2016-06-06'],
});

export const ItemKind = Type.Union(
  [Type.Literal('vision'), Type.Literal('area'), Type.Literal('goal'), Type.Literal('activity'), Type.Literal('note')],
  { description: 'vision, area, goal, activity or note' },
);
export type ItemKind = Static<typeof ItemKind>;

export const DocumentKind = Type.Union([
  Type.Literal('policy'),
  Type.Literal('strategy'),
  Type.Literal('program'),
  Type.Literal('plan'),
  Type.Literal('action-plan'),
  Type.Literal('activity-plan'),
]);
export type DocumentKind = Static<typeof DocumentKind>;

export const DocumentStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('proposed'),
  Type.Literal('adopted'),
  Type.Literal('superseded'),
]);
export type DocumentStatus = Static<typeof DocumentStatus>;

export const UnitKind = Type.Union([
  Type.Literal('committee'),
  Type.Literal('administration'),
  Type.Literal('unit'),
  Type.Literal('company'),
  Type.Literal('partner'),
]);
export type UnitKind = Static<typeof UnitKind>;

export const Recurrence = Type.String({
  pattern: '^(CONTINUOUS|(RRULE:)?FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,+-]+)*)$',
  description: 'An RFC 5545 RRULE (FREQ=YEARLY) or CONTINUOUS',
});

export const Target = Type.Object(
  {
    value: Type.Optional(Nullable(Type.Number())),
    min: Type.Optional(Nullable(Type.Number())),
    max: Type.Optional(Nullable(Type.Number())),
    unit: Type.String({ minLength: 1, maxLength: 80 }),
    per: Type.Optional(
      Nullable(Type.Union([Type.Literal('year'), Type.Literal('half-year'), Type.Literal('quarter'), Type.Literal('month')])),
    ),
    by: Type.Optional(Nullable(YearOrDate)),
    text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type Target = Static<typeof Target>;

export const Period = Type.Object({ from: Nullable(YearOrDate), to: Nullable(YearOrDate) }, { additionalProperties: false });
export type Period = Static<typeof Period>;

export const Adoption = Type.Object(
  {
    body: Nullable(Type.String({ maxLength: 200 })),
    date: Nullable(Type.String({ format: 'date' })),
    paragraph: Nullable(Type.String({ maxLength: 40 })),
    dnr: Nullable(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);
export type Adoption = Static<typeof Adoption>;

export const FollowUpRule = Type.Object(
  {
    every: Type.Union([Type.Literal('year'), Type.Literal('half-year'), Type.Literal('quarter'), Type.Literal('month')]),
    reportTo: Nullable(Type.String({ maxLength: 200 })),
    text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type FollowUpRule = Static<typeof FollowUpRule>;

export const Revision = Type.Object(
  { everyYears: Nullable(Type.Integer({ minimum: 1, maximum: 20 })), text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);

export const OutlineUnit = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: UnitKind,
    abbreviation: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
);

const nodeFields = {
  id: Type.Optional(Type.String({ description: 'Only in exports: the item id in Delaktig' })),
  version: Type.Optional(Type.Integer({ description: 'Only in exports: the item version for optimistic concurrency' })),
  kind: ItemKind,
  label: Type.String({ minLength: 1, maxLength: 120 }),
  number: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  text: Type.String({ maxLength: 20000 }),
  responsible: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { default: [] }),
  contributors: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }))),
  due: Nullable(YearOrDate),
  recurrence: Nullable(Recurrence),
  period: Type.Optional(Nullable(Period)),
  target: Type.Optional(Nullable(Target)),
  frameworks: Type.Array(Type.String({ pattern: '^[a-z][a-z-]*(-[0-9]+)?$' }), { default: [] }),
};

export const OutlineNode = Type.Recursive(
  (Self) => Type.Object({ ...nodeFields, children: Type.Array(Self, { default: [] }) }, { additionalProperties: false }),
  { $id: 'OutlineNode' },
);
export type OutlineNode = Static<typeof OutlineNode>;

export const PlanOutline = Type.Object(
  {
    format: Type.Literal('plan-outline/1'),
    municipality: Type.Object({ code: Type.String({ pattern: '^[0-9]{4}$' }), name: Type.String() }, { additionalProperties: false }),
    title: Type.String({ minLength: 1, maxLength: 400 }),
    kind: DocumentKind,
    status: Type.Optional(DocumentStatus),
    adopted: Nullable(Adoption),
    decided: Type.Optional(Nullable(Adoption)),
    documentDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
    valid: Type.Object({ from: Nullable(YearOrDate), to: Nullable(YearOrDate) }, { additionalProperties: false }),
    revision: Type.Optional(Nullable(Revision)),
    followUp: Type.Array(FollowUpRule),
    levels: Type.Array(Type.String({ minLength: 1, maxLength: 120 })),
    units: Type.Optional(Type.Array(OutlineUnit)),
    matrixColumns: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    frameworks: Type.Optional(Type.Array(Type.String())),
    source: Type.Optional(
      Nullable(Type.Object({ file: Type.String(), note: Type.Optional(Nullable(Type.String())) }, { additionalProperties: false })),
    ),
    nodes: Type.Array(OutlineNode),
  },
  { $id: 'https://delaktig.se/schemas/plan-outline-1.json', title: 'plan-outline/1', additionalProperties: false },
);
export type PlanOutline = Static<typeof PlanOutline>;
