import type { Kysely } from 'kysely';
import type { ActivityTranslations, Database } from '../../db/schema.ts';
import { recordAudit, systemActor } from '../audit/audit.ts';
import { addDays, expandSchedule, stockholmDay, type Category } from './rules.ts';

/**
 * The demo's activity catalogue: for each of the five municipalities a handful of association and municipal
 * activities, all invented and marked as example data (organisers and activities), published, several recurring,
 * some in other languages, one occurrence cancelled in the past and one in the coming weeks, and linked to the plan
 * items they serve (Laxå: Delmål 2, aktivitet 1 "2 aktiviteter årligen" and aktivitet 3, the catalogue itself).
 */

interface DemoActivity {
  title: string;
  description: string;
  translations?: ActivityTranslations;
  category: Category;
  targetGroup: string;
  ageMin?: number;
  ageMax?: number;
  languages: string[];
  placeName: string;
  address: string;
  accessibility: string;
  startDate: string;
  startTime: string;
  durationMinutes: number;
  rrule?: string;
  cost: string;
  registration: string;
  contact: string;
  /** An association's name, or null for the municipality's own unit (the demo reporter's). */
  organiser: string | null;
  /** Plan items it serves, by the start of their text. */
  items?: string[];
  /** A past cancelled occurrence (fixed), and whether to cancel the first occurrence two weeks ahead. */
  cancelled?: { date: string; reason: string };
  cancelSoon?: string;
}

interface DemoMunicipality {
  code: string;
  place: string;
  associations: { name: string; orgNumber: string; contact: string }[];
  activities: DemoActivity[];
}

const en = (title: string, description: string) => ({ en: { title, description } });

const demo: DemoMunicipality[] = [
  {
    code: '1860',
    place: 'Laxå',
    associations: [
      { name: 'Laxå Språkvänner (exempel)', orgNumber: '802400-0001', contact: 'ordforande@example.org' },
      { name: 'IFK Laxå Fotboll för alla (exempel)', orgNumber: '802400-0002', contact: 'kansli@example.org' },
      { name: 'Studieförbundet i Sydnärke (exempel)', orgNumber: '802400-0003', contact: 'sydnarke@example.org' },
    ],
    activities: [
      {
        title: 'Språkcafé på biblioteket',
        description:
          '<p>Träna svenska över en kopp kaffe. Volontärer från <strong>Laxå Språkvänner</strong> leder samtalen.</p><p>Alla nivåer är välkomna.</p>',
        translations: {
          ...en('Language café at the library', '<p>Practise Swedish over a cup of coffee. All levels welcome.</p>'),
          ar: { title: 'مقهى اللغة في المكتبة', description: '<p>تدرّب على اللغة السويدية مع فنجان قهوة.</p>' },
        },
        category: 'language',
        targetGroup: 'Vuxna som vill träna svenska',
        ageMin: 16,
        languages: ['sv', 'ar', 'so', 'ti'],
        placeName: 'Laxå bibliotek',
        address: 'Storgatan 23, 695 30 Laxå',
        accessibility: 'Entré i markplan, hiss och tillgänglig toalett. Hörslinga.',
        startDate: '2015-09-01',
        startTime: '18:00',
        durationMinutes: 90,
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        cost: 'Gratis',
        registration: 'Ingen anmälan, kom när du vill.',
        contact: 'Laxå Språkvänner, sprakcafe@example.org',
        organiser: 'Laxå Språkvänner (exempel)',
        items: ['Genomföra 2 aktiviteter årligen', 'Utveckla en digital utbudskatalog'],
        cancelled: { date: '2016-12-27', reason: 'Julledigt' },
        cancelSoon: 'Biblioteket håller stängt för inventering',
      },
      {
        title: 'Fotboll för alla',
        description: '<p>Spontanfotboll för alla åldrar och nivåer. Skor och västar finns att låna.</p>',
        translations: en('Football for everyone', '<p>Drop-in football for all ages and levels. Boots and bibs to borrow.</p>'),
        category: 'sport',
        targetGroup: 'Barn, unga och vuxna',
        ageMin: 8,
        languages: ['sv', 'ar', 'en'],
        placeName: 'Laxå IP',
        address: 'Idrottsvägen 4, 695 31 Laxå',
        accessibility: 'Grusväg fram till planen; läktaren saknar ramp.',
        startDate: '2015-05-06',
        startTime: '17:30',
        durationMinutes: 90,
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        cost: 'Gratis',
        registration: 'Ingen anmälan.',
        contact: 'IFK Laxå, 0584-000 00',
        organiser: 'IFK Laxå Fotboll för alla (exempel)',
        items: ['Genomföra 2 aktiviteter årligen'],
      },
      {
        title: 'Medborgarceremoni på nationaldagen',
        description: '<p>Kommunen välkomnar nya svenska medborgare vid nationaldagsfirandet i Folkets park. Tal, musik och fika.</p>',
        translations: en(
          'Citizenship ceremony on the National Day',
          '<p>The municipality welcomes new Swedish citizens at the National Day celebration.</p>',
        ),
        category: 'society',
        targetGroup: 'Nya svenska medborgare och alla laxåbor',
        languages: ['sv'],
        placeName: 'Folkets park',
        address: 'Parkvägen 1, 695 30 Laxå',
        accessibility: 'Plan mark, sittplatser finns.',
        startDate: '2015-06-06',
        startTime: '14:00',
        durationMinutes: 120,
        rrule: 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6',
        cost: 'Gratis',
        registration: 'Nya medborgare får en inbjudan.',
        contact: 'Laxå kommun, kontaktcenter 0584-473 00',
        organiser: null,
        items: ['Genomföra Medborgarceremoni', 'Genomföra 2 aktiviteter årligen'],
      },
      {
        title: 'Studiecirkel: Sverige och samhället (SFI-stöd)',
        description: '<p>Studiecirkel som kompletterar SFI: vardagssvenska, samhällsinformation och studiebesök.</p>',
        category: 'education',
        targetGroup: 'Elever på SFI',
        ageMin: 18,
        languages: ['sv', 'ar', 'prs'],
        placeName: 'Folkets hus, sal 2',
        address: 'Torget 2, 695 30 Laxå',
        accessibility: 'Hiss till sal 2.',
        startDate: '2026-01-15',
        startTime: '13:00',
        durationMinutes: 120,
        rrule: 'FREQ=WEEKLY;BYDAY=TH',
        cost: 'Gratis',
        registration: 'Anmäl dig till studieförbundet senast dagen före.',
        contact: 'Studieförbundet i Sydnärke, sydnarke@example.org',
        organiser: 'Studieförbundet i Sydnärke (exempel)',
      },
    ],
  },
  {
    code: '1864',
    place: 'Kopparberg',
    associations: [{ name: 'Röda Korset Ljusnarsberg (exempel)', orgNumber: '802400-0011', contact: 'ljusnarsberg@example.org' }],
    activities: [
      {
        title: 'Syjunta – sy och prata',
        description: '<p>Vi syr, lagar och pratar. Symaskiner finns.</p>',
        translations: en('Sewing circle', '<p>We sew, mend and talk. Sewing machines provided.</p>'),
        category: 'crafts',
        targetGroup: 'Kvinnor',
        ageMin: 16,
        languages: ['sv', 'ar', 'ti'],
        placeName: 'Röda Korsets lokal',
        address: 'Bergslagsvägen 10, 714 30 Kopparberg',
        accessibility: 'Två trappsteg vid entrén, ramp finns.',
        startDate: '2016-02-04',
        startTime: '13:00',
        durationMinutes: 120,
        rrule: 'FREQ=WEEKLY;BYDAY=TH',
        cost: 'Gratis, material ingår',
        registration: 'Ingen anmälan.',
        contact: 'Röda Korset Ljusnarsberg, ljusnarsberg@example.org',
        organiser: 'Röda Korset Ljusnarsberg (exempel)',
        items: ['Medverka till att det finns öppna mötesplatser'],
        cancelSoon: 'Ledaren är sjuk',
      },
      {
        title: 'Läxhjälp i skolbiblioteket',
        description: '<p>Hjälp med läxorna av lärare och volontärer, med frukt.</p>',
        category: 'homework',
        targetGroup: 'Elever i årskurs 4–9',
        ageMin: 10,
        ageMax: 16,
        languages: ['sv', 'ar', 'so'],
        placeName: 'Kopparbergsskolan, biblioteket',
        address: 'Skolgatan 5, 714 31 Kopparberg',
        accessibility: 'Entré i markplan.',
        startDate: '2016-08-22',
        startTime: '15:00',
        durationMinutes: 90,
        rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
        cost: 'Gratis',
        registration: 'Ingen anmälan.',
        contact: 'Skolbiblioteket, 0580-000 00',
        organiser: null,
        items: ['Medverka till god kunskap i svenska språket'],
      },
    ],
  },
  {
    code: '1381',
    place: 'Laholm',
    associations: [{ name: 'Laholms Fritidsförening (exempel)', orgNumber: '802400-0021', contact: 'info@example.org' }],
    activities: [
      {
        title: 'Öppen idrottshall för unga',
        description: '<p>Basket, innebandy och bordtennis. Ledare finns på plats.</p>',
        translations: en('Open sports hall for young people', '<p>Basketball, floorball and table tennis with leaders on site.</p>'),
        category: 'sport',
        targetGroup: 'Unga 13–19 år',
        ageMin: 13,
        ageMax: 19,
        languages: ['sv', 'ar', 'en'],
        placeName: 'Glänningehallen',
        address: 'Glänningevägen 2, 312 30 Laholm',
        accessibility: 'Tillgänglig entré och omklädningsrum.',
        startDate: '2017-01-13',
        startTime: '19:00',
        durationMinutes: 180,
        rrule: 'FREQ=WEEKLY;BYDAY=FR',
        cost: 'Gratis',
        registration: 'Ingen anmälan.',
        contact: 'Laholms Fritidsförening, info@example.org',
        organiser: 'Laholms Fritidsförening (exempel)',
        items: ['Det finns ett brett utbud av föreningar'],
      },
      {
        title: 'Språkträning med arbetsplatsbesök',
        description: '<p>Svenska på riktigt: vi besöker en arbetsplats och pratar om yrket.</p>',
        category: 'language',
        targetGroup: 'Vuxna nyanlända',
        ageMin: 18,
        languages: ['sv', 'so', 'ar'],
        placeName: 'Campus Laholm',
        address: 'Humlegårdsgatan 6, 312 30 Laholm',
        accessibility: 'Hiss och tillgänglig toalett.',
        startDate: '2017-02-01',
        startTime: '09:30',
        durationMinutes: 150,
        rrule: 'FREQ=MONTHLY;BYDAY=1WE',
        cost: 'Gratis',
        registration: 'Anmälan till Campus Laholm.',
        contact: 'Campus Laholm, 0430-000 00',
        organiser: null,
        items: ['Individanpassade utbildningar i svenska'],
      },
    ],
  },
  {
    code: '0117',
    place: 'Åkersberga',
    associations: [{ name: 'Österåkers Läxhjälpare (exempel)', orgNumber: '802400-0031', contact: 'laxhjalp@example.org' }],
    activities: [
      {
        title: 'Läxhjälp på Åkersberga bibliotek',
        description: '<p>Volontärer hjälper med läxor i alla ämnen.</p>',
        translations: en('Homework help at Åkersberga library', '<p>Volunteers help with homework in every subject.</p>'),
        category: 'homework',
        targetGroup: 'Elever i grundskola och gymnasium',
        ageMin: 7,
        ageMax: 19,
        languages: ['sv', 'en', 'ar', 'fa'],
        placeName: 'Åkersberga bibliotek',
        address: 'Storängstorget 5, 184 30 Åkersberga',
        accessibility: 'Entré i markplan, hiss.',
        startDate: '2015-09-07',
        startTime: '16:00',
        durationMinutes: 120,
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
        cost: 'Gratis',
        registration: 'Ingen anmälan.',
        contact: 'Österåkers Läxhjälpare, laxhjalp@example.org',
        organiser: 'Österåkers Läxhjälpare (exempel)',
        cancelled: { date: '2015-12-28', reason: 'Jullov' },
      },
      {
        title: 'Samhällsinformation på dari och arabiska',
        description: '<p>Om skola, vård och arbete i Sverige. Tolk finns.</p>',
        category: 'society',
        targetGroup: 'Nyanlända vuxna',
        ageMin: 18,
        languages: ['sv', 'prs', 'ar'],
        placeName: 'Medborgarkontoret',
        address: 'Alceahuset, 184 86 Åkersberga',
        accessibility: 'Tillgänglig entré.',
        startDate: '2015-10-06',
        startTime: '10:00',
        durationMinutes: 120,
        rrule: 'FREQ=MONTHLY;BYDAY=1TU',
        cost: 'Gratis',
        registration: 'Anmälan till medborgarkontoret.',
        contact: 'Medborgarkontoret, 08-540 810 00',
        organiser: null,
        items: ['SFI-undervisning kompletteras'],
      },
    ],
  },
  {
    code: '2514',
    place: 'Kalix',
    associations: [{ name: 'Kalix Kulturförening (exempel)', orgNumber: '802400-0041', contact: 'kultur@example.org' }],
    activities: [
      {
        title: 'Internationell matlagning',
        description: '<p>Vi lagar mat från olika länder och äter tillsammans.</p>',
        translations: en('International cooking', '<p>We cook dishes from different countries and eat together.</p>'),
        category: 'meeting',
        targetGroup: 'Alla kalixbor',
        languages: ['sv', 'ar', 'ti', 'en'],
        placeName: 'Folkets hus, köket',
        address: 'Storgatan 40, 952 31 Kalix',
        accessibility: 'Hiss, tillgänglig toalett.',
        startDate: '2016-01-20',
        startTime: '17:00',
        durationMinutes: 150,
        rrule: 'FREQ=MONTHLY;BYDAY=3WE',
        cost: '50 kr för maten',
        registration: 'Anmäl dig senast måndagen före.',
        contact: 'Kalix Kulturförening, kultur@example.org',
        organiser: 'Kalix Kulturförening (exempel)',
        items: ['Att alla kalixbor ska aktivt stimuleras'],
      },
      {
        title: 'Skridsko för nybörjare',
        description: '<p>Lär dig åka skridskor! Skridskor och hjälmar finns att låna.</p>',
        category: 'sport',
        targetGroup: 'Barn och vuxna',
        ageMin: 6,
        languages: ['sv', 'en'],
        placeName: 'Kalix ishall',
        address: 'Idrottsvägen 1, 952 32 Kalix',
        accessibility: 'Tillgänglig läktare.',
        startDate: '2016-01-09',
        startTime: '11:00',
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;BYDAY=SA;BYMONTH=1,2,3,11,12',
        cost: 'Gratis',
        registration: 'Ingen anmälan.',
        contact: 'Fritidsenheten, 0923-650 00',
        organiser: null,
      },
    ],
  },
];

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

/** The demo reporter's unit, or the municipality's first own unit. */
async function ownUnit(db: Kysely<Database>, code: string): Promise<{ id: string; name: string } | null> {
  const reporter = await db
    .selectFrom('user_unit')
    .innerJoin('app_user', 'app_user.id', 'user_unit.user_id')
    .innerJoin('unit', 'unit.id', 'user_unit.unit_id')
    .select(['unit.id', 'unit.name'])
    .where('app_user.municipality_code', '=', code)
    .where('app_user.role', '=', 'reporter')
    .orderBy('app_user.username')
    .executeTakeFirst();
  if (reporter) return reporter;
  return (
    (await db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('municipality_code', '=', code)
      .where('kind', '<>', 'partner')
      .orderBy('name')
      .executeTakeFirst()) ?? null
  );
}

/** Seeds the catalogue once (nothing happens if the municipality already has organisers). Returns the activities made. */
export async function seedDemoCatalogue(db: Kysely<Database>, now = new Date()): Promise<number> {
  // Every demo start comes here: when each demo municipality has its organisers, one query says so.
  const codes = demo.map((m) => m.code);
  const seeded = await db.selectFrom('organiser').select('municipality_code').distinct().where('municipality_code', 'in', codes).execute();
  if (seeded.length === codes.length) return 0;
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (const m of demo) {
      if (!(await trx.selectFrom('municipality').select('code').where('code', '=', m.code).executeTakeFirst())) continue;
      if (await trx.selectFrom('organiser').select('id').where('municipality_code', '=', m.code).executeTakeFirst()) continue;
      const organisers = new Map<string | null, string>();
      for (const a of m.associations) {
        const row = await trx
          .insertInto('organiser')
          .values({
            municipality_code: m.code,
            kind: 'association',
            name: a.name,
            org_number: a.orgNumber,
            contact: a.contact,
            example: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        organisers.set(a.name, row.id);
      }
      const unit = await ownUnit(trx as unknown as Kysely<Database>, m.code);
      if (unit) {
        const row = await trx
          .insertInto('organiser')
          .values({ municipality_code: m.code, kind: 'unit', unit_id: unit.id, name: unit.name, example: true })
          .returning('id')
          .executeTakeFirstOrThrow();
        organisers.set(null, row.id);
      }
      for (const a of m.activities) {
        const organiserId = organisers.get(a.organiser);
        if (!organiserId) continue;
        const row = await trx
          .insertInto('activity')
          .values({
            municipality_code: m.code,
            organiser_id: organiserId,
            title: a.title,
            description: a.description,
            translations: JSON.stringify(a.translations ?? {}),
            category: a.category,
            target_group: a.targetGroup,
            age_min: a.ageMin ?? null,
            age_max: a.ageMax ?? null,
            languages: JSON.stringify(a.languages),
            place_name: a.placeName,
            address: a.address,
            accessibility: a.accessibility,
            start_date: a.startDate,
            start_time: a.startTime,
            duration_minutes: a.durationMinutes,
            rrule: a.rrule ?? null,
            until: null,
            cost: a.cost,
            registration: a.registration,
            contact: a.contact,
            status: 'published',
            published_at: new Date(`${a.startDate}T08:00:00Z`),
            example: true,
            created_by: 'system',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const cancellations = a.cancelled ? [a.cancelled] : [];
        if (a.cancelSoon) {
          // The first occurrence two weeks or more ahead, so the demo always shows a cancelled one to come.
          const from = addDays(stockholmDay(now), 14);
          const next = expandSchedule(
            { startDate: a.startDate, startTime: a.startTime, durationMinutes: a.durationMinutes, rrule: a.rrule ?? null, until: null },
            [],
            { from, to: addDays(from, 60) },
          )[0];
          if (next) cancellations.push({ date: next.date, reason: a.cancelSoon });
        }
        if (cancellations.length > 0)
          await trx
            .insertInto('activity_exception')
            .values(cancellations.map((c) => ({ activity_id: row.id, date: c.date, reason: c.reason })))
            .execute();
        const itemIds = [];
        for (const text of a.items ?? []) {
          const id = await itemId(trx as unknown as Kysely<Database>, m.code, text);
          if (id) itemIds.push(id);
        }
        if (itemIds.length > 0)
          await trx
            .insertInto('activity_item')
            .values([...new Set(itemIds)].map((item_id) => ({ activity_id: row.id, item_id })))
            .execute();
        count++;
      }
      await recordAudit(trx, systemActor, {
        municipalityCode: m.code,
        action: 'catalogue.seed-demo',
        entityType: 'municipality',
        entityId: m.code,
        before: null,
        after: { activities: m.activities.length, example: true },
      });
    }
  });
  return count;
}
