import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldProblem } from '../../kernel/errors.ts';
import { PlanOutline } from './outline.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under Node's ESM loader.
type AddFormats = (ajv: Ajv, formats: string[]) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
addFormats(ajv, ['date']);
const validate = ajv.compile<PlanOutline>(PlanOutline);

/** Checks a parsed file against plan-outline/1; each problem names its JSON path, e.g. `/nodes/2/children/0/due`. */
export function validateOutline(value: unknown): { outline: PlanOutline } | { problems: FieldProblem[] } {
  const copy: unknown = structuredClone(value);
  if (validate(copy)) return { outline: copy };
  const problems = (validate.errors ?? []).map((e) => {
    const path = e.instancePath || '/';
    if (e.keyword === 'additionalProperties') return { path, message: `okänt fält "${String(e.params.additionalProperty)}"` };
    if (e.keyword === 'required') return { path, message: `saknar fältet "${String(e.params.missingProperty)}"` };
    if (e.keyword === 'const') return { path, message: `måste vara ${JSON.stringify(e.params.allowedValue)}` };
    return { path, message: e.message ?? e.keyword };
  });
  // A union reports one error per branch; keep the clearest one per path.
  const seen = new Set<string>();
  return { problems: problems.filter((p) => (seen.has(p.path + p.message) ? false : (seen.add(p.path + p.message), true))) };
}

export const planOutlineJsonSchema = PlanOutline;
