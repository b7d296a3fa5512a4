import type { Kysely } from 'kysely';
import type { Database, TrainingAudience, TrainingKind } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.ts';
import { demoItem, demoUnit } from '../internships/demo.ts';
import { createTraining, saveTarget } from './service.ts';

/**
 * Example trainings and events for the five demo municipalities, every row marked `example`: Laxå's supervisor
 * training in every unit by 2016, intercultural leadership training for its managers, ECCAR workshops, theme days
 * in school and the citizenship ceremony on 6 June each year; the others' workshops and theme days.
 */
type Db = Kysely<Database>;

interface DemoTraining {
  kind: TrainingKind;
  title: string;
  date: string;
  organiser: string;
  audience: TrainingAudience;
  participants: number | null;
  units: [string, number][];
  item: string | null;
}

const trainings: Record<string, DemoTraining[]> = {
  '1860': [
    {
      kind: 'supervisor_training',
      title: 'Handledarutbildning, omgång 1',
      date: '2015-10-20',
      organiser: 'Arbetsförmedlingen och kommunen',
      audience: 'supervisors',
      participants: 6,
      units: [['Kommunstyrelsen', 4]],
      item: 'Genomföra handledarutbildningar',
    },
    {
      kind: 'supervisor_training',
      title: 'Handledarutbildning, omgång 2',
      date: '2016-04-12',
      organiser: 'Arbetsförmedlingen och kommunen',
      audience: 'supervisors',
      participants: 5,
      units: [
        ['AB Laxåhem', 3],
        ['Kommunstyrelsen', 2],
      ],
      item: 'Genomföra handledarutbildningar',
    },
    {
      kind: 'leadership_training',
      title: 'Interkulturellt ledarskap (e-learning och seminarium)',
      date: '2016-02-09',
      organiser: 'HR-enheten',
      audience: 'managers',
      participants: 18,
      units: [],
      item: 'interkulturell ledarskapsutbildning',
    },
    {
      kind: 'leadership_training',
      title: 'Interkulturellt ledarskap, uppsamlingstillfälle',
      date: '2016-11-15',
      organiser: 'HR-enheten',
      audience: 'managers',
      participants: 5,
      units: [],
      item: 'interkulturell ledarskapsutbildning',
    },
    {
      kind: 'workshop',
      title: 'Mångfald & Integration – föreläsning för anställda',
      date: '2015-11-04',
      organiser: 'Integrationssamordnaren',
      audience: 'staff',
      participants: 64,
      units: [['Kommunstyrelsen', 1]],
      item: 'minst en föreläsning/workshop/seminarie',
    },
    ...[2015, 2016, 2017].map<DemoTraining>((year, i) => ({
      kind: 'workshop',
      title: `ECCAR:s tiopunktsprogram på APT ${year}`,
      date: `${year}-09-${15 + i}`,
      organiser: 'Integrationssamordnaren',
      audience: 'staff',
      participants: [42, 55, 61][i] ?? null,
      units: [
        ['Kommunstyrelsen', 1],
        ['AB Laxåhem', 1],
      ],
      item: 'workshops på APT',
    })),
    ...[2015, 2016, 2017].map<DemoTraining>((year, i) => ({
      kind: 'theme_day',
      title: `Temadag mot rasism i grundskolan ${year}`,
      date: `${year}-03-${String(19 + i).padStart(2, '0')}`,
      organiser: 'Grundskolan',
      audience: 'pupils',
      participants: [180, 195, 210][i] ?? null,
      units: [],
      item: 'temadag inom området',
    })),
    ...[2015, 2016, 2017].map<DemoTraining>((year, i) => ({
      kind: 'citizenship_ceremony',
      title: `Medborgarceremoni på nationaldagen ${year}`,
      date: `${year}-06-06`,
      organiser: 'Kommunstyrelsen',
      audience: 'public',
      participants: [14, 19, 23][i] ?? null,
      units: [],
      item: 'Medborgarceremoni',
    })),
  ],
  '0117': [
    {
      kind: 'workshop',
      title: 'Företagarfrukost om praktikplatser för nyanlända',
      date: '2015-09-08',
      organiser: 'Näringslivs- och utvecklingsenheten',
      audience: 'public',
      participants: 27,
      units: [['Näringslivs- och utvecklingsenheten', 1]],
      item: 'Dialog inleds med näringslivet',
    },
    {
      kind: 'supervisor_training',
      title: 'Handledarutbildning för företagens handledare',
      date: '2016-02-23',
      organiser: 'Näringslivs- och utvecklingsenheten',
      audience: 'supervisors',
      participants: 9,
      units: [['Näringslivs- och utvecklingsenheten', 1]],
      item: 'Dialog inleds med näringslivet',
    },
  ],
  '1864': [
    {
      kind: 'workshop',
      title: 'Workshop: strategin blir aktivitetsplaner i enheterna',
      date: '2016-10-11',
      organiser: 'Arbetsgruppen',
      audience: 'managers',
      participants: 12,
      units: [
        ['Förskola', 1],
        ['Skola', 1],
        ['Vuxenutbildningen', 1],
        ['Individ- och familjeomsorgen', 1],
      ],
      item: null,
    },
  ],
  '1381': [
    {
      kind: 'theme_day',
      title: 'Temadag om mänskliga rättigheter på högstadiet',
      date: '2017-10-24',
      organiser: 'Barn- och ungdomsförvaltningen',
      audience: 'pupils',
      participants: 240,
      units: [],
      item: null,
    },
  ],
  '2514': [
    {
      kind: 'leadership_training',
      title: 'Interkulturellt ledarskap för förvaltningarnas chefer',
      date: '2017-01-26',
      organiser: 'Integrations- och arbetsmarknadsenheten',
      audience: 'managers',
      participants: 21,
      units: [],
      item: null,
    },
    {
      kind: 'theme_day',
      title: 'Vänfamiljsdag i Kalix',
      date: '2016-09-17',
      organiser: 'Integrations- och arbetsmarknadsenheten',
      audience: 'public',
      participants: 85,
      units: [],
      item: null,
    },
  ],
};

const targets: Record<
  string,
  { title: string; kind: TrainingKind; measure: 'units' | 'people'; denominator: number | null; byDate: string | null }[]
> = {
  '1860': [
    {
      title: 'Alla enheter och bolag har en utbildad handledare',
      kind: 'supervisor_training',
      measure: 'units',
      denominator: null,
      byDate: '2016-12-31',
    },
    {
      title: 'Alla chefer har gått interkulturell ledarskapsutbildning',
      kind: 'leadership_training',
      measure: 'people',
      denominator: 26,
      byDate: '2016-12-31',
    },
  ],
  '2514': [
    {
      title: 'Alla chefer har gått interkulturell ledarskapsutbildning',
      kind: 'leadership_training',
      measure: 'people',
      denominator: 30,
      byDate: '2017-12-31',
    },
  ],
};

export async function seedDemoTrainings(db: Db): Promise<number> {
  if (await db.selectFrom('training').select('id').where('example', '=', true).limit(1).executeTakeFirst()) return 0;
  let count = 0;
  for (const code of Object.keys(trainings).sort()) {
    for (const t of trainings[code] ?? []) {
      const units: { unitId: string; trained: number }[] = [];
      for (const [name, trained] of t.units) {
        const id = await demoUnit(db, code, name);
        if (id) units.push({ unitId: id, trained });
      }
      const item = t.item ? await demoItem(db, code, t.item) : null;
      await createTraining(
        db,
        systemActor,
        code,
        {
          kind: t.kind,
          title: t.title,
          date: t.date,
          organiser: t.organiser,
          audience: t.audience,
          participants: t.participants,
          units,
          itemIds: item ? [item] : [],
        },
        true,
      );
      count += 1;
    }
    for (const target of targets[code] ?? []) await saveTarget(db, systemActor, code, null, target, true);
  }
  return count;
}
