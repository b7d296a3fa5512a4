import type { Kysely } from 'kysely';
import type { Database, FundOrganisationKind } from '../../db/schema.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { systemActor } from '../audit/audit.ts';
import { DEMO_PASSWORD } from '../../seed.ts';
import { fileFinalReport, insertApplication, registerOrganisation, type ApplicationInput } from './applications.ts';
import { assessApplication, decideApplication, recordPayment } from './decisions.ts';
import { createCall, createFund, type CallInput } from './service.ts';
import { checkDigit, stockholmDate } from './rules.ts';

/**
 * Laxå's and Kalix's integration funds as their plans describe them. Laxå (2015): money "för integrationsbefrämjande
 * insatser till föreningar"; Kalix (2016–2018): open to associations, faith communities, organisations, municipal
 * units and companies, municipal projects first, the board (KS) decides. Neither plan states an amount: the budgets,
 * organisations, applications and decisions here are invented and marked as example. Ljusnarsberg, Laholm and
 * Österåker get one small example fund each (see smallFunds). Demo applicant accounts: laxa.forening,
 * ljusnarsberg.forening, laholm.forening, osteraker.forening and kalix.forening (password as the other demo accounts).
 */
type Db = Kysely<Database>;

const orgNumber = (nine: string) => `${nine.slice(0, 6)}-${nine.slice(6)}${checkDigit(nine)}`;

const criteria = [
  { name: 'Bidrar till integrationsplanens mål', description: 'Vilka mål och aktiviteter i planen projektet stöder', weight: 3 },
  { name: 'Når målgruppen', description: 'Nyanlända och etablerade invånare möts', weight: 2 },
  { name: 'Genomförbarhet och budget', description: 'Rimlig plan, budget och medfinansiering', weight: 1 },
];

const application = (
  title: string,
  purpose: string,
  year: number,
  lines: [string, number][],
  co: number,
  itemIds: string[],
): ApplicationInput => ({
  title,
  purpose,
  targetGroup: 'Nyanlända och etablerade invånare i alla åldrar',
  startDate: `${year}-04-01`,
  endDate: `${year}-11-30`,
  activities: [
    { description: 'Uppstartsträff', date: `${year}-04-10` },
    { description: 'Avslutning och utvärdering', date: `${year}-11-20` },
  ],
  budgetLines: lines.map(([description, amountSek]) => ({ description, amountSek })),
  coFinancing: co > 0 ? [{ source: 'Egen insats (ideellt arbete, värderat)', amountSek: co }] : [],
  itemIds,
});

async function itemLike(db: Db, code: string, pattern: string): Promise<string[]> {
  const row = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select('item.id')
    .where('document.municipality_code', '=', code)
    .where('item.text', 'ilike', pattern)
    .where('item.kind', 'in', ['goal', 'activity'])
    .orderBy('item.position')
    .executeTakeFirst();
  return row ? [row.id] : [];
}

async function organisation(db: Db, code: string, username: string, nine: string, name: string, kind: FundOrganisationKind, hash: string) {
  return (
    await registerOrganisation(
      db,
      code,
      {
        orgNumber: orgNumber(nine),
        name,
        kind,
        contactName: `Kontaktperson, ${name}`,
        contactEmail: `${username}@example.se`,
        contactPhone: '',
        password: '',
      },
      { example: true, passwordHash: hash, username },
    )
  ).organisation.id;
}

/** Applies, submits (as of the given day), scores and records the decision and, when granted, payment and report. */
async function decidedApplication(
  db: Db,
  callId: string,
  organisationId: string,
  input: ApplicationInput,
  outcome: {
    submittedOn: string;
    scores: Record<string, number>;
    grantedSek: number;
    decidedOn: string;
    paragraph: string;
    report?: string;
  },
): Promise<void> {
  const created = { id: await insertApplication(db, systemActor, callId, input, { example: true, organisationId }), version: 1 };
  await db
    .updateTable('fund_application')
    .set({ status: 'submitted', submitted_at: `${outcome.submittedOn}T10:00:00Z`, version: created.version + 1 })
    .where('id', '=', created.id)
    .execute();
  await assessApplication(db, systemActor, created.id, { scores: outcome.scores, comment: 'Exempelbedömning.' }, true);
  const granted = outcome.grantedSek > 0;
  const decided = await decideApplication(
    db,
    systemActor,
    created.id,
    {
      outcome: granted ? 'granted' : 'rejected',
      decidedBy: 'Kommunstyrelsen',
      decidedOn: outcome.decidedOn,
      minutesParagraph: outcome.paragraph,
      grantedSek: outcome.grantedSek,
      conditions: granted ? 'Slutrapport med redovisning av kostnaderna senast två månader efter projektets slut.' : '',
      version: created.version + 1,
    },
    true,
  );
  if (!granted) return;
  await recordPayment(db, systemActor, created.id, { paidOn: outcome.decidedOn, amountSek: outcome.grantedSek }, true);
  if (outcome.report)
    await fileFinalReport(
      db,
      systemActor,
      created.id,
      { summary: outcome.report, spentSek: outcome.grantedSek, participants: 35, version: decided.version },
      true,
    );
}

const keysOf = (scores: number[]) => Object.fromEntries(scores.map((s, i) => [`c${i + 1}`, s]));

async function seedLaxa(db: Db, hash: string): Promise<void> {
  const fund = await createFund(
    db,
    systemActor,
    '1860',
    {
      name: 'Integrationsfonden',
      description: 'Medel för integrationsbefrämjande insatser till föreningar (integrationsplanen 2015–2018, delmål 2, aktivitet 4).',
    },
    true,
  );
  const fundId = fund.funds[0]?.id as string;
  const base: Omit<CallInput, 'title' | 'year' | 'budgetSek' | 'opensOn' | 'deadline' | 'periodFrom' | 'periodTo'> = {
    description: 'Föreningar som vill genomföra aktiviteter i integrationssyfte kan söka. Beloppet är ett exempel: planen anger inget.',
    eligibleKinds: ['association'],
    criteria,
    priorityRule: 'none',
  };
  const call = await createCall(
    db,
    systemActor,
    fundId,
    {
      ...base,
      title: 'Integrationsfonden 2015',
      year: 2015,
      budgetSek: 100000,
      opensOn: '2015-02-01',
      deadline: '2015-03-31',
      periodFrom: '2015-04-01',
      periodTo: '2015-12-31',
    },
    true,
  );
  await db.updateTable('fund_call').set({ status: 'decided' }).where('id', '=', call.id).execute();
  const items = await itemLike(db, '1860', 'Distribuera medel från%');
  const sports = await organisation(db, '1860', 'laxa.forening', '802450001', 'Laxå Idrottsförening (exempel)', 'association', hash);
  const choir = await organisation(db, '1860', 'laxa.kor', '802450002', 'Laxå Sångkör (exempel)', 'association', hash);
  await decidedApplication(
    db,
    call.id,
    sports,
    application(
      'Prova på-idrott för nya Laxåbor',
      'Fler nyanlända i föreningslivet.',
      2015,
      [
        ['Ledararvoden', 30000],
        ['Utrustning', 15000],
        ['Hyra av hall', 10000],
      ],
      10000,
      items,
    ),
    {
      submittedOn: '2015-03-20',
      scores: keysOf([5, 4, 4]),
      grantedSek: 45000,
      decidedOn: '2015-04-14',
      paragraph: '§ 52',
      report: 'Tjugo träffar under säsongen; sex nya medlemmar stannade i föreningen.',
    },
  );
  await decidedApplication(
    db,
    call.id,
    choir,
    application(
      'Sjung tillsammans',
      'Mötesplats genom körsång.',
      2015,
      [
        ['Körledare', 40000],
        ['Noter och lokal', 30000],
      ],
      0,
      items,
    ),
    {
      submittedOn: '2015-03-28',
      scores: keysOf([3, 4, 3]),
      grantedSek: 40000,
      decidedOn: '2015-04-14',
      paragraph: '§ 52',
    },
  );
}

async function seedKalix(db: Db, hash: string): Promise<void> {
  const fund = await createFund(
    db,
    systemActor,
    '2514',
    {
      name: 'Integrationsfonden 2016–2018',
      description:
        'Inrättad för att skapa möjligheter och stödja integrationsinitiativ. Kan sökas av föreningar, samfund, organisationer, kommunala verksamheter och företag; kommunala projekt prioriteras. Kommunstyrelsen beslutar.',
    },
    true,
  );
  const fundId = fund.funds[0]?.id as string;
  const base = {
    description: 'Beloppet är ett exempel: planen anger inget. Kommunala projekt prioriteras.',
    eligibleKinds: ['association', 'faith_community', 'organisation', 'company', 'municipal_unit'] as FundOrganisationKind[],
    criteria,
    priorityRule: 'municipal_units_first' as const,
  };
  const call2016 = await createCall(
    db,
    systemActor,
    fundId,
    {
      ...base,
      title: 'Integrationsfonden 2016',
      year: 2016,
      budgetSek: 300000,
      opensOn: '2016-02-01',
      deadline: '2016-03-31',
      periodFrom: '2016-04-01',
      periodTo: '2016-12-31',
    },
    true,
  );
  await db.updateTable('fund_call').set({ status: 'decided' }).where('id', '=', call2016.id).execute();
  const items = await itemLike(db, '2514', 'Att alla kalixbor ska aktivt stimuleras att delta%');
  const culture = await organisation(
    db,
    '2514',
    'kalix.enhet',
    '212000274',
    'Kalix kommun, Kultur och fritid (exempel)',
    'municipal_unit',
    hash,
  );
  const association = await organisation(
    db,
    '2514',
    'kalix.forening',
    '802460001',
    'Kalix Folkets Hus-förening (exempel)',
    'association',
    hash,
  );
  const church = await organisation(db, '2514', 'kalix.samfund', '252460002', 'Kalix församling (exempel)', 'faith_community', hash);
  await decidedApplication(
    db,
    call2016.id,
    culture,
    application(
      'Mötesplats biblioteket',
      'Språkcafé och läxhjälp på biblioteket.',
      2016,
      [
        ['Personal', 120000],
        ['Material', 30000],
      ],
      30000,
      items,
    ),
    {
      submittedOn: '2016-03-15',
      scores: keysOf([4, 4, 4]),
      grantedSek: 120000,
      decidedOn: '2016-04-25',
      paragraph: '§ 88',
      report: 'Öppet två kvällar i veckan; i snitt 25 besökare per kväll.',
    },
  );
  await decidedApplication(
    db,
    call2016.id,
    association,
    application(
      'Kulturkvällar',
      'Mat och musik från olika länder.',
      2016,
      [
        ['Arvoden', 80000],
        ['Lokal och mat', 60000],
      ],
      20000,
      items,
    ),
    {
      submittedOn: '2016-03-10',
      scores: keysOf([5, 5, 3]),
      grantedSek: 120000,
      decidedOn: '2016-04-25',
      paragraph: '§ 88',
    },
  );
  await decidedApplication(
    db,
    call2016.id,
    church,
    application('Fadderfamiljer', 'Familjer som möts regelbundet.', 2016, [['Samordnare', 90000]], 0, items),
    {
      submittedOn: '2016-03-30',
      scores: keysOf([3, 3, 3]),
      grantedSek: 0,
      decidedOn: '2016-04-25',
      paragraph: '§ 88',
    },
  );
  // An open example call this year, so the public page and the applicant's path have something to show.
  const today = stockholmDate(new Date());
  const year = Number(today.slice(0, 4));
  const open = await createCall(
    db,
    systemActor,
    fundId,
    {
      ...base,
      title: `Exempelutlysning ${year}`,
      year,
      budgetSek: 250000,
      opensOn: today,
      deadline: `${year + 1}-03-31`,
      periodFrom: `${year + 1}-01-01`,
      periodTo: `${year + 1}-12-31`,
    },
    true,
  );
  await db.updateTable('fund_call').set({ status: 'open', version: 2 }).where('id', '=', open.id).execute();
}

interface SmallFund {
  code: string;
  name: string;
  description: string;
  callDescription: string;
  eligibleKinds: FundOrganisationKind[];
  /** The plan item the fund serves, as an ILIKE pattern on its text (checked against the plan). */
  item: string;
  year: number;
  budgetSek: number;
  organisations: { username: string; nine: string; name: string; kind: FundOrganisationKind }[];
  applications: {
    organisation: number;
    title: string;
    purpose: string;
    lines: [string, number][];
    co: number;
    submittedOn: string;
    scores: number[];
    grantedSek: number;
    report?: string;
  }[];
  decidedOn: string;
  paragraph: string;
}

/**
 * Ljusnarsberg, Laholm and Österåker have no fund in their plans, but each plan asks for what a small fund could
 * pay for: open meeting places and the associations invited in (Ljusnarsberg), the engagement of the voluntary
 * sector and local leisure and culture associations (Laholm), projects with the voluntary sector, associations,
 * pensioners' organisations and Rotary (Österåker). So every fund, call, organisation and application here is
 * named "(exempel)": nothing of it was adopted.
 */
const smallFunds: SmallFund[] = [
  {
    code: '1864',
    name: 'Mötesplatsbidrag (exempel)',
    description:
      'Exempel på ett litet bidrag för öppna mötesplatser, kopplat till strategins mål att medverka till att det finns öppna mötesplatser. Strategin inrättar ingen fond.',
    callDescription: 'Föreningar som ordnar öppna mötesplatser kan söka. Beloppet är ett exempel: strategin anger inget.',
    eligibleKinds: ['association'],
    item: 'Medverka till att det finns öppna mötesplatser%',
    year: 2017,
    budgetSek: 60000,
    organisations: [
      { username: 'ljusnarsberg.forening', nine: '802480001', name: 'Kopparbergs Bygdegårdsförening (exempel)', kind: 'association' },
      { username: 'ljusnarsberg.schack', nine: '802480002', name: 'Ljusnarsbergs Schackklubb (exempel)', kind: 'association' },
    ],
    applications: [
      {
        organisation: 0,
        title: 'Öppen bygdegård på onsdagar (exempel)',
        purpose: 'En öppen mötesplats med fika, läxhjälp och svenskprat en kväll i veckan.',
        lines: [
          ['Lokal och värme', 15000],
          ['Fika och material', 10000],
          ['Arvode värdar', 15000],
        ],
        co: 8000,
        submittedOn: '2017-03-22',
        scores: [5, 4, 4],
        grantedSek: 35000,
        report: 'Trettio onsdagskvällar; i snitt arton besökare, varav hälften nya i kommunen.',
      },
      {
        organisation: 1,
        title: 'Schackresa till Västerås (exempel)',
        purpose: 'Resa till en tävling för klubbens medlemmar.',
        lines: [
          ['Buss', 20000],
          ['Startavgifter', 8000],
        ],
        co: 0,
        submittedOn: '2017-03-30',
        scores: [2, 2, 3],
        grantedSek: 0,
      },
    ],
    decidedOn: '2017-04-19',
    paragraph: '§ 41',
  },
  {
    code: '1381',
    name: 'Föreningsstöd för integration (exempel)',
    description:
      'Exempel på stöd till lokala fritids- och kulturföreningar som öppnar sina aktiviteter för nyanlända, i linje med programmets betoning på den ideella sektorns engagemang. Programmet inrättar ingen fond.',
    callDescription: 'Fritids- och kulturföreningar i Laholm kan söka. Beloppet är ett exempel: programmet anger inget.',
    eligibleKinds: ['association'],
    item: 'Det finns ett brett utbud av föreningar%',
    year: 2018,
    budgetSek: 150000,
    organisations: [
      { username: 'laholm.forening', nine: '802490001', name: 'Laholms Fotbollsförening (exempel)', kind: 'association' },
      { username: 'laholm.kultur', nine: '802490002', name: 'Kulturföreningen Lagaån (exempel)', kind: 'association' },
      { username: 'laholm.segel', nine: '802490003', name: 'Mellbystrands Seglarklubb (exempel)', kind: 'association' },
    ],
    applications: [
      {
        organisation: 0,
        title: 'Prova på-fotboll för nya Laholmare (exempel)',
        purpose: 'Öppna träningar utan avgift för barn och vuxna utan tidigare erfarenhet av föreningsliv.',
        lines: [
          ['Ledarutbildning', 20000],
          ['Utrustning', 25000],
          ['Planhyra', 15000],
        ],
        co: 15000,
        submittedOn: '2018-03-12',
        scores: [5, 5, 4],
        grantedSek: 60000,
        report: 'Fyrtio träningar; tjugotvå nya medlemmar, fyra nya ledare.',
      },
      {
        organisation: 1,
        title: 'Berättarkvällar på biblioteket (exempel)',
        purpose: 'Berättelser från hela världen, på svenska och modersmål.',
        lines: [
          ['Arvoden', 30000],
          ['Marknadsföring', 5000],
        ],
        co: 5000,
        submittedOn: '2018-03-20',
        scores: [4, 4, 4],
        grantedSek: 35000,
      },
      {
        organisation: 2,
        title: 'Ny båt till klubben (exempel)',
        purpose: 'Inköp av en segelbåt.',
        lines: [['Segelbåt', 90000]],
        co: 0,
        submittedOn: '2018-03-29',
        scores: [1, 2, 2],
        grantedSek: 0,
      },
    ],
    decidedOn: '2018-04-24',
    paragraph: '§ 67',
  },
  {
    code: '0117',
    name: 'Integrationsprojekt med ideella sektorn (exempel)',
    description:
      'Exempel på stöd till projekt i samarbete med den ideella sektorn: föreningslivet, pensionärsorganisationer och organisationer som Rotary. Åtgärdsplanen inrättar ingen fond.',
    callDescription: 'Föreningar och organisationer i Österåker kan söka. Beloppet är ett exempel: åtgärdsplanen anger inget.',
    eligibleKinds: ['association', 'organisation'],
    item: 'Hur kan vi underlätta för förenings- och idrottslivet%',
    year: 2016,
    budgetSek: 200000,
    organisations: [
      { username: 'osteraker.forening', nine: '802500001', name: 'Åkersberga Idrottsallians (exempel)', kind: 'association' },
      { username: 'osteraker.pension', nine: '802500002', name: 'Österåkers Pensionärsförening (exempel)', kind: 'association' },
      { username: 'osteraker.rotary', nine: '802500003', name: 'Rotaryklubben i Österåker (exempel)', kind: 'organisation' },
    ],
    applications: [
      {
        organisation: 1,
        title: 'Svenska vid fikabordet (exempel)',
        purpose: 'Pensionärer och nyanlända träffas varje vecka för samtal på svenska.',
        lines: [
          ['Lokal', 20000],
          ['Fika och material', 15000],
          ['Studiecirkelledare', 25000],
        ],
        co: 20000,
        submittedOn: '2016-03-18',
        scores: [5, 5, 4],
        grantedSek: 60000,
        report: 'Trettiofem träffar; tjugo pensionärer och tjugofem nyanlända deltog.',
      },
      {
        organisation: 2,
        title: 'Mentorer till arbetslivet (exempel)',
        purpose: 'Rotarymedlemmar blir mentorer för nyanlända som söker arbete.',
        lines: [
          ['Samordning', 40000],
          ['Träffar', 10000],
        ],
        co: 25000,
        submittedOn: '2016-03-24',
        scores: [4, 4, 5],
        grantedSek: 50000,
      },
      {
        organisation: 0,
        title: 'Ny konstgräsplan (exempel)',
        purpose: 'Bidrag till en ny konstgräsplan.',
        lines: [['Anläggning', 180000]],
        co: 0,
        submittedOn: '2016-03-30',
        scores: [1, 2, 1],
        grantedSek: 0,
      },
    ],
    decidedOn: '2016-04-26',
    paragraph: '§ 58',
  },
];

async function seedSmallFund(f: SmallFund, db: Db, hash: string): Promise<void> {
  const fund = await createFund(db, systemActor, f.code, { name: f.name, description: f.description }, true);
  const fundId = fund.funds[0]?.id as string;
  const call = await createCall(
    db,
    systemActor,
    fundId,
    {
      title: `${f.name.replace(' (exempel)', '')} ${f.year} (exempel)`,
      description: f.callDescription,
      eligibleKinds: f.eligibleKinds,
      criteria,
      priorityRule: 'none',
      year: f.year,
      budgetSek: f.budgetSek,
      opensOn: `${f.year}-02-01`,
      deadline: `${f.year}-03-31`,
      periodFrom: `${f.year}-04-01`,
      periodTo: `${f.year}-12-31`,
    },
    true,
  );
  await db.updateTable('fund_call').set({ status: 'decided' }).where('id', '=', call.id).execute();
  const items = await itemLike(db, f.code, f.item);
  const organisations: string[] = [];
  for (const o of f.organisations) organisations.push(await organisation(db, f.code, o.username, o.nine, o.name, o.kind, hash));
  for (const a of f.applications)
    await decidedApplication(
      db,
      call.id,
      organisations[a.organisation] as string,
      application(a.title, a.purpose, f.year, a.lines, a.co, items),
      {
        submittedOn: a.submittedOn,
        scores: keysOf(a.scores),
        grantedSek: a.grantedSek,
        decidedOn: f.decidedOn,
        paragraph: f.paragraph,
        ...(a.report ? { report: a.report } : {}),
      },
    );
}

/** Idempotent: a municipality that already has a fund is left as it is. */
export async function seedDemoFund(db: Db): Promise<void> {
  const seeds = [
    ['1860', seedLaxa],
    ...smallFunds.map((f) => [f.code, (d: Db, h: string) => seedSmallFund(f, d, h)] as const),
    ['2514', seedKalix],
  ] as const;
  // Every demo start comes here: when each demo municipality has its fund, one query says so.
  const codes = seeds.map(([code]) => code);
  const funded = await db.selectFrom('fund').select('municipality_code').distinct().where('municipality_code', 'in', codes).execute();
  if (funded.length === new Set(codes).size) return;
  // scrypt (about half a second) is paid only when a fund is actually seeded.
  let hash: Promise<string> | undefined;
  for (const [code, seed] of seeds) {
    const documents = await db.selectFrom('document').select('id').where('municipality_code', '=', code).executeTakeFirst();
    const fund = await db.selectFrom('fund').select('id').where('municipality_code', '=', code).executeTakeFirst();
    if (!documents || fund) continue;
    await seed(db, await (hash ??= hashPassword(DEMO_PASSWORD)));
  }
}
