import type { Kysely } from 'kysely';
import type { Database, MatchEndReason, MatchingHousehold } from '../../db/schema.ts';
import type { Actor } from '../accounts/policies.ts';
import { demoItem } from '../internships/demo.ts';
import { addMonths } from './rules.ts';
import { confirmMatch, endMatch, markInformed, proposeMatch, recordCheckIn } from './matches.ts';
import { createPerson } from './people.ts';
import { createProgramme, today } from './service.ts';

/**
 * Laxå's buddy programme ("Skapa någon form av fadderverksamhet mellan majoritetsbefolkningen och våra nya
 * Laxåbor") and Kalix's friend families ("Kalix kommuns vänfamiljsverksamhet ska aktivt verka för att främja
 * nyanlända flyktingars bekantskap med svensk kultur och den svenska vardagen"), and an example language-buddy
 * programme named "(exempel)" for each of Ljusnarsberg (open meeting places), Laholm (cooperation with the
 * associations and civil society) and Österåker (pensioners' organisations, Rotary), whose plans adopt no such
 * programme but ask for what one would do. Every person is invented, named "Exempel …" and marked example; no one
 * has an e-mail address, so the demo never sends mail. Dates are relative to the day of seeding, so check-ins are
 * due and overdue whenever the demo is shown.
 */
type Db = Kysely<Database>;

interface DemoPerson {
  key: string;
  side: 'volunteer' | 'newcomer';
  name: string;
  languages: string[];
  interests: string[];
  area: string;
  household: MatchingHousehold;
  children?: number;
  availability: ('weekday_daytime' | 'weekday_evening' | 'weekend')[];
  wishes?: string;
  /** Months before today the person registered. */
  registered: number;
}

interface DemoMatch {
  volunteer: string;
  newcomer: string;
  /** Months before today it was proposed and confirmed; null confirmed = still a proposal. */
  proposed: number;
  confirmed: number | null;
  checkIns?: ('ok' | 'concern')[];
  ended?: { monthsAgo: number; reason: MatchEndReason; note?: string };
}

interface DemoProgramme {
  code: string;
  coordinator: string;
  item: string;
  name: string;
  kind: 'buddy' | 'friend_family';
  description: string;
  consentText: string;
  people: DemoPerson[];
  matches: DemoMatch[];
}

const consent = (who: string, months: number) =>
  `Jag samtycker till att ${who} sparar de uppgifter jag lämnar här (namn, kontaktuppgifter, språk, intressen, område, hushåll, när jag kan ses och mina önskemål) för att hitta en matchning och följa upp den. Bara programmets samordnare ser uppgifterna. De raderas ${months} månader efter att jag senast var aktiv, och jag kan när som helst be om ett registerutdrag eller att de raderas.`;

const programmes: DemoProgramme[] = [
  {
    code: '1860',
    coordinator: 'laxa.samordnare',
    item: 'fadderverksamhet',
    name: 'Fadderverksamhet i Laxå (exempel)',
    kind: 'buddy',
    description:
      'En fadder är en Laxåbo som under ett halvår träffar en ny Laxåbo några gånger i månaden: fika, promenader, föreningslivet, hjälp att hitta i vardagen. Tillsammans med Sydnärkes kommuner och folkhälsoteamet.',
    consentText: consent('Laxå kommun', 24),
    people: [
      {
        key: 'v1',
        side: 'volunteer',
        name: 'Exempel Fadder Ada',
        languages: ['svenska', 'engelska'],
        interests: ['promenader', 'fika', 'stickning'],
        area: 'Laxå tätort',
        household: 'single',
        availability: ['weekday_daytime', 'weekend'],
        registered: 9,
      },
      {
        key: 'v2',
        side: 'volunteer',
        name: 'Exempel Fadder Bertil',
        languages: ['svenska', 'arabiska'],
        interests: ['fotboll', 'fiske'],
        area: 'Hasselfors',
        household: 'couple',
        availability: ['weekday_evening', 'weekend'],
        registered: 8,
      },
      {
        key: 'v3',
        side: 'volunteer',
        name: 'Exempel Fadder Cecilia',
        languages: ['svenska', 'tigrinja'],
        interests: ['matlagning', 'körsång'],
        area: 'Finnerödja',
        household: 'family',
        children: 2,
        availability: ['weekend'],
        registered: 3,
      },
      {
        key: 'v4',
        side: 'volunteer',
        name: 'Exempel Fadder David',
        languages: ['svenska', 'dari'],
        interests: ['fotboll', 'cykling'],
        area: 'Laxå tätort',
        household: 'single',
        availability: ['weekday_evening'],
        registered: 1,
      },
      {
        key: 'n1',
        side: 'newcomer',
        name: 'Exempel Nyanländ Elin',
        languages: ['arabiska', 'engelska'],
        interests: ['fotboll', 'matlagning'],
        area: 'Hasselfors',
        household: 'couple',
        availability: ['weekend'],
        wishes: 'Vill gärna öva svenska på promenader',
        registered: 8,
      },
      {
        key: 'n2',
        side: 'newcomer',
        name: 'Exempel Nyanländ Farid',
        languages: ['dari', 'persiska'],
        interests: ['fotboll', 'cykling'],
        area: 'Laxå tätort',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 2,
      },
      {
        key: 'n3',
        side: 'newcomer',
        name: 'Exempel Nyanländ Gebre',
        languages: ['tigrinja'],
        interests: ['matlagning', 'körsång'],
        area: 'Finnerödja',
        household: 'family',
        children: 3,
        availability: ['weekend'],
        registered: 1,
      },
      {
        key: 'n4',
        side: 'newcomer',
        name: 'Exempel Nyanländ Hawa',
        languages: ['somaliska', 'engelska'],
        interests: ['stickning', 'promenader'],
        area: 'Laxå tätort',
        household: 'single',
        availability: ['weekday_daytime'],
        registered: 10,
      },
    ],
    matches: [
      {
        volunteer: 'v2',
        newcomer: 'n1',
        proposed: 7,
        confirmed: 7,
        checkIns: ['ok', 'ok', 'ok'],
        ended: { monthsAgo: 1, reason: 'completed' },
      },
      { volunteer: 'v1', newcomer: 'n4', proposed: 2, confirmed: 2 },
      { volunteer: 'v3', newcomer: 'n3', proposed: 0, confirmed: null },
    ],
  },
  {
    code: '1864',
    coordinator: 'ljusnarsberg.samordnare',
    item: 'Medverka till att det finns öppna mötesplatser',
    name: 'Språkvän i Ljusnarsberg (exempel)',
    kind: 'buddy',
    description:
      'En språkvän träffar en ny kommuninvånare varannan vecka under ett halvår för att prata svenska, gärna på en av kommunens öppna mötesplatser: biblioteket, bygdegården, fikat efter gudstjänsten.',
    consentText: consent('Ljusnarsbergs kommun', 24),
    people: [
      {
        key: 'v1',
        side: 'volunteer',
        name: 'Exempel Språkvän Anna',
        languages: ['svenska', 'engelska'],
        interests: ['promenader', 'läsning'],
        area: 'Kopparberg',
        household: 'single',
        availability: ['weekday_daytime', 'weekend'],
        registered: 10,
      },
      {
        key: 'v2',
        side: 'volunteer',
        name: 'Exempel Språkvän Björn',
        languages: ['svenska', 'finska'],
        interests: ['fiske', 'skidor'],
        area: 'Ställdalen',
        household: 'couple',
        availability: ['weekday_evening', 'weekend'],
        registered: 7,
      },
      {
        key: 'v3',
        side: 'volunteer',
        name: 'Exempel Språkvän Carina',
        languages: ['svenska', 'arabiska'],
        interests: ['matlagning', 'sömnad'],
        area: 'Kopparberg',
        household: 'family',
        children: 2,
        availability: ['weekend'],
        registered: 2,
      },
      {
        key: 'n1',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Dawit',
        languages: ['tigrinja', 'engelska'],
        interests: ['fiske', 'fotboll'],
        area: 'Ställdalen',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 8,
      },
      {
        key: 'n2',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Esra',
        languages: ['arabiska', 'kurdiska'],
        interests: ['läsning', 'promenader'],
        area: 'Kopparberg',
        household: 'family',
        children: 1,
        availability: ['weekday_daytime'],
        wishes: 'Vill öva svenska inför praktik',
        registered: 5,
      },
      {
        key: 'n3',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Fatima',
        languages: ['arabiska'],
        interests: ['matlagning', 'sömnad'],
        area: 'Kopparberg',
        household: 'family',
        children: 3,
        availability: ['weekend'],
        registered: 1,
      },
      {
        key: 'v4',
        side: 'volunteer',
        name: 'Exempel Språkvän Dan',
        languages: ['svenska', 'engelska'],
        interests: ['fotboll', 'fiske'],
        area: 'Bångbro',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 1,
      },
      {
        key: 'n4',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Goran',
        languages: ['kurdiska', 'engelska'],
        interests: ['fotboll', 'fiske'],
        area: 'Bångbro',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 1,
      },
    ],
    matches: [
      {
        volunteer: 'v2',
        newcomer: 'n1',
        proposed: 7,
        confirmed: 7,
        checkIns: ['ok', 'ok'],
        ended: { monthsAgo: 1, reason: 'completed' },
      },
      { volunteer: 'v1', newcomer: 'n2', proposed: 4, confirmed: 4, checkIns: ['ok'] },
      { volunteer: 'v3', newcomer: 'n3', proposed: 0, confirmed: null },
    ],
  },
  {
    code: '1381',
    coordinator: 'laholm.samordnare',
    item: 'samverkansformer mellan kommunala verksamheter, föreningslivet',
    name: 'Språkvän i Laholm (exempel)',
    kind: 'buddy',
    description:
      'En språkvän från en av Laholms föreningar träffar en nyanländ några gånger i månaden under ett halvår: träning, kulturföreningens kvällar, fika. Samordnaren följer upp efter en, tre och sex månader.',
    consentText: consent('Laholms kommun', 24),
    people: [
      {
        key: 'v1',
        side: 'volunteer',
        name: 'Exempel Språkvän Gustav',
        languages: ['svenska', 'engelska'],
        interests: ['fotboll', 'löpning'],
        area: 'Laholm centrum',
        household: 'single',
        availability: ['weekday_evening'],
        registered: 11,
      },
      {
        key: 'v2',
        side: 'volunteer',
        name: 'Exempel Språkvän Helena',
        languages: ['svenska', 'persiska'],
        interests: ['körsång', 'trädgård'],
        area: 'Mellbystrand',
        household: 'couple',
        availability: ['weekday_daytime', 'weekend'],
        registered: 9,
      },
      {
        key: 'v3',
        side: 'volunteer',
        name: 'Exempel Språkvän Ingrid',
        languages: ['svenska', 'engelska'],
        interests: ['segling', 'fika'],
        area: 'Skottorp',
        household: 'single',
        availability: ['weekend'],
        registered: 1,
      },
      {
        key: 'n1',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Jamal',
        languages: ['somaliska', 'engelska'],
        interests: ['fotboll', 'löpning'],
        area: 'Laholm centrum',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 10,
      },
      {
        key: 'n2',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Karim',
        languages: ['dari', 'persiska'],
        interests: ['trädgård', 'körsång'],
        area: 'Veinge',
        household: 'couple',
        availability: ['weekday_daytime'],
        registered: 6,
      },
      {
        key: 'n3',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Lina',
        languages: ['arabiska', 'engelska'],
        interests: ['fika', 'promenader'],
        area: 'Knäred',
        household: 'family',
        children: 2,
        availability: ['weekend'],
        wishes: 'Gärna en kvinna som språkvän',
        registered: 1,
      },
      {
        key: 'v4',
        side: 'volunteer',
        name: 'Exempel Språkvän Maja',
        languages: ['svenska', 'arabiska'],
        interests: ['handboll', 'bakning'],
        area: 'Veinge',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 1,
      },
      {
        key: 'n4',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Nadia',
        languages: ['arabiska'],
        interests: ['handboll', 'bakning'],
        area: 'Veinge',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 1,
      },
    ],
    matches: [
      {
        volunteer: 'v1',
        newcomer: 'n1',
        proposed: 9,
        confirmed: 9,
        checkIns: ['ok', 'concern', 'ok'],
        ended: { monthsAgo: 2, reason: 'completed' },
      },
      { volunteer: 'v2', newcomer: 'n2', proposed: 5, confirmed: 5, checkIns: ['ok'] },
      { volunteer: 'v3', newcomer: 'n3', proposed: 0, confirmed: null },
    ],
  },
  {
    code: '0117',
    coordinator: 'osteraker.samordnare',
    item: 'Samarbetet med pensionärsorganisationer',
    name: 'Språkvän i Österåker (exempel)',
    kind: 'buddy',
    description:
      'Medlemmar i pensionärsorganisationer, Rotary och föreningslivet blir språkvänner till nyanlända Österåkersbor: samtal på svenska, en promenad, hjälp att hitta i samhället. Ett halvår i taget.',
    consentText: consent('Österåkers kommun', 24),
    people: [
      {
        key: 'v1',
        side: 'volunteer',
        name: 'Exempel Språkvän Margareta',
        languages: ['svenska', 'engelska'],
        interests: ['promenader', 'bridge'],
        area: 'Åkersberga',
        household: 'single',
        availability: ['weekday_daytime'],
        registered: 12,
      },
      {
        key: 'v2',
        side: 'volunteer',
        name: 'Exempel Språkvän Nils',
        languages: ['svenska', 'engelska', 'franska'],
        interests: ['segling', 'historia'],
        area: 'Ljusterö',
        household: 'couple',
        availability: ['weekday_daytime', 'weekend'],
        registered: 6,
      },
      {
        key: 'v3',
        side: 'volunteer',
        name: 'Exempel Språkvän Olle',
        languages: ['svenska'],
        interests: ['fotboll', 'snickeri'],
        area: 'Svinninge',
        household: 'single',
        availability: ['weekday_evening'],
        registered: 1,
      },
      {
        key: 'n1',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Parwin',
        languages: ['dari', 'engelska'],
        interests: ['promenader', 'matlagning'],
        area: 'Åkersberga',
        household: 'family',
        children: 2,
        availability: ['weekday_daytime'],
        registered: 11,
      },
      {
        key: 'n2',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Rahel',
        languages: ['tigrinja', 'franska'],
        interests: ['historia', 'läsning'],
        area: 'Åkersberga',
        household: 'single',
        availability: ['weekday_daytime', 'weekend'],
        wishes: 'Vill lära mig mer om Sverige och hitta arbete',
        registered: 5,
      },
      {
        key: 'n3',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Samir',
        languages: ['arabiska'],
        interests: ['fotboll', 'snickeri'],
        area: 'Österskär',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 1,
      },
      {
        key: 'v4',
        side: 'volunteer',
        name: 'Exempel Språkvän Tove',
        languages: ['svenska', 'engelska'],
        interests: ['schack', 'promenader'],
        area: 'Åkersberga',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 1,
      },
      {
        key: 'n4',
        side: 'newcomer',
        name: 'Exempel Ny Invånare Yonas',
        languages: ['tigrinja', 'engelska'],
        interests: ['schack', 'promenader'],
        area: 'Åkersberga',
        household: 'single',
        availability: ['weekday_evening', 'weekend'],
        registered: 1,
      },
    ],
    matches: [
      {
        volunteer: 'v1',
        newcomer: 'n1',
        proposed: 10,
        confirmed: 10,
        checkIns: ['ok', 'ok'],
        ended: { monthsAgo: 3, reason: 'moved', note: 'Familjen flyttade till Norrtälje' },
      },
      { volunteer: 'v2', newcomer: 'n2', proposed: 4, confirmed: 4, checkIns: ['concern'] },
      { volunteer: 'v3', newcomer: 'n3', proposed: 0, confirmed: null },
    ],
  },
  {
    code: '2514',
    coordinator: 'kalix.samordnare',
    item: 'vänfamiljsverksamhet',
    name: 'Vänfamiljer i Kalix (exempel)',
    kind: 'friend_family',
    description:
      'En vänfamilj umgås med en nyanländ familj under minst ett halvår: vardag, helger, årstidernas traditioner och livet i Kalix. Samordnaren följer upp efter en, tre och sex månader.',
    consentText: consent('Kalix kommun', 24),
    people: [
      {
        key: 'v1',
        side: 'volunteer',
        name: 'Exempelfamiljen Isaksson',
        languages: ['svenska', 'engelska'],
        interests: ['skoter', 'bär och svamp', 'hockey'],
        area: 'Nyborg',
        household: 'family',
        children: 2,
        availability: ['weekend'],
        registered: 12,
      },
      {
        key: 'v2',
        side: 'volunteer',
        name: 'Exempelfamiljen Jonsson',
        languages: ['svenska', 'arabiska'],
        interests: ['matlagning', 'fiske'],
        area: 'Kalix centrum',
        household: 'family',
        children: 1,
        availability: ['weekday_evening', 'weekend'],
        registered: 11,
      },
      {
        key: 'v3',
        side: 'volunteer',
        name: 'Exempelparet Karlsson',
        languages: ['svenska', 'finska', 'engelska'],
        interests: ['hantverk', 'bär och svamp'],
        area: 'Töre',
        household: 'couple',
        availability: ['weekday_daytime', 'weekend'],
        registered: 4,
      },
      {
        key: 'n1',
        side: 'newcomer',
        name: 'Exempelfamiljen Lamin',
        languages: ['arabiska'],
        interests: ['matlagning', 'fotboll'],
        area: 'Kalix centrum',
        household: 'family',
        children: 3,
        availability: ['weekend'],
        registered: 11,
      },
      {
        key: 'n2',
        side: 'newcomer',
        name: 'Exempelfamiljen Mehari',
        languages: ['tigrinja', 'engelska'],
        interests: ['bär och svamp', 'hockey'],
        area: 'Nyborg',
        household: 'family',
        children: 2,
        availability: ['weekend'],
        registered: 5,
      },
      {
        key: 'n3',
        side: 'newcomer',
        name: 'Exempelfamiljen Nur',
        languages: ['somaliska', 'engelska'],
        interests: ['hantverk'],
        area: 'Sangis',
        household: 'family',
        children: 1,
        availability: ['weekend'],
        wishes: 'Gärna en familj med barn i skolåldern',
        registered: 1,
      },
    ],
    matches: [
      {
        volunteer: 'v2',
        newcomer: 'n1',
        proposed: 10,
        confirmed: 10,
        checkIns: ['ok', 'concern'],
        ended: { monthsAgo: 6, reason: 'moved', note: 'Familjen flyttade till Luleå' },
      },
      { volunteer: 'v1', newcomer: 'n2', proposed: 4, confirmed: 4, checkIns: ['concern'] },
    ],
  },
];

async function actorOf(db: Db, username: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'municipality_code'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user || user.role !== 'coordinator') return null;
  return { userId: user.id, username: user.username, role: 'coordinator', municipalityCode: user.municipality_code, unitIds: [] };
}

/** Noon, a number of months before `base`, as a Date (the services take their clock as a parameter). */
const monthsAgo = (base: string, months: number, days = 0) => {
  const d = new Date(`${addMonths(base, -months)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
};

export async function seedDemoMatching(db: Db, now = new Date()): Promise<number> {
  // Every demo start comes here: when every demo programme exists, one query says so.
  const existing = await db
    .selectFrom('matching_programme')
    .select(['municipality_code', 'name'])
    .where('municipality_code', 'in', [...new Set(programmes.map((p) => p.code))])
    .execute();
  if (programmes.every((p) => existing.some((e) => e.municipality_code === p.code && e.name === p.name))) return 0;
  const base = today(now);
  let seeded = 0;
  for (const p of programmes) {
    const actor = await actorOf(db, p.coordinator);
    if (!actor) continue;
    const exists = await db
      .selectFrom('matching_programme')
      .select('id')
      .where('municipality_code', '=', p.code)
      .where('name', '=', p.name)
      .executeTakeFirst();
    if (exists) continue;
    const itemId = await demoItem(db, p.code, p.item);
    const programme = await createProgramme(
      db,
      actor,
      p.code,
      {
        name: p.name,
        kind: p.kind,
        description: p.description,
        consentText: p.consentText,
        registrationOpen: true,
        retentionMonths: 24,
        itemIds: itemId ? [itemId] : [],
      },
      true,
    );
    const ids = new Map<string, string>();
    for (const person of p.people) {
      const { key, registered, ...fields } = person;
      const created = await createPerson(
        db,
        actor,
        programme.id,
        { ...fields, children: fields.children ?? 0, wishes: fields.wishes ?? '', email: null, phone: null, consent: true },
        { now: monthsAgo(base, registered), example: true },
      );
      ids.set(key, created.id);
    }
    for (const m of p.matches) {
      const on = monthsAgo(base, m.proposed, -3);
      let match = await proposeMatch(
        db,
        actor,
        programme.id,
        { volunteerId: ids.get(m.volunteer) as string, newcomerId: ids.get(m.newcomer) as string },
        { now: on, example: true, on: today(on) },
      );
      if (m.confirmed === null) continue;
      const confirmedAt = monthsAgo(base, m.confirmed);
      match = await confirmMatch(db, actor, match.id, { version: match.version, confirmedOn: today(confirmedAt) }, confirmedAt);
      match = await markInformed(db, actor, match.id, { side: 'volunteer', version: match.version }, confirmedAt);
      match = await markInformed(db, actor, match.id, { side: 'newcomer', version: match.version }, confirmedAt);
      for (const [i, outcome] of (m.checkIns ?? []).entries()) {
        const checkIn = match.checkIns[i];
        if (!checkIn || checkIn.dueOn > base) break;
        const doneAt = new Date(`${checkIn.dueOn}T12:00:00Z`);
        match = await recordCheckIn(
          db,
          actor,
          checkIn.id,
          {
            outcome,
            doneOn: checkIn.dueOn,
            version: checkIn.version,
            note: outcome === 'concern' ? 'Svårt att hitta tider; ses varannan vecka i stället.' : null,
          },
          doneAt,
        );
      }
      if (m.ended) {
        const endedAt = monthsAgo(base, m.ended.monthsAgo);
        await endMatch(
          db,
          actor,
          match.id,
          { reason: m.ended.reason, note: m.ended.note ?? null, endedOn: today(endedAt), version: match.version },
          endedAt,
        );
      }
    }
    // The demo marks its own matches as examples (the services create real ones).
    await db.updateTable('matching_match').set({ example: true }).where('programme_id', '=', programme.id).execute();
    seeded++;
  }
  return seeded;
}
