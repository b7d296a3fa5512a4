import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, systemActor } from '../audit/audit.ts';
import { recordValues, type ValueInput } from './service.ts';

/**
 * The demo's indicators. Official figures are the real ones in data/foreign-born-five-municipalities.csv
 * (SCB's, as RegionFakta published them, each with its page) and the baselines the plans themselves quote,
 * marked as quoted from the plan. Nothing invented is presented as official: the only made-up numbers are
 * Laxå's example cohorts, labelled as example data wherever they show.
 */
const dataFile = new URL('../../../data/foreign-born-five-municipalities.csv', import.meta.url);

/** The file's quoted CSV, read by a few lines rather than a library: it is ours and small. */
function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

async function itemId(db: Kysely<Database>, code: string, startsWith: string): Promise<string | null> {
  const row = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select('item.id')
    .where('document.municipality_code', '=', code)
    .where('document.parent_document_id', 'is', null)
    .where('item.text', 'like', `${startsWith}%`)
    .orderBy('item.position')
    .executeTakeFirst();
  return row?.id ?? null;
}

async function indicator(
  db: Kysely<Database>,
  values: {
    code: string;
    title: string;
    unit: string;
    definition: string;
    direction: 'higher' | 'lower' | 'neutral';
    sourceKind: 'manual' | 'kolada' | 'scb' | 'computed';
    sourceRef: string | null;
    compareWith?: string[];
  },
): Promise<string> {
  const row = await db
    .insertInto('indicator')
    .values({
      municipality_code: values.code,
      title: values.title,
      unit: values.unit,
      definition: values.definition,
      direction: values.direction,
      source_kind: values.sourceKind,
      source_ref: values.sourceRef,
      compare_with: JSON.stringify(values.compareWith ?? []),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, systemActor, {
    municipalityCode: values.code,
    action: 'demo.indicator',
    entityType: 'indicator',
    entityId: row.id,
    before: null,
    after: values,
  });
  return row.id;
}

async function link(
  db: Kysely<Database>,
  indicatorId: string,
  item: string | null,
  values: {
    baselineValue?: number;
    baselinePeriod?: string;
    targetValue?: number;
    targetMin?: number;
    targetMax?: number;
    targetPeriod?: string;
  },
) {
  if (!item) return;
  await db
    .insertInto('indicator_link')
    .values({
      indicator_id: indicatorId,
      item_id: item,
      baseline_value: values.baselineValue ?? null,
      baseline_period: values.baselinePeriod ?? null,
      target_value: values.targetValue ?? null,
      target_min: values.targetMin ?? null,
      target_max: values.targetMax ?? null,
      target_period: values.targetPeriod ?? null,
    })
    .execute();
}

const fromPlan = (note: string): Pick<ValueInput, 'source' | 'sourceNote'> => ({
  source: 'plan',
  sourceNote: `Uppgift ur planen: ${note}`,
});

export async function seedDemoIndicators(db: Kysely<Database>): Promise<number> {
  if (await db.selectFrom('indicator').select('id').limit(1).executeTakeFirst()) return 0;
  const rows = readCsv(readFileSync(dataFile, 'utf8'));
  let count = 0;
  await db.transaction().execute(async (trx) => {
    const official = (code: string, column: string): ValueInput[] =>
      rows
        .filter((r) => r.code === code)
        .map((r) => ({
          period: (r.date ?? '').slice(0, 4),
          value: Number(r[column]),
          source: 'scb' as const,
          sourceNote: `Källa: SCB, via RegionFakta (${r.source_url}). ${r.source_note}`,
          fetchedAt: null,
        }));
    const planQuotes: Record<string, { share?: ValueInput; count?: ValueInput; item: string }> = {
      '1860': {
        share: { period: '2013', value: 12.8, ...fromPlan('"Enligt Statistiska centralbyrån så var 12,8% … utrikesfödda år 2013"') },
        item: 'Enligt Statistiska centralbyrån',
      },
      '1864': {
        share: { period: '2014', value: 16.8, ...fromPlan('"Enligt Statistiska centralbyrån var 16,8 % (823 personer) … år 2014"') },
        count: { period: '2014', value: 823, ...fromPlan('"16,8 % (823 personer) … år 2014"') },
        item: 'Ljusnarsbergs kommun har en minskande folkmängd',
      },
      '2514': { item: '' },
    };
    // Laxå and Ljusnarsberg are alike (small, Örebro län): each is compared with the other, on the real figures.
    const peers: Record<string, string[]> = { '1860': ['1864'], '1864': ['1860'], '2514': [] };
    const ofPeers = (code: string, column: string) =>
      (peers[code] ?? []).flatMap((peer) => official(peer, column).map((v) => ({ ...v, municipalityCode: peer })));
    for (const code of ['1860', '1864', '2514']) {
      const quote = planQuotes[code] as { share?: ValueInput; count?: ValueInput; item: string };
      const share = await indicator(trx, {
        code,
        title: 'Utrikes födda, andel av befolkningen',
        unit: '%',
        definition: 'Invånare födda utomlands som andel av folkmängden den 31 december (SCB, tabell TAB4823).',
        direction: 'neutral',
        sourceKind: 'scb',
        sourceRef: 'TAB4823:utrikes_fodda_andel',
        compareWith: peers[code] ?? [],
      });
      await recordValues(
        trx,
        share,
        [...(quote.share ? [quote.share] : []), ...official(code, 'foreign_born_share_pct'), ...ofPeers(code, 'foreign_born_share_pct')],
        'system',
      );
      const people = await indicator(trx, {
        code,
        title: 'Utrikes födda, antal',
        unit: 'personer',
        definition: 'Invånare födda utomlands den 31 december (SCB, tabell TAB4823).',
        direction: 'neutral',
        sourceKind: 'scb',
        sourceRef: 'TAB4823:utrikes_fodda',
        compareWith: peers[code] ?? [],
      });
      await recordValues(
        trx,
        people,
        [...(quote.count ? [quote.count] : []), ...official(code, 'foreign_born_total'), ...ofPeers(code, 'foreign_born_total')],
        'system',
      );
      if (quote.item) {
        const note = await itemId(trx, code, quote.item);
        if (quote.share) await link(trx, share, note, { baselineValue: quote.share.value as number, baselinePeriod: quote.share.period });
        if (quote.count) await link(trx, people, note, { baselineValue: quote.count.value as number, baselinePeriod: quote.count.period });
      }
      count += 2;
    }

    // Ljusnarsberg's strategy starts from Arbetsförmedlingen's April 2015 figures.
    const unemployed = await indicator(trx, {
      code: '1864',
      title: 'Öppet arbetslösa och i program med aktivitetsstöd, utrikes födda',
      unit: 'personer',
      definition:
        'Arbetsförmedlingens månadsstatistik, 16–64 år: utrikes födda bland de öppet arbetslösa och sökande i program med aktivitetsstöd.',
      direction: 'lower',
      sourceKind: 'manual',
      sourceRef: null,
    });
    await recordValues(
      trx,
      unemployed,
      [{ period: '2015-04', value: 140, ...fromPlan('"240 personer … Av dessa är 140 utrikes födda" (april 2015)') }],
      'system',
    );
    await link(trx, unemployed, await itemId(trx, '1864', 'Ljusnarsbergs kommun har en minskande folkmängd'), {
      baselineValue: 140,
      baselinePeriod: '2015-04',
    });

    // Laxå's two measurable goals: computed from cohorts the coordinator records (example cohorts, labelled).
    const selfSufficient = await indicator(trx, {
      code: '1860',
      title: 'Andel självförsörjande 24 månader efter etableringen',
      unit: '%',
      definition:
        'Av de kommunplacerade flyktingar vars etablering avslutades ett visst år: andelen som är självförsörjande två år senare.',
      direction: 'higher',
      sourceKind: 'computed',
      sourceRef: 'cohort:self_sufficient_24',
    });
    await link(trx, selfSufficient, await itemId(trx, '1860', '50 % av alla kommunplacerade'), { targetValue: 50, targetPeriod: '2018' });
    const stayed = await indicator(trx, {
      code: '1860',
      title: 'Andel som bor kvar 12 månader efter etableringen',
      unit: '%',
      definition:
        'Av de kommunplacerade flyktingar vars etableringsersättning upphörde ett visst år: andelen som bor kvar i Laxå ett år senare.',
      direction: 'higher',
      sourceKind: 'computed',
      sourceRef: 'cohort:resident_12',
    });
    await link(trx, stayed, await itemId(trx, '1860', 'Laxå kommun har som målsättning att hälften'), {
      targetValue: 50,
      targetPeriod: '2018',
    });
    for (const [year, size, ss12, ss24, res12] of [
      [2015, 38, 6, 11, 21],
      [2016, 41, 9, 16, 24],
      [2017, 44, 12, null, 27],
    ] as const)
      await trx
        .insertInto('cohort')
        .values({
          municipality_code: '1860',
          year,
          size,
          self_sufficient_12: ss12,
          self_sufficient_24: ss24,
          resident_12: res12,
          note: 'Exempeldata – inte verkliga siffror.',
        })
        .execute();

    // A Kolada key figure, compared with Ljusnarsberg and the nation: fetched with the sync button or command.
    await indicator(trx, {
      code: '1860',
      title: 'Sysselsättningsgrad 20–64 år, utrikes födda',
      unit: '%',
      definition: 'Förvärvsarbetande utrikes födda 20–64 år som andel av alla utrikes födda 20–64 år (Kolada N02268).',
      direction: 'higher',
      sourceKind: 'kolada',
      sourceRef: 'N02268',
      compareWith: ['1864', '0000'],
    });

    // Österåker's 12–15 internships a year: the figure the units report in follow-up.
    const internships = await indicator(trx, {
      code: '0117',
      title: 'Praktikplatser',
      unit: 'praktikplatser',
      definition: 'Praktikplatser hos näringslivet under perioden, som enheterna rapporterar i uppföljningen av åtgärd 6.',
      direction: 'higher',
      sourceKind: 'computed',
      sourceRef: 'follow-up',
    });
    await link(trx, internships, await itemId(trx, '0117', 'Dialog inleds med näringslivet'), {
      targetMin: 12,
      targetMax: 15,
      targetPeriod: '2016',
    });
    count += 5;
  });
  return count;
}
