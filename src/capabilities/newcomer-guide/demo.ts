import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.ts';
import type { GuideEntryInput } from './rules.ts';
import { createGuideEntry } from './service.ts';

/**
 * The demo municipalities' newcomer guides. Kalix: annex 2 of its Integrationsplan 2016 ("Roller i samhället –
 * nyanländas etablering") word for word, column by column (one obvious typo mended: "Arbetsförmöed-lande" →
 * "Arbetsförmedlande"), and the sentence under the table naming the unit. The others: the same national agencies,
 * whose roles in establishment the law defines alike for every municipality, the county's region and county
 * administrative board, and the municipality's own reception named from its demo plan's units. The roles are
 * those of 2016 (the plans' time; the establishment programme replaced the establishment plan in 2018).
 * Contacts are the organisations' public ones only; everything is marked as example.
 */
type Db = Kysely<Database>;

const entry = (actor: string, responsibilities: string[], help: string[], url: string | null): GuideEntryInput => ({
  actor,
  responsibilities: responsibilities.join('\n'),
  help: help.join('\n'),
  url,
});

const arbetsformedlingen = entry(
  'Arbetsförmedlingen',
  ['Etableringsplan', 'Bosättning', 'Validering', 'Arbetsförmedlande insatser', 'Lokal överenskommelse'],
  ['Kundtjänst: 0771-416 416 (vardagar).', 'Boka ett möte eller logga in på arbetsformedlingen.se.'],
  'https://arbetsformedlingen.se',
);
const migrationsverket = entry(
  'Migrationsverket',
  ['Asylprocessen', 'Bosättningsgrupper', 'Anhöriginvandring'],
  ['Kontaktcenter: 0771-235 235 (vardagar).', 'Information på många språk på migrationsverket.se.'],
  'https://www.migrationsverket.se',
);
const forsakringskassan = entry(
  'Försäkringskassan',
  ['Utbetalningar av ersättningar, bl a etableringsersättning'],
  ['Kundcenter: 0771-524 524 (vardagar).', 'Mina sidor och information på flera språk på forsakringskassan.se.'],
  'https://www.forsakringskassan.se',
);
const skatteverket = entry(
  'Skatteverket',
  ['Folkbokföring och personnummer', 'Id-kort', 'Samordningsnummer'],
  ['Skatteupplysningen: 0771-567 567 (vardagar).', 'Servicekontor: besök efter tidsbokning, se skatteverket.se.'],
  'https://www.skatteverket.se',
);
const region = (name: string, url: string) =>
  entry(
    name,
    ['Hälsoundersökning', 'Sjukvård och tandvård'],
    ['Sjukvårdsrådgivning dygnet runt: ring 1177 eller se 1177.se.', 'Vid fara för liv: ring 112.', 'Vårdcentralen där du bor.'],
    url,
  );
const lansstyrelsen = (county: string, url: string) =>
  entry(
    `Länsstyrelsen i ${county}`,
    [
      'Främja beredskap och kapacitet',
      'Förhandla om överenskommelse för mottagande',
      'Främja regional samverkan',
      'Systemuppföljning',
      'Handläggning av § 37/(a)-medel',
    ],
    ['Länsstyrelsen möter inte nyanlända enskilt: vänd dig till kommunen, Arbetsförmedlingen eller Migrationsverket.'],
    url,
  );
const municipalReception = (actor: string, help: string[], url: string) =>
  entry(
    actor,
    [
      'Mottagning av nyanlända',
      'Försörjningsstödet till personer utan etableringsersättning',
      'Praktisk hjälp vid bosättning',
      'Skola, förskola och fritidshem',
      'Svenska för invandrare (SFI)',
      'Samhällsorientering',
      'Olika insatser för etablering',
      'Bostadsförsörjning',
    ],
    help,
    url,
  );

const guides: Record<string, GuideEntryInput[]> = {
  // Kalix: annex 2 in its own order and words.
  '2514': [
    arbetsformedlingen,
    entry(
      'Landstinget',
      ['Hälsoundersökning', 'Sjukvård och tandvård'],
      ['Region Norrbotten (hette Norrbottens läns landsting 2016).', 'Sjukvårdsrådgivning dygnet runt: ring 1177 eller se 1177.se.'],
      'https://www.norrbotten.se',
    ),
    entry(
      'Kalix kommun',
      [
        'Mottagning av nyanlända',
        'Försörjningsstödet till personer utan etableringsersättning',
        'Praktisk hjälp vid bosättning',
        'Skola, förskola och fritidshem',
        'Svenska för invandrare (SFI)',
        'Samhällsorientering',
        'Olika insatser för etablering',
        'Bostadsförsörjning',
      ],
      [
        'I Kalix kommun är det socialnämnden som ansvarar för mottagningen av kvotflyktingar och ensamkommande barn. Det finns en särskild enhet under namnet Integrations- och arbetsmarknadsenheten som ansvarar för verksamheten.',
        'Kontakta kommunen via kalix.se.',
      ],
      'https://www.kalix.se',
    ),
    migrationsverket,
    forsakringskassan,
    entry(
      'Länsstyrelsen',
      [
        'Främja beredskap och kapacitet',
        'Förhandla om överenskommelse för mottagande',
        'Främja regional samverkan',
        'Systemuppföljning',
        'Handläggning av § 37/(a)-medel',
      ],
      ['Länsstyrelsen i Norrbottens län.'],
      'https://www.lansstyrelsen.se/norrbotten',
    ),
  ],
  '1860': [
    arbetsformedlingen,
    region('Region Örebro län', 'https://www.regionorebrolan.se'),
    municipalReception(
      'Laxå kommun – flyktingmottagningen',
      [
        'Kommunstyrelsen ansvarar för kommunens flyktingmottagning.',
        'Svenska för invandrare (SFI) och vuxenutbildning: Sydnärkes utbildningsförbund.',
        'Kontakta kommunen via laxa.se.',
      ],
      'https://www.laxa.se',
    ),
    migrationsverket,
    forsakringskassan,
    skatteverket,
    lansstyrelsen('Örebro län', 'https://www.lansstyrelsen.se/orebro'),
  ],
  '1864': [
    arbetsformedlingen,
    region('Region Örebro län', 'https://www.regionorebrolan.se'),
    municipalReception(
      'Ljusnarsbergs kommun – Individ- och familjeomsorgen',
      [
        'Individ- och familjeomsorgen tar emot nyanlända; förskola, skola och Vuxenutbildningen (SFI) ger utbildningen.',
        'Kontakta kommunen via ljusnarsberg.se.',
      ],
      'https://www.ljusnarsberg.se',
    ),
    migrationsverket,
    forsakringskassan,
    skatteverket,
    lansstyrelsen('Örebro län', 'https://www.lansstyrelsen.se/orebro'),
  ],
  '1381': [
    arbetsformedlingen,
    region('Region Halland', 'https://www.regionhalland.se'),
    municipalReception(
      'Laholms kommun – mottagningen av nyanlända',
      ['Kommunstyrelsen leder arbetet med integration.', 'Kontakta kommunen via laholm.se.'],
      'https://www.laholm.se',
    ),
    migrationsverket,
    forsakringskassan,
    skatteverket,
    lansstyrelsen('Hallands län', 'https://www.lansstyrelsen.se/halland'),
  ],
  '0117': [
    arbetsformedlingen,
    region('Region Stockholm', 'https://www.regionstockholm.se'),
    municipalReception(
      'Österåkers kommun – Socialförvaltningen',
      [
        'Socialförvaltningen tar emot nyanlända och fördelar bostäder tillsammans med Armada.',
        'Skolförvaltningen ansvarar för skola och modersmålsundervisning.',
        'Kontakta kommunen via osteraker.se.',
      ],
      'https://www.osteraker.se',
    ),
    migrationsverket,
    forsakringskassan,
    skatteverket,
    lansstyrelsen('Stockholms län', 'https://www.lansstyrelsen.se/stockholm'),
  ],
};

/** Each demo municipality's guide, unless it already has one (a guide edited by hand is never overwritten). */
export async function seedDemoGuide(db: Db): Promise<number> {
  // Every demo start comes here: when each demo municipality has a guide, one query says so.
  const codes = Object.keys(guides);
  const seeded = await db
    .selectFrom('guide_entry')
    .select('municipality_code')
    .distinct()
    .where('municipality_code', 'in', codes)
    .execute();
  if (seeded.length === codes.length) return 0;
  let added = 0;
  for (const [code, entries] of Object.entries(guides)) {
    const municipality = await db.selectFrom('municipality').select('code').where('code', '=', code).executeTakeFirst();
    if (!municipality) continue;
    const existing = await db.selectFrom('guide_entry').select('id').where('municipality_code', '=', code).executeTakeFirst();
    if (existing) continue;
    for (const input of entries) {
      await createGuideEntry(db, systemActor, code, input, true);
      added++;
    }
  }
  return added;
}
