import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../kernel/errors.ts';
import { canEditPlan, type Actor } from '../accounts/policies.ts';
import { recordAudit, systemActor } from '../audit/audit.ts';
import { isUuid } from '../plans/service.ts';
import { recordValues, type ValueInput } from './service.ts';
import { parseTidyCsv } from './sources/csv.ts';
import { parsePx, pxToSourceValues } from './sources/px.ts';
import { SourceError, type SourceValue } from './sources/types.ts';

/**
 * Official figures into indicators: fetched from Kolada or SCB, or imported from a CSV or PX file. A source
 * that cannot answer leaves every stored value as it was and says so; a bad file is refused whole.
 */
export interface SourceClients {
  kolada: { getValues(query: { kpiIds: string[]; municipalityCodes: string[]; years?: number[] }): Promise<SourceValue[]> };
  scb: { getForeignBorn(query: { municipalityCodes: string[]; years: number[] }): Promise<SourceValue[]> };
}

export interface SyncResult {
  indicatorId: string;
  title: string;
  fetched: number;
  added: number;
  corrected: number;
  unchanged: number;
}

/** TAB4823 runs 2000–2024 (later years are in TAB6645): the last fifteen years it holds. */
export const SCB_YEARS = Array.from({ length: 15 }, (_, i) => 2010 + i);

const credit = { kolada: 'Källa: Kolada', scb: 'Källa: SCB', csv: 'Import från CSV', px: 'Import från PX-fil' } as const;

/** Kolada's gender T is the total: it is stored without a breakdown, so it is the series the charts show. */
function toValueInput(v: SourceValue, fetchedAt: Date | null): ValueInput {
  const { gender, ...rest } = v.disaggregation;
  const disaggregation = gender === undefined || gender === 'T' ? rest : { ...rest, gender };
  return {
    period: v.period,
    value: v.value,
    municipalityCode: v.municipalityCode,
    disaggregation,
    source: v.source,
    sourceNote: v.note ? `${credit[v.source]}. ${v.note}` : credit[v.source],
    fetchedAt,
  };
}

/** SCB gives counts; a share series (`…_andel`) is the foreign-born count over the population, in percent. */
export function scbSeries(values: SourceValue[], ref: string): SourceValue[] {
  if (!ref.endsWith('_andel')) return values.filter((v) => v.seriesKey === ref);
  const [table] = ref.split(':');
  const key = (v: SourceValue) => `${v.municipalityCode}|${v.period}|${JSON.stringify(v.disaggregation)}`;
  const population = new Map(values.filter((v) => v.seriesKey === `${table}:folkmangd`).map((v) => [key(v), v.value]));
  return values
    .filter((v) => v.seriesKey === `${table}:utrikes_fodda`)
    .map((v) => {
      const total = population.get(key(v));
      const value = v.value === null || !total ? null : Math.round((v.value / total) * 10000) / 100;
      return { ...v, seriesKey: ref, value, note: 'Andel beräknad av utrikes födda och folkmängd' };
    });
}

function unavailable(error: unknown): never {
  if (error instanceof SourceError)
    throw new AppError(error.kind === 'format' || error.kind === 'not_found' ? 'validation' : 'unavailable', error.message);
  throw error;
}

/** Fetches one indicator's figures for its municipality and those it is compared with, and records them. */
export async function syncIndicator(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  clients: SourceClients,
  now: Date = new Date(),
): Promise<SyncResult> {
  const row = isUuid(id) ? await db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw notFound('Indikatorn');
  if (!canEditPlan(actor, row.municipality_code)) throw forbidden('Bara samordnaren hämtar värden.');
  if (row.source_kind !== 'kolada' && row.source_kind !== 'scb')
    throw invalid('/sourceKind', 'Indikatorn hämtas inte från Kolada eller SCB.');
  const codes = [...new Set([row.municipality_code, ...row.compare_with])];
  let values: SourceValue[];
  try {
    values =
      row.source_kind === 'kolada'
        ? await clients.kolada.getValues({ kpiIds: [row.source_ref as string], municipalityCodes: codes })
        : scbSeries(await clients.scb.getForeignBorn({ municipalityCodes: codes, years: SCB_YEARS }), row.source_ref as string);
  } catch (error) {
    unavailable(error);
  }
  return db.transaction().execute(async (trx) => {
    const result = await recordValues(
      trx,
      id,
      values.map((v) => toValueInput(v, now)),
      actor.username,
    );
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'indicator.sync',
      entityType: 'indicator',
      entityId: id,
      before: null,
      after: { source: row.source_kind, ref: row.source_ref, fetched: values.length, ...result },
    });
    return { indicatorId: id, title: row.title, fetched: values.length, ...result };
  });
}

/** Every Kolada and SCB indicator, or those of one municipality or key figure: the command line's sync. */
export async function syncAll(
  db: Kysely<Database>,
  clients: SourceClients,
  filter: { municipalityCode?: string | undefined; kpi?: string | undefined } = {},
): Promise<{ done: SyncResult[]; failed: { indicatorId: string; title: string; message: string }[] }> {
  let query = db.selectFrom('indicator').select(['id', 'title']).where('source_kind', 'in', ['kolada', 'scb']);
  if (filter.municipalityCode) query = query.where('municipality_code', '=', filter.municipalityCode);
  if (filter.kpi) query = query.where('source_ref', '=', filter.kpi);
  const rows = await query.orderBy('municipality_code').orderBy('title').execute();
  const done: SyncResult[] = [];
  const failed: { indicatorId: string; title: string; message: string }[] = [];
  for (const row of rows) {
    try {
      done.push(await syncIndicator(db, systemActor, row.id, clients));
    } catch (error) {
      failed.push({ indicatorId: row.id, title: row.title, message: (error as Error).message });
    }
  }
  return { done, failed };
}

/** A tidy CSV (Year, [Kommun], [breakdowns], Value) or an SCB PX file, recorded whole or not at all. */
export async function importFile(db: Kysely<Database>, actor: Actor, id: string, file: { fileName: string; bytes: Uint8Array }) {
  const row = isUuid(id) ? await db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw notFound('Indikatorn');
  if (!canEditPlan(actor, row.municipality_code)) throw forbidden('Bara samordnaren importerar värden.');
  if (row.source_kind === 'computed') throw invalid('/file', 'Indikatorn beräknas; dess värden importeras inte.');
  if (file.bytes.length === 0) throw invalid('/file', 'Filen är tom.');
  const isPx =
    /\.px$/i.test(file.fileName) ||
    /^\s*(CHARSET|AXIS-VERSION|LANGUAGE|TITLE)\s*=/i.test(new TextDecoder().decode(file.bytes.slice(0, 200)));
  let values: ValueInput[];
  try {
    if (isPx) {
      const parsed = parsePx(file.bytes);
      values = pxToSourceValues(parsed, { seriesKey: row.source_ref ?? row.title })
        .filter((v) => /^\d{4}$/.test(v.municipalityCode))
        .map((v) => toValueInput({ ...v, source: 'px' }, null));
    } else {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
      const parsed = parseTidyCsv(text);
      values = parsed.rows.map((r) => ({
        period: r.year,
        value: r.value,
        municipalityCode: r.municipalityCode ?? row.municipality_code,
        disaggregation: r.disaggregation,
        source: 'csv' as const,
        sourceNote: `${credit.csv} (${file.fileName})`,
        fetchedAt: null,
      }));
    }
  } catch (error) {
    if (error instanceof SourceError) throw invalid('/file', error.message);
    if (error instanceof TypeError) throw invalid('/file', 'Filen är inte UTF-8-text. Spara den som CSV (UTF-8) och försök igen.');
    throw error;
  }
  if (values.length === 0) throw invalid('/file', 'Filen innehöll inga värden.');
  const bad = values.findIndex((v) => !/^[0-9]{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(v.period));
  if (bad >= 0) throw invalid('/file', `Rad ${bad + 2}: "${values[bad]?.period}" är ingen period (2016, 2016H1, 2016Q2 eller 2016-03).`);
  return db.transaction().execute(async (trx) => {
    const result = await recordValues(trx, id, values, actor.username);
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'indicator.import',
      entityType: 'indicator',
      entityId: id,
      before: null,
      after: { fileName: file.fileName, rows: values.length, ...result },
    });
    return { rows: values.length, ...result };
  });
}
