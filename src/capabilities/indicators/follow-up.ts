import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { systemActor, type Executor } from '../audit/audit.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { syncIndicator, type SourceClients } from './sync.ts';

/**
 * Indicators in the yearly cycle: when a cycle opens, the official figures of the indicators linked to its
 * plan are fetched in the background; the figures units report come in through their reports (indicators
 * computed from follow-up read the reports' values).
 */
export const INDICATOR_SYNC_JOB = 'indicator-sync';

/** Official (Kolada, SCB) indicators linked to the items of a document. */
export async function officialIndicatorsOf(db: Executor, documentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('indicator_link')
    .innerJoin('item', 'item.id', 'indicator_link.item_id')
    .innerJoin('indicator', 'indicator.id', 'indicator_link.indicator_id')
    .select('indicator.id')
    .distinct()
    .where('item.document_id', '=', documentId)
    .where('indicator.source_kind', 'in', ['kolada', 'scb'])
    .execute();
  return rows.map((r) => r.id);
}

/** Called in the transaction that opens a cycle: queues one job fetching the plan's official figures. */
export async function queueIndicatorSync(trx: Executor, cycleId: string): Promise<void> {
  const cycle = await trx
    .selectFrom('follow_up_cycle')
    .select(['document_id', 'municipality_code', 'example'])
    .where('id', '=', cycleId)
    .executeTakeFirstOrThrow();
  if (cycle.example) return;
  const indicatorIds = await officialIndicatorsOf(trx, cycle.document_id);
  if (indicatorIds.length === 0) return;
  await enqueueJob(trx, {
    kind: INDICATOR_SYNC_JOB,
    payload: { cycleId, indicatorIds },
    municipalityCode: cycle.municipality_code,
    createdBy: 'system',
  });
}

export function indicatorSyncJobHandler(db: Kysely<Database>, clients: () => SourceClients): JobHandler {
  return async (payload, progress) => {
    const { indicatorIds } = payload as { indicatorIds: string[] };
    const done: string[] = [];
    const failed: { indicatorId: string; message: string }[] = [];
    for (const [i, id] of indicatorIds.entries()) {
      await progress(i / indicatorIds.length, `Hämtar ${i + 1} av ${indicatorIds.length}`);
      try {
        await syncIndicator(db, systemActor, id, clients());
        done.push(id);
      } catch (error) {
        // One source being down must not stop the others; the job says which ones failed and why.
        failed.push({ indicatorId: id, message: (error as Error).message });
      }
    }
    return {
      result: { done, failed },
      message:
        failed.length === 0
          ? `${done.length} indikatorer uppdaterade.`
          : `${done.length} uppdaterade, ${failed.length} kunde inte hämtas: ${failed[0]?.message}`,
    };
  };
}

/**
 * The indicators computed from follow-up, through their links to items: a report on a linked item asks for the value.
 * The one statement of that rule, read for many items below and for one report in the save's read
 * (follow-up/queries.ts `findTaskForChange`).
 */
export function reportedIndicatorLinks(db: Executor) {
  return db
    .selectFrom('indicator_link')
    .innerJoin('indicator', 'indicator.id', 'indicator_link.indicator_id')
    .select(['indicator.id', 'indicator.title', 'indicator.unit'])
    .where('indicator.source_kind', '=', 'computed')
    .where('indicator.source_ref', '=', 'follow-up');
}

/** Indicators computed from follow-up that are linked to the given items: their reports ask for the value. */
export async function reportedIndicatorsOf(
  db: Executor,
  itemIds: string[],
): Promise<Map<string, { id: string; title: string; unit: string }[]>> {
  const map = new Map<string, { id: string; title: string; unit: string }[]>();
  if (itemIds.length === 0) return map;
  const rows = await reportedIndicatorLinks(db).select('indicator_link.item_id').where('indicator_link.item_id', 'in', itemIds).execute();
  for (const r of rows) map.set(r.item_id, [...(map.get(r.item_id) ?? []), { id: r.id, title: r.title, unit: r.unit }]);
  return map;
}
