import { Type, type Static } from '@sinclair/typebox';
import { OutlineNode, PlanOutline } from '../plans/outline.ts';
import { OutlineUnit } from '../plans/outline.ts';

/**
 * What the importer hands the review screen: the plan it read, and for every node where it stands in the
 * source and how sure the importer is. Nothing of it is stored until the coordinator saves the outline.
 */

export const SourceSpan = Type.Object(
  { start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type SourceSpan = Static<typeof SourceSpan>;

export const NodeEvidence = Type.Object(
  {
    /** Path of the node in `outline.nodes` by child indexes, "0.3.1". */
    path: Type.String(),
    spans: Type.Array(SourceSpan),
    /** 0–1: how sure the importer is of this node's kind, level and place. */
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    /** Why, in Swedish, for the review screen: "numrerad punkt under Delmål 2", "rad i ansvarsmatris". */
    reason: Type.String(),
  },
  { additionalProperties: false },
);
export type NodeEvidence = Static<typeof NodeEvidence>;

export const ImportPreview = Type.Object(
  {
    fileName: Type.String(),
    format: Type.Union([Type.Literal('txt'), Type.Literal('docx'), Type.Literal('pdf')]),
    pages: Type.Union([Type.Null(), Type.Integer()]),
    /** The document's text as the importer read it; spans point into it. */
    sourceText: Type.String(),
    outline: PlanOutline,
    evidence: Type.Array(NodeEvidence),
    /** Units and partners the plan names that the municipality does not have yet. */
    proposedUnits: Type.Array(OutlineUnit),
    /** Things the coordinator should check, in Swedish. */
    warnings: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type ImportPreview = Static<typeof ImportPreview>;

export { OutlineNode };
