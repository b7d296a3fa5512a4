import type { Kysely } from 'kysely';
import type { Database, PlacementOutcome } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.ts';
import { addPlacement, createOffer, INTERNSHIP_PLACEMENTS } from './service.ts';

/**
 * Example internships for the five demo municipalities, every row marked `example` and shown as "exempel".
 * Österåker's offers and placements sit near its 12–15 a year; Kalix's places are adapted to the person; Laxå's
 * units take interns after their supervisor training. No supervisor is named: the demo invents no people.
 */
type Db = Kysely<Database>;

/** The first item of the municipality's own plan whose text contains the words (ordered, so both stores agree). */
export async function demoItem(db: Db, code: string, words: string): Promise<string | null> {
  const row = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select('item.id')
    .where('document.municipality_code', '=', code)
    .where('document.parent_document_id', 'is', null)
    .where('item.text', 'like', `%${words}%`)
    .orderBy('item.position')
    .orderBy('item.text')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function demoUnit(db: Db, code: string, name: string): Promise<string | null> {
  const row = await db.selectFrom('unit').select('id').where('municipality_code', '=', code).where('name', '=', name).executeTakeFirst();
  return row?.id ?? null;
}

interface DemoOffer {
  unit?: string;
  employer?: string;
  tasks: string;
  language: string;
  trained: boolean;
  from: string;
  to: string;
  places: number;
  status: 'open' | 'filled' | 'closed';
  placements: [string, string | null, PlacementOutcome][];
}

const demo: Record<string, { item: string; offers: DemoOffer[] }> = {
  '0117': {
    item: 'Dialog inleds med näringslivet',
    offers: [
      {
        employer: 'Exempel: bygg- och fastighetsföretag i Åkersberga',
        tasks: 'Fastighetsskötsel och enklare byggarbeten',
        language: 'Grundläggande svenska; säkerhetsgenomgång på modersmål vid behov',
        trained: true,
        from: '2015-09-01',
        to: '2016-06-30',
        places: 4,
        status: 'filled',
        placements: [
          ['2015-09-14', '2015-12-18', 'completed'],
          ['2015-10-05', '2016-01-29', 'employment'],
          ['2015-11-02', '2016-02-26', 'completed'],
          ['2016-02-01', '2016-05-27', 'employment'],
        ],
      },
      {
        employer: 'Exempel: livsmedelsbutik',
        tasks: 'Varupåfyllning, kassa och kundtjänst',
        language: 'Svenska på SFI nivå C',
        trained: false,
        from: '2015-08-17',
        to: '2016-12-31',
        places: 5,
        status: 'filled',
        placements: [
          ['2015-08-24', '2015-11-20', 'completed'],
          ['2015-09-21', '2015-12-18', 'studies'],
          ['2015-10-19', '2016-01-15', 'completed'],
          ['2016-03-07', '2016-06-03', 'employment'],
          ['2016-04-04', '2016-07-01', 'completed'],
          ['2016-09-05', '2016-12-02', 'completed'],
        ],
      },
      {
        employer: 'Exempel: restaurang i hamnen',
        tasks: 'Kök och servering',
        language: 'Ingen krav på svenska; engelska räcker',
        trained: true,
        from: '2015-05-01',
        to: '2016-10-31',
        places: 3,
        status: 'closed',
        placements: [
          ['2015-05-11', '2015-08-14', 'completed'],
          ['2015-06-15', '2015-09-11', 'ended_early'],
          ['2015-08-17', '2015-11-13', 'employment'],
          ['2016-04-18', '2016-07-15', 'completed'],
          ['2016-05-16', '2016-08-12', 'employment'],
        ],
      },
      {
        employer: 'Exempel: verkstadsföretag i Rydbo',
        tasks: 'Montering och lager',
        language: 'Grundläggande svenska',
        trained: true,
        from: '2015-03-01',
        to: '2016-12-31',
        places: 4,
        status: 'open',
        placements: [
          ['2015-03-09', '2015-06-05', 'completed'],
          ['2015-04-13', '2015-07-10', 'completed'],
          ['2015-10-12', null, 'ongoing'],
          ['2016-01-18', '2016-04-15', 'completed'],
          ['2016-02-15', '2016-05-13', 'studies'],
          ['2016-08-22', null, 'ongoing'],
          ['2016-09-19', null, 'ongoing'],
        ],
      },
      {
        unit: 'Näringslivs- och utvecklingsenheten',
        tasks: 'Administration och evenemang för företagarfrukostar',
        language: 'Svenska i tal; skrift på engelska går bra',
        trained: true,
        from: '2016-01-01',
        to: '2016-12-31',
        places: 1,
        status: 'filled',
        placements: [['2016-10-03', null, 'ongoing']],
      },
    ],
  },
  '2514': {
    item: 'Kommunen ska verka aktivt för att praktikplatser',
    offers: [
      {
        unit: 'Samhällsbyggnadsförvaltningen',
        tasks: 'Park och gata – anpassas efter den som kommer (tidigare yrke, hälsa, språk)',
        language: 'Anpassas efter individen; tolk vid introduktionen',
        trained: true,
        from: '2016-08-01',
        to: '2017-06-30',
        places: 3,
        status: 'open',
        placements: [
          ['2016-08-15', '2016-12-16', 'completed'],
          ['2016-10-03', null, 'ongoing'],
          ['2017-03-06', null, 'ongoing'],
        ],
      },
      {
        unit: 'Integrations- och arbetsmarknadsenheten',
        tasks: 'Språkstöd och studiehandledning – för den med utbildning som lärare',
        language: 'Arabiska, dari eller tigrinska; svenska under SFI',
        trained: true,
        from: '2016-09-01',
        to: '2017-08-31',
        places: 2,
        status: 'filled',
        placements: [
          ['2016-09-12', '2017-02-10', 'employment'],
          ['2017-01-16', null, 'ongoing'],
        ],
      },
    ],
  },
  '1860': {
    item: 'Genomföra handledarutbildningar',
    offers: [
      {
        unit: 'AB Laxåhem',
        tasks: 'Fastighetsskötsel och trädgård',
        language: 'Grundläggande svenska',
        trained: true,
        from: '2016-05-01',
        to: '2016-12-31',
        places: 2,
        status: 'filled',
        placements: [
          ['2016-05-09', '2016-08-26', 'completed'],
          ['2016-09-05', '2016-12-16', 'employment'],
        ],
      },
      {
        unit: 'Kommunstyrelsen',
        tasks: 'Kommunens reception och växel',
        language: 'Svenska på SFI nivå D',
        trained: true,
        from: '2016-01-11',
        to: '2016-06-30',
        places: 1,
        status: 'closed',
        placements: [['2016-01-18', '2016-05-20', 'completed']],
      },
    ],
  },
  '1864': {
    item: 'praktikplatser till förfogande',
    offers: [
      {
        unit: 'Förskola',
        tasks: 'Barngrupp, måltider och utevistelse',
        language: 'Svenska i tal (SFI nivå C)',
        trained: false,
        from: '2016-02-01',
        to: '2016-12-16',
        places: 2,
        status: 'filled',
        placements: [
          ['2016-02-08', '2016-06-10', 'completed'],
          ['2016-08-22', '2016-12-16', 'studies'],
        ],
      },
      {
        unit: 'Vuxenutbildningen',
        tasks: 'Språkpraktik i skolans kök och vaktmästeri',
        language: 'Under SFI-studier',
        trained: true,
        from: '2016-09-01',
        to: '2017-06-16',
        places: 2,
        status: 'open',
        placements: [['2016-09-12', '2017-01-27', 'completed']],
      },
    ],
  },
  '1381': {
    item: 'arbet',
    offers: [
      {
        employer: 'Exempel: lantbruk och gårdsbutik',
        tasks: 'Djurskötsel, odling och försäljning',
        language: 'Ingen krav på svenska i början',
        trained: false,
        from: '2017-04-01',
        to: '2017-10-31',
        places: 2,
        status: 'open',
        placements: [['2017-04-10', '2017-08-18', 'completed']],
      },
    ],
  },
};

export async function seedDemoInternships(db: Db): Promise<number> {
  if (await db.selectFrom('internship_offer').select('id').where('example', '=', true).limit(1).executeTakeFirst()) return 0;
  let count = 0;
  for (const code of Object.keys(demo).sort()) {
    const plan = demo[code] as { item: string; offers: DemoOffer[] };
    const item = await demoItem(db, code, plan.item);
    for (const o of plan.offers) {
      const unitId = o.unit ? await demoUnit(db, code, o.unit) : null;
      if (o.unit && !unitId) continue;
      const offer = await createOffer(
        db,
        systemActor,
        code,
        {
          unitId,
          employer: o.employer ?? null,
          tasks: o.tasks,
          languageRequirements: o.language,
          supervisorName: null,
          supervisorTrained: o.trained,
          periodFrom: o.from,
          periodTo: o.to,
          places: o.places,
          status: o.status,
          itemIds: item ? [item] : [],
        },
        true,
      );
      for (const [startDate, endDate, outcome] of o.placements)
        await addPlacement(db, systemActor, offer.id, { startDate, endDate, outcome }, true);
      count += 1;
    }
  }
  // Österåker's count, computed from the placements and linked to its 12–15 a year: no one types it in again.
  const item = await demoItem(db, '0117', demo['0117']?.item ?? '');
  const title = 'Praktikplaceringar per år (räknade ur registret)';
  if (
    item &&
    !(await db.selectFrom('indicator').select('id').where('municipality_code', '=', '0117').where('title', '=', title).executeTakeFirst())
  ) {
    await db.transaction().execute(async (trx) => {
      const indicator = await trx
        .insertInto('indicator')
        .values({
          municipality_code: '0117',
          title,
          unit: 'praktikplatser',
          definition: 'Placeringar som registrerats på kommunens praktikerbjudanden, räknade det år de började (exempeldata i demon).',
          direction: 'higher',
          source_kind: 'computed',
          source_ref: INTERNSHIP_PLACEMENTS,
          decimals: 0,
          compare_with: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('indicator_link')
        .values({ indicator_id: indicator.id, item_id: item, target_min: 12, target_max: 15, target_period: '2016' })
        .execute();
    });
  }
  return count;
}
