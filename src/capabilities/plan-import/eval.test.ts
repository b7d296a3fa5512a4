import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { test } from 'node:test';
import type { PlanOutline } from '../plans/outline.ts';
import { validateOutline } from '../plans/validate-outline.ts';
import { extractSource } from './extract.ts';
import { readPlan } from './import-plan.ts';
import { scoreImport, scoredFigures } from './score.ts';
import { municipalities } from './service.ts';

// The bar: on the five plans, as text, Word and PDF, every scored figure reaches 0.95.
const plans = new URL('../../../data/plans/', import.meta.url);
const fixtures = new URL('../../../test/fixtures/plan-import/', import.meta.url);

for (const file of readdirSync(plans).filter((f) => f.endsWith('.json'))) {
  const reference = JSON.parse(readFileSync(new URL(file, plans), 'utf8')) as PlanOutline;
  const stem = basename(reference.source?.file ?? '', extname(reference.source?.file ?? ''));
  for (const ext of ['.txt', '.docx', '.pdf']) {
    test(`${stem}${ext} against its transcription`, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(stem + ext, fixtures)));
      const read = readPlan(await extractSource(bytes, stem + ext), {
        fileName: stem + ext,
        municipality: null,
        municipalities: municipalities(),
      });
      const score = scoreImport(reference, read.outline);
      for (const figure of scoredFigures) assert.ok(score[figure] >= 0.95, `${figure} ${score[figure].toFixed(3)} < 0.95`);
      // What the importer proposes must be a plan the product can save as it is.
      assert.ok('outline' in validateOutline(read.outline), JSON.stringify(validateOutline(read.outline)));
      assert.equal(read.outline.municipality.code, reference.municipality.code);
      assert.equal(read.outline.adopted?.date ?? null, reference.adopted?.date ?? null);
    });
  }
}
