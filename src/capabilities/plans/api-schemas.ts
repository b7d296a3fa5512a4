import { Nullable } from '../../kernel/schema.ts';
import { Type } from '@sinclair/typebox';
import { Adoption, DocumentKind, DocumentStatus, FollowUpRule, ItemKind, Period, Target } from './outline.ts';

/**
 * Response shapes of the plans API. Declared once: they document the API (OpenAPI) and make Fastify's
 * serializer send exactly these fields, so nothing unintended leaks from a row.
 */

export const ItemResponse = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    parentId: Nullable(Type.String()),
    position: Type.Integer(),
    kind: ItemKind,
    label: Type.String(),
    number: Nullable(Type.String()),
    text: Type.String(),
    due: Nullable(Type.String()),
    recurrence: Nullable(Type.String()),
    period: Nullable(Period),
    target: Nullable(Target),
    frameworks: Type.Array(Type.String()),
    responsible: Type.Array(
      Type.Object({
        unitId: Type.String(),
        name: Type.String(),
        abbreviation: Nullable(Type.String()),
        role: Type.Union([Type.Literal('lead'), Type.Literal('contributor')]),
      }),
    ),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Item' },
);

export const DocumentResponse = Type.Object(
  {
    id: Type.String(),
    municipality: Type.Object({ code: Type.String(), name: Type.String() }),
    title: Type.String(),
    kind: DocumentKind,
    status: DocumentStatus,
    adopted: Nullable(Adoption),
    decided: Nullable(Adoption),
    documentDate: Nullable(Type.String()),
    valid: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
    revision: Nullable(Type.Object({ everyYears: Nullable(Type.Integer()), text: Type.Optional(Nullable(Type.String())) })),
    followUp: Type.Array(FollowUpRule),
    levels: Type.Array(Type.String()),
    matrixColumns: Type.Array(Type.String()),
    frameworks: Type.Array(Type.String()),
    source: Nullable(Type.Object({ file: Type.String(), note: Type.Optional(Nullable(Type.String())) })),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Document' },
);

export const DocumentSummaryResponse = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: DocumentKind,
  status: DocumentStatus,
  adopted: Nullable(Adoption),
  valid: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
  itemCount: Type.Integer(),
  version: Type.Integer(),
});

export const MatrixResponse = Type.Object({
  columns: Type.Array(
    Type.Object({ unitId: Type.String(), name: Type.String(), abbreviation: Nullable(Type.String()), kind: Type.String() }),
  ),
  rows: Type.Array(
    Type.Object({
      itemId: Type.String(),
      version: Type.Integer(),
      kind: Type.String(),
      label: Type.String(),
      number: Nullable(Type.String()),
      text: Type.String(),
      depth: Type.Integer(),
      cells: Type.Record(Type.String(), Type.Union([Type.Literal('lead'), Type.Literal('contributor')])),
    }),
  ),
});
