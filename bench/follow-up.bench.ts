/**
 * The whole path of the report to the board for a plan of 300 items, on the embedded store: open a cycle
 * (tasks for every unit and occurrence), then make the report as Word and as PDF from the database (read
 * the cycle, build the model, render, keep the file). Budget: 2 s per report (median of five, after a
 * warm-up). Run: node --import tsx bench/follow-up.bench.ts
 */
import { PGlite } from '@electric-sql/pglite';
import { systemActor } from '../src/capabilities/audit/audit.ts';
import { makeReportFile } from '../src/capabilities/follow-up/reports.ts';
import { openCycle } from '../src/capabilities/follow-up/service.ts';
import type { OutlineNode, PlanOutline } from '../src/capabilities/plans/outline.ts';
import { importOutline } from '../src/capabilities/plans/service.ts';
import type { ReportFormat } from '../src/capabilities/reports/model.ts';
import { migrateToLatest, openStore } from '../src/db/database.ts';
import { seedMunicipalities } from '../src/seed.ts';

const budgetMs = 2000;
const runs = 5;
const units = [
  'Kommunstyrelsen',
  'Socialnämnden',
  'Barn- och utbildningsnämnden',
  'Samhällsbyggnadsnämnden',
  'Fritid och kultur',
  'Arbetsmarknadsenheten',
];

/** 6 areas × 5 goals × 9 activities = 300 items, with units, deadlines, recurrences and targets. */
function largePlan(): PlanOutline {
  const activity = (a: number, g: number, i: number): OutlineNode => ({
    kind: 'activity',
    label: 'Aktivitet',
    number: `${a}.${g}.${i}`,
    text: `Aktivitet ${a}.${g}.${i}: samverkan kring introduktion, språk och arbete för nyanlända i kommunen, med uppföljning av deltagande och resultat.`,
    responsible: [units[(a + g + i) % units.length] as string, ...(i % 3 === 0 ? [units[(a + i) % units.length] as string] : [])].filter(
      (u, k, all) => all.indexOf(u) === k,
    ),
    due: i % 4 === 0 ? null : `${2016 + (i % 3)}`,
    recurrence: i % 4 === 0 ? (i % 8 === 0 ? 'FREQ=MONTHLY;INTERVAL=3' : 'CONTINUOUS') : null,
    target: i % 5 === 0 ? { min: 10, max: 15, unit: 'platser', per: 'year' } : null,
    frameworks: [],
    children: [],
  });
  const nodes: OutlineNode[] = Array.from({ length: 6 }, (_, a) => ({
    kind: 'area' as const,
    label: 'Område',
    number: `${a + 1}`,
    text: `Område ${a + 1}`,
    responsible: [],
    due: null,
    recurrence: null,
    frameworks: [],
    children: Array.from({ length: 5 }, (_, g) => ({
      kind: 'goal' as const,
      label: 'Mål',
      number: `${a + 1}.${g + 1}`,
      text: `Mål ${a + 1}.${g + 1}: fler nyanlända i arbete, studier och föreningsliv.`,
      responsible: [units[g % units.length] as string],
      due: null,
      recurrence: null,
      frameworks: [],
      children: Array.from({ length: 9 }, (_, i) => activity(a + 1, g + 1, i + 1)),
    })),
  }));
  return {
    format: 'plan-outline/1',
    municipality: { code: '1860', name: 'Laxå' },
    title: 'Benchmarkplan med 300 punkter',
    kind: 'plan',
    status: 'adopted',
    adopted: { body: 'Kommunfullmäktige', date: '2016-01-01', paragraph: '§ 1', dnr: null },
    valid: { from: '2016', to: '2019' },
    followUp: [{ every: 'year', reportTo: 'KS' }],
    levels: ['Område', 'Mål', 'Aktivitet'],
    units: units.map((name) => ({ name, kind: 'committee' as const })),
    nodes,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<number> {
  const pglite = await PGlite.create('memory://');
  const store = await openStore({ pglite });
  try {
    await migrateToLatest(store.db);
    await seedMunicipalities(store.db);
    const plan = await importOutline(store.db, systemActor, largePlan());
    let started = performance.now();
    const cycle = await openCycle(store.db, systemActor, plan.documentId, {
      periodFrom: '2017-01-01',
      periodTo: '2017-12-31',
      deadline: '2018-01-31',
    });
    const openMs = performance.now() - started;
    const tasks = await store.db.selectFrom('report_task').select(['id', 'item_kind']).where('cycle_id', '=', cycle.id).execute();
    await store.db.transaction().execute(async (trx) => {
      for (const [i, t] of tasks.entries())
        await trx
          .updateTable('report_task')
          .set({
            state: 'approved',
            status: (['done', 'in_progress', 'delayed', 'not_started'] as const)[i % 4],
            progress: (i * 7) % 100,
            narrative: 'Rapporten säger hur arbetet har gått under året, med siffror och exempel.',
          })
          .where('id', '=', t.id)
          .execute();
    });
    console.log(`Follow-up report from the database: 300 items, ${tasks.length} report tasks (embedded PGlite)`);
    console.log(`Opening the cycle (scope + ${tasks.length} tasks): ${Math.round(openMs)} ms\n`);
    let failed = false;
    console.log('format   median ms   min   max   kB');
    for (const format of ['docx', 'pdf', 'xlsx'] as ReportFormat[]) {
      await makeReportFile(store.db, cycle.id, format, 'bench');
      const times: number[] = [];
      let size = 0;
      for (let r = 0; r < runs; r++) {
        started = performance.now();
        size = (await makeReportFile(store.db, cycle.id, format, 'bench')).size;
        times.push(performance.now() - started);
      }
      const m = median(times);
      if (m > budgetMs) failed = true;
      console.log(
        `${format.padEnd(8)} ${String(Math.round(m)).padStart(9)} ${String(Math.round(Math.min(...times))).padStart(5)} ${String(Math.round(Math.max(...times))).padStart(5)} ${String(Math.round(size / 1024)).padStart(4)}${m > budgetMs ? '  OVER BUDGET' : ''}`,
      );
    }
    console.log(`\nPeak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; budget ${budgetMs} ms per report.`);
    return failed ? 1 : 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
