/**
 * A believable report model without a database, for the renderers' tests and the benchmark. Deterministic: the
 * same options give the same model, so a failing test can be rerun and a benchmark compared with the last one.
 */
import type { Assessment, ReportState, ReportStatus } from '../follow-up/words.ts';
import type { Deviation, IndicatorRow, IndicatorSeries, MissingUnit, ReportEntry, ReportModel, ReportRow, ReportSection } from './model.ts';

const areaNames = [
  'Arbete och sysselsättning',
  'Utbildning och språk',
  'Bostad och etablering',
  'Hälsa och social omsorg',
  'Delaktighet, kultur och fritid',
];

const goalTexts = [
  'Fler nyanlända ska vara i arbete eller studier två år efter etablering',
  'Alla nyanlända barn ska börja i förskola eller skola inom en månad',
  'Nyanlända ska ha en trygg och långsiktig bostad',
  'Fler nyanlända kvinnor ska delta i svenska för invandrare (sfi)',
  'Föreningslivet ska vara öppet och tillgängligt för alla',
  'Kommunens information ska nå nyanlända på ett språk de förstår',
  'Ensamkommande barn och unga ska ha en stabil vardag',
  'Fler praktikplatser ska finnas inom kommunens förvaltningar',
  'Hälsan hos nyanlända ska kartläggas tidigt',
  'Samverkan med civilsamhället ska öka',
];

const activityTexts = [
  'Erbjuda språkpraktik inom äldreomsorgen i samarbete med Arbetsförmedlingen',
  'Anordna samhällsorientering på modersmål varje termin',
  'Ta fram en mottagningsrutin för nyanlända elever i grundskolan',
  'Utse en kontaktperson för varje nyanländ familj under det första året',
  'Genomföra en bostadsinventering tillsammans med Laxå Bostäder AB',
  'Starta en kvällskurs i sfi för föräldrar med små barn',
  'Ordna öppen förskola med tolk två dagar i veckan',
  'Erbjuda hälsosamtal till alla nyanlända inom tre månader',
  'Bjuda in föreningar till en årlig mässa för nya invånare',
  'Översätta kommunens viktigaste information till arabiska, dari, somaliska och tigrinja',
  'Erbjuda feriejobb till ungdomar som kommit till Sverige de senaste fyra åren',
  'Utbilda kommunens medarbetare i interkulturellt bemötande',
  'Samordna validering av utländska yrkesutbildningar med Örebro län',
  'Skapa mötesplatser på biblioteket med läxhjälp och språkcafé',
  'Följa upp hur många nyanlända som har egen bostad efter etableringstiden',
  'Erbjuda simundervisning för nyanlända barn och vuxna',
];

const units = [
  'Arbetsmarknadsenheten',
  'Socialtjänsten',
  'Barn- och utbildningsförvaltningen',
  'Vuxenutbildningen (sfi)',
  'Kultur- och fritidsförvaltningen',
  'Laxå Bostäder AB',
  'Integrationsenheten',
];

const people = ['Anna Öberg', 'Mohammed Al-Hassan', 'Karin Ström', 'Lars-Åke Nilsson', 'Fatima Yusuf', 'Jönsson, Per'];

// What a unit writes fits its status; the first one has everything a CSV must quote: a comma, quotes and a line break.
const narratives: Record<ReportStatus, string[]> = {
  done: [
    'Samarbetet med "Arbetsförmedlingen", kommunen och Röda korset har fungerat väl.\nTolv deltagare har fått praktikplats.',
    'Genomfört enligt plan. Återkopplingen från deltagarna var övervägande positiv.',
    '- Två informationsträffar hållna\n- En tredje hölls i samband med Världens dag',
  ],
  in_progress: [
    'Arbetet har kommit igång under våren; en samordnare är anställd sedan mars.',
    'Pågår. 45 av 60 hushåll har fått hembesök; resterande planeras till december.',
    '',
  ],
  not_started: ['Inte påbörjad: lokalfrågan är ännu inte löst.', ''],
  delayed: ['Försenat på grund av vakanser i personalgruppen. Ny tidplan: hösten 2017.', 'Upphandlingen av tolktjänster drog ut på tiden.'],
  cancelled: ['Aktiviteten har avbrutits efter beslut i socialnämnden, då statsbidraget upphörde.'],
};

const rationales: Record<Exclude<Assessment, 'not_assessed'>, string[]> = {
  met: ['Samtliga nyanlända barn fick plats inom fyra veckor under året.', 'Målvärdet nåddes redan under hösten.'],
  partly_met: [
    'Andelen i arbete eller studier ökade från 31 % till 38 %, men målet på 50 % nås inte ännu.',
    'Deltagandet har ökat, men uppgifter saknas från två enheter.',
  ],
  not_met: ['Bostadsbristen kvarstår och flera hushåll bor i tillfälliga lösningar.', 'Inga insatser genomfördes under året.'],
};

const schedules = ['kvartalsvis', 'senast 2016', 'årligen', 'kontinuerligt', 'varje termin'];
const quarters = ['2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31'];

// Fixed cycles rather than randomness: every status, state and assessment appears within the first few items.
const statusCycle: ReportStatus[] = [
  'done',
  'in_progress',
  'delayed',
  'done',
  'not_started',
  'in_progress',
  'cancelled',
  'done',
  'in_progress',
];
const stateCycle: ReportState[] = [
  'approved',
  'submitted',
  'approved',
  'open',
  'approved',
  'draft',
  'approved',
  'returned',
  'submitted',
  'approved',
  'open',
];
const assessmentCycle: Assessment[] = ['partly_met', 'met', 'not_met', 'partly_met', 'not_assessed', 'met'];

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length]!;
}

export interface SampleOptions {
  /** Number of plan items (areas, goals and activities together). */
  items: number;
  example?: boolean;
}

export function sampleReportModel(options: SampleOptions): ReportModel {
  const total = Math.max(options.items, 3);
  const areaCount = Math.min(areaNames.length, Math.max(1, Math.floor(total / 8)));
  const goalCount = Math.max(areaCount, Math.round((total - areaCount) * 0.25));
  const activityCount = total - areaCount - goalCount;

  let entryCounter = 0;
  const entries = (responsible: string[], recurring: boolean, withValue: number | null): ReportEntry[] =>
    responsible.flatMap((unitName) =>
      (recurring ? quarters : [null]).map((occurrence) => {
        const n = entryCounter++;
        const state = pick(stateCycle, n);
        const status = state === 'open' ? null : pick(statusCycle, n);
        const progress =
          status === null || status === 'cancelled' ? null : status === 'done' ? 100 : status === 'not_started' ? 0 : 10 + ((n * 17) % 80);
        const submitted = state === 'submitted' || state === 'approved' || state === 'returned';
        const day = 1 + (n % 27);
        return {
          unitName,
          occurrence,
          state,
          status,
          progress,
          narrative: status === null ? '' : pick(narratives[status], n),
          targetValue: withValue === null || state === 'open' ? null : Math.round(withValue * (0.5 + ((n * 13) % 70) / 100)),
          submittedBy: submitted ? pick(people, n) : null,
          submittedAt: submitted ? `2017-01-${String(day).padStart(2, '0')}T${String(8 + (n % 9)).padStart(2, '0')}:15:00Z` : null,
          approvedBy: state === 'approved' ? 'Karin Ström' : null,
          approvedAt: state === 'approved' ? `2017-02-${String(day).padStart(2, '0')}T13:40:00Z` : null,
        };
      }),
    );

  const indicators: IndicatorRow[] = [];
  const sections: ReportSection[] = [];
  for (let a = 0; a < areaCount; a++) {
    const areaName = areaNames[a]!;
    const rows: ReportRow[] = [
      {
        itemId: `area-${a + 1}`,
        depth: 0,
        kind: 'area',
        reference: `Målområde ${a + 1}`,
        text: areaName,
        responsible: ['Kommunstyrelsen'],
        schedule: null,
        target: null,
        assessment: null,
        reports: [],
      },
    ];
    const goalsHere = Array.from({ length: goalCount }, (_, g) => g).filter((g) => g % areaCount === a);
    for (const [gi, g] of goalsHere.entries()) {
      const goalRef = `Delmål ${a + 1}.${gi + 1}`;
      const targetNumber = g % 3 === 0 ? 50 + (g % 4) * 10 : null;
      const assessment = pick(assessmentCycle, g);
      const responsible = [pick(units, g)];
      const reports = targetNumber === null ? [] : entries(responsible, false, targetNumber);
      rows.push({
        itemId: `goal-${g + 1}`,
        depth: 1,
        kind: 'goal',
        reference: goalRef,
        text: pick(goalTexts, g),
        responsible,
        schedule: 'senast 2018',
        target: targetNumber === null ? null : `${targetNumber}\u00a0% senast 2018`,
        assessment: {
          value: assessment,
          rationale: assessment === 'not_assessed' ? '' : pick(rationales[assessment], g),
          // The coordinator sometimes sets another assessment than the unit proposed.
          proposed: g % 4 === 1 ? 'met' : g % 5 === 0 ? null : assessment,
        },
        reports,
      });
      if (targetNumber !== null) {
        const value = reports.find((r) => r.targetValue !== null)?.targetValue ?? null;
        indicators.push({
          reference: goalRef,
          text: pick(goalTexts, g),
          target: `${targetNumber}\u00a0% senast 2018`,
          unit: '%',
          value,
          met: value === null ? null : value >= targetNumber,
        });
      }
      const activitiesHere = Array.from({ length: activityCount }, (_, i) => i).filter((i) => i % goalCount === g);
      for (const [ai, i] of activitiesHere.entries()) {
        const schedule = pick(schedules, i);
        const responsibleUnits = i % 3 === 0 ? [pick(units, i), pick(units, i + 3)] : [pick(units, i + 1)];
        const targetNumber = i % 5 === 2 ? 10 + (i % 7) * 5 : null;
        const reference = `Åtgärd ${a + 1}.${gi + 1}.${ai + 1}`;
        const reports = entries(responsibleUnits, schedule === 'kvartalsvis', targetNumber);
        rows.push({
          itemId: `activity-${i + 1}`,
          depth: 2,
          kind: 'activity',
          reference,
          text: pick(activityTexts, i),
          responsible: responsibleUnits,
          schedule,
          target: targetNumber === null ? null : `minst ${targetNumber} deltagare per år`,
          assessment: null,
          reports,
        });
        if (targetNumber !== null) {
          const value = reports.findLast((r) => r.targetValue !== null)?.targetValue ?? null;
          indicators.push({
            reference,
            text: pick(activityTexts, i),
            target: `minst ${targetNumber} deltagare per år`,
            unit: 'deltagare',
            value,
            met: value === null ? null : value >= targetNumber,
          });
        }
      }
    }
    sections.push({ heading: `Målområde ${a + 1} ${areaName}`, rows });
  }

  return {
    municipality: { code: '1860', name: 'Laxå' },
    plan: {
      id: 'plan-laxa-2015',
      title: 'Integrationsplan för Laxå kommun 2015–2018',
      adoptedText: 'Kommunfullmäktige 2015-06-15 § 64',
      dnr: 'KS 2015/112',
      edition: 1,
    },
    cycle: {
      id: 'cycle-2016',
      label: '2016',
      periodFrom: '2016-01-01',
      periodTo: '2016-12-31',
      deadline: '2017-01-31',
      state: 'closed',
      example: options.example ?? false,
    },
    generatedAt: '2017-02-14T09:30:00Z',
    summary: summarise(sections),
    sections,
    indicators,
    indicatorSeries: indicatorSeries(sections),
    missing: missingUnits(sections),
  };
}

/**
 * Four series the way the indicators service gives them: a share from Kolada with a target range, a count with a
 * baseline from the plan's text and no measurement of its own, a quarterly share with gaps and no status, and a
 * count by month with only a ceiling. Linked to the plan's first goals, whatever their number.
 */
function indicatorSeries(sections: ReportSection[]): IndicatorSeries[] {
  const rows = sections.flatMap((s) => s.rows);
  const goals = rows.filter((r) => r.kind === 'goal');
  const reference = (i: number) => (goals.length > 0 ? pick(goals, i).reference : pick(rows, i).reference);
  return [
    {
      title: 'Andel deltagare i etableringsuppdraget som börjat arbeta eller studera 90 dagar efter avslut',
      unit: '%',
      reference: reference(0),
      points: [
        { period: '2012', value: 28.7 },
        { period: '2013', value: 31.2 },
        { period: '2014', value: 33.5 },
        { period: '2015', value: 35.2 },
        { period: '2016', value: 38.4 },
      ],
      baseline: { period: '2013', value: 31.2 },
      target: { value: null, min: 45, max: 55, period: '2018' },
      status: 'Måttliga framsteg – behöver öka takten',
      source: 'Källa: Arbetsförmedlingen via Kolada',
    },
    {
      title: 'Antal nyanlända i praktik inom kommunens förvaltningar',
      unit: 'personer',
      reference: reference(1),
      points: [
        { period: '2015H1', value: 9 },
        { period: '2015H2', value: 14 },
        { period: '2016H1', value: 17 },
        { period: '2016H2', value: 22 },
      ],
      // From the plan's text ("i dag 8 platser"), measured before the follow-up began.
      baseline: { period: '2014', value: 8 },
      target: { value: 40, min: null, max: null, period: '2018' },
      status: 'Betydande framsteg',
      source: 'Rapporterat i uppföljningen',
    },
    {
      title: 'Andel nyanlända barn som börjat i förskola eller skola inom en månad',
      unit: '%',
      reference: reference(2),
      points: [
        { period: '2015Q3', value: 62.5 },
        { period: '2015Q4', value: null },
        { period: '2016Q1', value: 71 },
        { period: '2016Q2', value: 80.5 },
        { period: '2016Q3', value: null },
        { period: '2016Q4', value: 92.3 },
      ],
      baseline: null,
      target: { value: 100, min: null, max: null, period: '2016' },
      // Without a baseline the progress method has nothing to compare with.
      status: null,
      source: 'Rapporterat i uppföljningen',
    },
    {
      title: 'Antal hushåll i tillfälligt boende',
      unit: 'hushåll',
      reference: reference(3),
      points: [
        { period: '2015-04', value: 11 },
        { period: '2015-10', value: 9 },
        { period: '2016-04', value: 12 },
        { period: '2016-10', value: 14 },
      ],
      baseline: { period: '2015-04', value: 11 },
      target: { value: null, min: null, max: 5, period: '2018' },
      status: 'Försämring',
      source: 'Källa: Socialtjänstens verksamhetssystem',
    },
  ];
}

function summarise(sections: ReportSection[]): ReportModel['summary'] {
  const statusCounts: ReportModel['summary']['statusCounts'] = {
    not_started: 0,
    in_progress: 0,
    done: 0,
    delayed: 0,
    cancelled: 0,
    not_reported: 0,
  };
  const assessmentCounts: ReportModel['summary']['assessmentCounts'] = { met: 0, partly_met: 0, not_met: 0, not_assessed: 0 };
  let expected = 0;
  let submitted = 0;
  let approved = 0;
  const deviations: Deviation[] = [];
  for (const row of sections.flatMap((s) => s.rows)) {
    if (row.kind === 'goal') {
      const value = row.assessment?.value ?? 'not_assessed';
      assessmentCounts[value]++;
      if (value === 'not_met') {
        deviations.push({
          reference: row.reference,
          text: row.text,
          unitName: null,
          what: 'not_met',
          narrative: row.assessment?.rationale ?? '',
        });
      }
    }
    for (const entry of row.reports) {
      expected++;
      statusCounts[entry.status ?? 'not_reported']++;
      if (entry.state === 'submitted' || entry.state === 'approved') submitted++;
      if (entry.state === 'approved') approved++;
      if (entry.status === 'delayed' || entry.status === 'cancelled') {
        deviations.push({
          reference: row.reference,
          text: row.text,
          unitName: entry.unitName,
          what: entry.status,
          narrative: entry.narrative,
        });
      }
    }
  }
  const weight: Record<Deviation['what'], number> = { not_met: 0, delayed: 1, cancelled: 2, not_reported: 3 };
  deviations.sort((x, y) => weight[x.what] - weight[y.what]);
  return { statusCounts, assessmentCounts, expected, submitted, approved, deviations: deviations.slice(0, 12) };
}

function missingUnits(sections: ReportSection[]): MissingUnit[] {
  const byUnit = new Map<string, Set<string>>();
  for (const row of sections.flatMap((s) => s.rows)) {
    for (const entry of row.reports) {
      if (entry.state === 'submitted' || entry.state === 'approved') continue;
      const set = byUnit.get(entry.unitName) ?? new Set<string>();
      set.add(row.reference);
      byUnit.set(entry.unitName, set);
    }
  }
  return [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b, 'sv')).map(([unitName, items]) => ({ unitName, items: [...items] }));
}
