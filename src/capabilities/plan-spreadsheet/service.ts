import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ItemUpdate } from '../../db/schema.ts';
import { AppError, forbidden } from '../../kernel/errors.ts';
import { canEditPlan, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { canReadTask } from '../follow-up/policies.ts';
import { assessmentWords, stateWords, statusWords, type ReportStatus } from '../follow-up/words.ts';
import { frameworkItemIds } from '../frameworks/catalogue.ts';
import { listUnits } from '../organisation/organisation.ts';
import * as q from '../plans/queries.ts';
import { getDocument, getItems } from '../plans/service.ts';
import type { DocumentView } from '../plans/views.ts';
import { loadItemViews } from '../plans/views.ts';
import { readSheet, writeCsv, writeXlsx } from './files.ts';
import { itemsToRows, readRows, type Assignment, type ItemContent, type Ref, type SheetProblem, type Summary } from './rows.ts';

/** A plan's items out to a spreadsheet and back in: export, check, and apply in one transaction. */

type Db = Kysely<Database>;

/**
 * Each item's standing in the plan's latest follow-up cycle, in words: the goal's assessment, else the statuses
 * its units reported. Only for those who may read the cycle; the public gets an empty column.
 */
async function latestStatus(db: Executor, caller: Caller, document: DocumentView): Promise<Map<string, string>> {
  const code = document.municipality.code;
  const out = new Map<string, string>();
  const cycle = await db
    .selectFrom('follow_up_cycle')
    .select(['id', 'label'])
    .where('document_id', '=', document.id)
    .orderBy('period_from', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!cycle) return out;
  const tasks = (
    await db.selectFrom('report_task').select(['item_id', 'unit_id', 'status', 'occurrence']).where('cycle_id', '=', cycle.id).execute()
  ).filter((t) => t.item_id !== null && canReadTask(caller, { municipalityCode: code, unitId: t.unit_id }));
  if (tasks.length === 0) return out;
  const assessments = await db.selectFrom('goal_assessment').select(['item_id', 'assessment']).where('cycle_id', '=', cycle.id).execute();
  const assessed = new Map(assessments.map((a) => [a.item_id, a.assessment]));
  const byItem = new Map<string, (ReportStatus | null)[]>();
  for (const t of tasks) byItem.set(t.item_id as string, [...(byItem.get(t.item_id as string) ?? []), t.status]);
  for (const [itemId, statuses] of byItem) {
    const assessment = assessed.get(itemId);
    const reported = [...new Set(statuses.filter((s): s is ReportStatus => s !== null))];
    const words = assessment
      ? assessmentWords.sv[assessment]
      : reported.length > 0
        ? reported.map((s) => statusWords.sv[s]).join('; ')
        : stateWords.sv.open;
    out.set(itemId, `${words} (${cycle.label})`);
  }
  return out;
}

export interface SpreadsheetFile {
  fileName: string;
  bytes: Uint8Array;
}

export async function exportSpreadsheet(
  db: Executor,
  caller: Caller,
  documentId: string,
  format: 'xlsx' | 'csv',
): Promise<SpreadsheetFile> {
  const { document, items } = await getItems(db, caller, documentId);
  const rows = itemsToRows(items, await latestStatus(db, caller, document));
  const bytes = format === 'xlsx' ? await writeXlsx(rows, document.title) : writeCsv(rows);
  return { fileName: `${document.title} – punkter.${format}`, bytes };
}

export interface ImportReply extends Summary {
  dryRun: boolean;
}

export class SpreadsheetProblems extends AppError {
  constructor(readonly problems: SheetProblem[]) {
    super(
      'validation',
      `Filen innehåller ${problems.length === 1 ? 'ett fel' : `${problems.length} fel`}. Ingenting har sparats; rätta filen och läs in den igen.`,
      // `path` keeps the shape every other validation error has; row and column are what a person looks for.
      { details: problems.map((p) => ({ path: `/rows/${p.row}/${p.column}`, ...p })) },
    );
  }
}

function columnsOf(content: Partial<ItemContent>): ItemUpdate {
  return {
    ...(content.kind !== undefined ? { kind: content.kind } : {}),
    ...(content.label !== undefined ? { label: content.label } : {}),
    ...(content.number !== undefined ? { number: content.number } : {}),
    ...(content.text !== undefined ? { text: content.text } : {}),
    ...(content.due !== undefined ? { due: content.due } : {}),
    ...(content.recurrence !== undefined ? { recurrence: content.recurrence } : {}),
    ...(content.period !== undefined ? { period_from: content.period?.from ?? null, period_to: content.period?.to ?? null } : {}),
    ...(content.target !== undefined ? { target: JSON.stringify(content.target) } : {}),
  };
}

async function writeResponsibility(trx: Executor, itemId: string, assignments: Assignment[]): Promise<void> {
  await trx.deleteFrom('item_responsibility').where('item_id', '=', itemId).execute();
  if (assignments.length > 0)
    await trx
      .insertInto('item_responsibility')
      .values(assignments.map((a, position) => ({ item_id: itemId, unit_id: a.unitId, role: a.role, position })))
      .execute();
}

async function writeFrameworks(trx: Executor, itemId: string, frameworks: string[]): Promise<void> {
  await trx.deleteFrom('item_framework').where('item_id', '=', itemId).execute();
  if (frameworks.length > 0)
    await trx
      .insertInto('item_framework')
      .values(frameworks.map((f) => ({ item_id: itemId, framework_item_id: f })))
      .execute();
}

/**
 * Reads a spreadsheet into the plan. The whole file is checked against the plan as saved, under the plan's lock,
 * before anything is written; any problem refuses the file with every problem named by row and column. A clean
 * file is applied in the same transaction with one audit record. `dryRun` checks and answers without writing.
 */
export async function importSpreadsheet(
  db: Db,
  actor: Actor,
  documentId: string,
  file: SpreadsheetFile,
  options: { dryRun: boolean },
): Promise<ImportReply> {
  const document = await getDocument(db, actor, documentId);
  if (!canEditPlan(actor, document.municipality.code)) throw forbidden('Bara planens samordnare kan läsa in ett kalkylblad i planen.');
  const table = await readSheet(file.bytes, file.fileName);
  return db.transaction().execute(async (trx) => {
    await q.lockDocument(trx, documentId);
    const items = await loadItemViews(trx, documentId);
    const units = await listUnits(trx, document.municipality.code);
    const result = readRows(table, { items, units, frameworkIds: frameworkItemIds() });
    if ('problems' in result) throw new SpreadsheetProblems(result.problems);
    const { changes } = result;
    if (options.dryRun) return { ...changes.summary, dryRun: true };

    const rowOf = new Map<string, number>([
      ...changes.updates.map((u) => [u.id, u.row] as const),
      ...changes.deletions.map((d) => [d.id, d.row] as const),
    ]);
    const stale = (id: string): never => {
      throw new SpreadsheetProblems([
        {
          row: rowOf.get(id) ?? 1,
          column: 'version',
          message: 'Punkten ändrades av någon annan medan filen lästes in. Hämta filen på nytt.',
        },
      ]);
    };

    // Children of a marked item are marked too (rows.ts), so removing the marked rows removes whole subtrees.
    const deleteIds = changes.deletions.map((d) => d.id);
    if (deleteIds.length > 0) await trx.deleteFrom('item').where('id', 'in', deleteIds).execute();

    const newIds = new Map(changes.creations.map((c) => [c.key, randomUUID()]));
    const creationOf = new Map(changes.creations.map((c) => [c.key, c]));
    const idOf = (ref: Ref) => ('id' in ref ? ref.id : (newIds.get(ref.key) as string));
    // Placements come parents first: a new parent is inserted before anything is placed under it.
    for (const placement of changes.placements) {
      const parentId = placement.parent === null ? null : idOf(placement.parent);
      if ('id' in placement.ref) {
        await q.setPosition(trx, placement.ref.id, parentId, placement.position);
        continue;
      }
      const creation = creationOf.get(placement.ref.key);
      if (!creation) continue;
      const id = idOf(placement.ref);
      const { kind, label, text, ...rest } = creation.content;
      await trx
        .insertInto('item')
        .values({ ...columnsOf(rest), id, document_id: documentId, parent_id: parentId, position: placement.position, kind, label, text })
        .execute();
      await writeResponsibility(trx, id, creation.responsibility);
      await writeFrameworks(trx, id, creation.frameworks);
    }

    const moved = new Set(changes.moved);
    for (const update of changes.updates) {
      const done = await trx
        .updateTable('item')
        .set((eb) => ({ ...columnsOf(update.content), version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', update.id)
        .where('version', '=', update.version)
        .returning('id')
        .executeTakeFirst();
      if (!done) stale(update.id);
      if (update.responsibility) await writeResponsibility(trx, update.id, update.responsibility);
      if (update.frameworks) await writeFrameworks(trx, update.id, update.frameworks);
      moved.delete(update.id);
    }
    const versionOf = new Map(items.map((i) => [i.id, i.version]));
    for (const id of moved) {
      const done = await trx
        .updateTable('item')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .where('version', '=', versionOf.get(id) as number)
        .returning('id')
        .executeTakeFirst();
      if (!done) stale(id);
    }

    const after = await q.listPositionsOf(trx, documentId);
    await recordAudit(trx, actor, {
      municipalityCode: document.municipality.code,
      action: 'document.spreadsheet-import',
      entityType: 'document',
      entityId: documentId,
      before: { items: items.length },
      after: { items: after.length, file: file.fileName, ...changes.summary },
    });
    return { ...changes.summary, dryRun: false };
  });
}
