import { readFileSync } from 'node:fs';
import type { Executor } from '../audit/audit.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';
import { canEditPlan } from '../accounts/policies.ts';
import type { Caller } from '../accounts/policies.ts';
import { listUnits } from '../organisation/organisation.ts';
import type { PlanOutline } from '../plans/outline.ts';
import { readPlan } from './import-plan.ts';
import type { Municipality } from './metadata.ts';
import type { ImportPreview } from './preview.ts';

/** The edge of the importer: the file in, the municipality's units from the database, nothing written. */

let known: Municipality[] | null = null;

/** The 290 municipalities, so a document can say which one it is about. */
export function municipalities(): Municipality[] {
  known ??= readFileSync(new URL('../../../data/kommuner.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [code, name] = line.split(',');
      return { code: (code ?? '').trim(), name: (name ?? '').trim() };
    });
  return known;
}

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Reads a plan document for review. Stores nothing. */
export async function previewImport(db: Executor, caller: Caller, code: string, file: UploadedFile): Promise<ImportPreview> {
  if (!canEditPlan(caller, code)) throw forbidden('Du kan bara importera planer till din egen kommun.');
  const municipality = municipalities().find((m) => m.code === code);
  if (!municipality) throw notFound('Kommunen');
  // The Word and PDF readers load on the first import, not with every server start.
  const { extractSource } = await import('./extract.ts');
  const source = await extractSource(file.bytes, file.fileName);
  const read = readPlan(source, { fileName: file.fileName, municipality, municipalities: municipalities() });
  const units = await listUnits(db, code);
  return {
    fileName: file.fileName,
    format: source.format,
    pages: source.pages,
    sourceText: source.text,
    outline: read.outline,
    evidence: read.evidence,
    proposedUnits: missingUnits(read.outline.units ?? [], units),
    warnings: read.warnings,
  };
}

type Unit = NonNullable<PlanOutline['units']>[number];

/** The units the plan names that the municipality lacks, matched by name or abbreviation, ignoring case. */
export function missingUnits(named: Unit[], existing: { name: string; abbreviation: string | null }[]): Unit[] {
  const have = new Set(
    existing
      .flatMap((u) => [u.name, u.abbreviation ?? ''])
      .map((n) => n.toLowerCase())
      .filter(Boolean),
  );
  return named.filter((u) => !have.has(u.name.toLowerCase()) && !(u.abbreviation && have.has(u.abbreviation.toLowerCase())));
}
