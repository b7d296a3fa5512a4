import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OutlineNode, PlanOutline } from '../plans/outline.ts';
import { dueIn, frameworksIn, periodIn, recurrenceIn, responsibleIn, splitUnits } from './attributes.ts';
import { extractTxt } from './extract-txt.ts';
import { readPlan } from './import-plan.ts';
import { bodyIn, dateIn, documentFacts, followUpIn, municipalityIn, revisionIn } from './metadata.ts';
import { matchItems, scoreImport } from './score.ts';
import { classify, tidy } from './structure.ts';

const known = [
  { code: '1860', name: 'Laxå' },
  { code: '2514', name: 'Kalix' },
  { code: '0117', name: 'Österåker' },
];
const read = (text: string) => readPlan(extractTxt(text), { fileName: 'plan.txt', municipality: null, municipalities: known }).outline;
/** kind|label|number|text, indented by depth: the shape of a tree at a glance. */
const shape = (nodes: OutlineNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.kind}|${n.label}|${n.number ?? ''}|${n.text.split(' ').slice(0, 3).join(' ')}`,
    ...shape(n.children, depth + 1),
  ]);
const items = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [...(n.kind === 'note' ? [] : [n]), ...items(n.children)]);

describe('extract: plain text', () => {
  test('list markers, numbering and indentation', () => {
    const { blocks } = extractTxt('Rubrik\n\n- punkt ett\n 1. första\n 2) andra\n   - djupare\nVanlig text.');
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.marker, b.indent, b.text]),
      [
        ['paragraph', null, 0, 'Rubrik'],
        ['list-item', '-', 0, 'punkt ett'],
        ['list-item', '1.', 1, 'första'],
        ['list-item', '2)', 1, 'andra'],
        ['list-item', '-', 2, 'djupare'],
        ['paragraph', null, 0, 'Vanlig text.'],
      ],
    );
  });
  test('offsets point at the line in the source text', () => {
    const text = 'A\n\n  - B ska göras\n';
    const b = extractTxt(text).blocks[1];
    assert.equal(text.slice(b?.start, b?.end), '- B ska göras');
  });
  test('pipe tables with check boxes, tab tables and contents lines', () => {
    const { blocks } = extractTxt(
      'Inledning.....\t2\n| <input type="checkbox" checked/> | <input type="checkbox"/> | Ett delmål |\n|---|---|---|\nNamn\tTyp\tDatum',
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.text, b.checks]),
      [
        ['toc-entry', 'Inledning', null],
        ['table-row', 'Ett delmål', [true, false, null]],
        ['table-row', 'Namn | Typ | Datum', null],
      ],
    );
  });
  test('markdown emphasis is removed, the words kept', () => {
    assert.equal(extractTxt('Med *integration* menar vi **detta**.').blocks[0]?.text, 'Med integration menar vi detta.');
  });
});

describe('tidy and classify', () => {
  test('a paragraph split by a page break is joined; footnotes and stray markers go', () => {
    const pieces = tidy(
      extractTxt('Detta är ett långt stycke som fortsätter över sidbrytningen och inte slutar här i\n\n¹ En fotnot\n\n-\n\ndagsläget alls.')
        .blocks,
    );
    assert.equal(pieces.length, 1);
    assert.match(pieces[0]?.text ?? '', /här i dagsläget alls\.$/);
    assert.equal(pieces[0]?.spans.length, 2);
  });
  test('short plain lines are headings; sentences, dates and lowercase continuations are not', () => {
    const roles = classify(
      tidy(extractTxt('Bakgrund\n\nDatum 2015-07-22\n\nEn mening som slutar.\n\nHit vill vi:\n\n1. Ett mål ska nås.').blocks),
    ).map((p) => p.role);
    assert.deepEqual(roles, ['heading', 'prose', 'prose', 'heading', 'list']);
  });
  test('a short numbered line followed by prose is a numbered heading', () => {
    const [first] = classify(
      tidy(extractTxt('1. Boende\n\nKommunen ska verka för ett varierat utbud av bostäder i hela kommunen.').blocks),
    );
    assert.equal(first?.role, 'heading');
    assert.equal(first?.number, '1');
  });
});

describe('structure', () => {
  test('a numbered label over one statement: the statement is the goal, the numbered points its activities', () => {
    const outline = read(
      'Bakgrund\n\nKommunen tar emot många nyanlända och det här är en lång bakgrundstext som beskriver läget i kommunen idag.\n\n' +
        'Delmål 1\n\n- Fler ska ha arbete år 2018\n 1. Genomföra träffar kvartalsvis\n 2. Utbilda handledare senast under 2016\n' +
        ' - Söka medel tillsammans med grannkommuner\n 3. Delta i nätverket',
    );
    assert.deepEqual(shape(outline.nodes), [
      'note|Bakgrund||Kommunen tar emot',
      'goal|Delmål|1|Fler ska ha',
      '  activity|Aktivitet|1|Genomföra träffar kvartalsvis',
      '  activity|Aktivitet|2|Utbilda handledare senast',
      '    activity|Delaktivitet||Söka medel tillsammans',
      '  activity|Aktivitet|3|Delta i nätverket',
    ]);
  });
  test('a list under a background heading, or introduced as examples, stays in the note', () => {
    const outline = read(
      'Inledning\n\nMed integration menar vi;\n\n- en process som ska pågå hela tiden\n- ett samhälle för alla\n\n' +
        'Nationellt\n\nRegeringen har pekat ut strategiska områden för integrationspolitiken i landet. De sju områdena är:\n\n- snabbare etablering\n- fler i arbete',
    );
    assert.equal(items(outline.nodes).length, 0);
    assert.match(outline.nodes[0]?.text ?? '', /\n- en process som ska pågå hela tiden\n- ett samhälle för alla$/);
  });
  test('topic headings over items become areas; level-word captions do not, and what they caption stays in the area', () => {
    const outline = read(
      'Fokusområden\n\nStyrning\n\nIntegrationsarbetet spänner över alla verksamheter och alla nämnder i kommunen, och det kräver samordning.\n\n' +
        'Hit vill vi:\n\n1. Kommunen arbetar aktivt med demokratifrågor.\n2. Beslut fattas med långsiktighet.\n\nÅtgärder\n\n- Etablera samarbete med näringslivet. Näringslivsenheten ansvarar för resultatet',
    );
    assert.deepEqual(shape(outline.nodes), [
      'area|Område||Styrning',
      '  note|Styrning||Integrationsarbetet spänner över',
      '  goal|Hit vill vi|1|Kommunen arbetar aktivt',
      '  goal|Hit vill vi|2|Beslut fattas med',
      '  activity|Åtgärd||Etablera samarbete med',
    ]);
    assert.deepEqual(items(outline.nodes)[3]?.responsible, ['Näringslivsenheten']);
  });
  test('a responsibility matrix: statements are goals, checked columns their units', () => {
    const outline = read(
      'Boende\n\nKommunen ska verka för ett varierat utbud av bostäder i hela kommunen för alla invånare.\n\nFoK KS SOC\n\n' +
        '| <input type="checkbox" checked/> | <input type="checkbox"/> | <input type="checkbox" checked/> | Bostadsbolag ska förhindra diskriminering på bostadsmarknaden. |',
    );
    const goal = items(outline.nodes).find((n) => n.kind === 'goal');
    assert.deepEqual(goal?.responsible, ['FoK', 'SOC']);
    assert.deepEqual(outline.matrixColumns, ['FoK', 'KS', 'SOC']);
  });
  test('a table with named columns (Aktivitet | Ansvarig | Tidplan): one activity per row', () => {
    const outline = read(
      'Arbete\n\nFler ska komma i arbete, och det kräver att många verksamheter arbetar tillsammans över tid.\n\n' +
        '| Aktivitet | Ansvarig | Tidplan |\n|---|---|---|\n| Erbjuda språkpraktik | Arbetsmarknadsenheten | Årligen |\n| Införa yrkessvenska | Vuxenutbildningen, Omsorgen | Senast 2025 |',
    );
    const [first, second] = items(outline.nodes).filter((n) => n.kind === 'activity');
    assert.equal(first?.recurrence, 'FREQ=YEARLY');
    assert.deepEqual(second?.responsible, ['Vuxenutbildningen', 'Omsorgen']);
    assert.equal(second?.due, '2025');
  });
  test('"Ansvar:" and "Klart:" lines under a point describe it and are no items of their own', () => {
    const outline = read(
      'Mål:\n\n- Alla elever ska få en studieplan.\n  Ansvar: Skolförvaltningen\n  Klart: 2024\n- Studiehandledning ska finnas.',
    );
    const goals = items(outline.nodes);
    assert.equal(goals.length, 2);
    assert.deepEqual(goals[0]?.responsible, ['Skolförvaltningen']);
    assert.equal(goals[0]?.due, '2024');
  });
  test('an appendix is notes, whatever lists it holds', () => {
    const outline = read(
      'Bilaga 1. EU:s grundprinciper\n\n1. Integration är en dynamisk process som ska pågå.\n2. Integration innebär respekt.',
    );
    assert.equal(items(outline.nodes).length, 0);
  });
  test('"Delmål" after an overall goal is part of it', () => {
    const outline = read(
      'Övergripande mål\n\nHälften av alla kommunplacerade flyktingar ska välja att bo kvar i kommunen efter etableringen under perioden 2015-2018.\n\nDelmål 1\n\n- Fler ska vara självförsörjande\n 1. Genomföra träffar',
    );
    assert.deepEqual(shape(outline.nodes).slice(0, 2), ['goal|Övergripande mål||Hälften av alla', '  goal|Delmål|1|Fler ska vara']);
    assert.deepEqual(outline.nodes[0]?.period, { from: '2015', to: '2018' });
  });
});

describe('attributes from the words', () => {
  test('deadlines: a lone year or date, never a period', () => {
    assert.equal(dueIn('Genomföra utbildningar senast under 2016'), '2016');
    assert.equal(dueIn('Klart 2025-06-30'), '2025-06-30');
    assert.equal(dueIn('Två aktiviteter årligen under perioden 2015-2017'), null);
    assert.equal(dueIn('Gäller 1 augusti 2014 till 31 juli 2016'), null);
  });
  test('periods', () => {
    assert.deepEqual(periodIn('under perioden 2015–2018'), { from: '2015', to: '2018' });
    assert.deepEqual(periodIn('(gäller 1 augusti 2014 till 31 juli 2016)'), { from: '2014-08-01', to: '2016-07-31' });
    assert.equal(periodIn('år 2015'), null);
  });
  test('recurrences as RRULEs', () => {
    const cases: [string, string | null][] = [
      ['Kvartalsvisa samtal', 'FREQ=MONTHLY;INTERVAL=3'],
      ['minst en gång per halvår', 'FREQ=MONTHLY;INTERVAL=6'],
      ['två gånger per år', 'FREQ=MONTHLY;INTERVAL=6'],
      ['årligen genomföra workshops', 'FREQ=YEARLY'],
      ['varje år i samband med nationaldagen den 6 juni', 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6'],
      ['uppdatera kontinuerligt', 'CONTINUOUS'],
      ['månadsvis uppföljning', 'FREQ=MONTHLY'],
      ['inom 2 år efter avslutad etablering', null],
      ['vid upprepade och återkommande tillfällen', null],
    ];
    for (const [text, rule] of cases) assert.equal(recurrenceIn(text), rule, text);
  });
  test('responsibility: "X ansvarar för", "X och Y ansvarar tillsammans", "tillsammans med", "Ansvar:"', () => {
    assert.deepEqual(responsibleIn('Se över bostäderna. Socialförvaltningen och Armada ansvarar tillsammans för resultatet').responsible, [
      'Socialförvaltningen',
      'Armada',
    ]);
    assert.deepEqual(
      responsibleIn(
        'Kompletteras med praktik. Näringslivs- och utvecklingsenheten ansvarar tillsammans med produktionsförvaltningen för resultatet',
      ),
      { responsible: ['Näringslivs- och utvecklingsenheten', 'Produktionsförvaltningen'], contributors: ['Produktionsförvaltningen'] },
    );
    assert.deepEqual(responsibleIn('Ansvar: Kultur- och fritidsnämnden, Socialnämnden').responsible, [
      'Kultur- och fritidsnämnden',
      'Socialnämnden',
    ]);
    assert.deepEqual(responsibleIn('Kommunen och Region Halland arbetar tillsammans med att följa hälsan.').responsible, [
      'Region Halland',
    ]);
    assert.deepEqual(responsibleIn('Genomföra träffar tillsammans med exempelvis nyföretagarcentrum').responsible, []);
  });
  test('"och" joining a word is not a list of units', () => {
    assert.deepEqual(splitUnits('Fritids- och kulturförvaltningen och Skolförvaltningen'), [
      'Fritids- och kulturförvaltningen',
      'Skolförvaltningen',
    ]);
  });
  test('frameworks named in the text', () => {
    assert.deepEqual(frameworksIn('arbeta med tiopunktsprogrammet från ECCAR'), ['eccar']);
    assert.deepEqual(frameworksIn('EU:s elva grundprinciper för integration'), ['eu-cbp']);
  });
});

describe('document facts', () => {
  test('dates, bodies, paragraphs and diary numbers as plans write them', () => {
    assert.equal(dateIn('Antagen av kommunfullmäktige den 28 februari 2017'), '2017-02-28');
    assert.equal(bodyIn('Antagen av kommunfullmäktige'), 'KF');
    assert.equal(bodyIn('Antagen av KS: 2015-03-03'), 'KS');
    const facts = documentFacts(['Antagen av KS: 2015-03-03 §41', 'INTEGRATIONSPLAN', 'LAXÅ KOMMUN 2015-2018'], 'Laxå kommun', known, null);
    assert.deepEqual(facts.adopted, { body: 'KS', date: '2015-03-03', paragraph: '§41', dnr: null });
    assert.equal(facts.title, 'Integrationsplan Laxå kommun 2015-2018');
    assert.deepEqual(facts.valid, { from: '2015', to: '2018' });
    const laholm = documentFacts(
      [
        'DNR: 2016-000334',
        'Antagen av kommunfullmäktige den 28 februari 2017',
        '§ 20',
        'Gäller från och med den 1 mars 2017 och tillsvidare.',
        'Program för integration',
      ],
      '',
      known,
      null,
    );
    assert.deepEqual(laholm.adopted, { body: 'KF', date: '2017-02-28', paragraph: '§20', dnr: '2016-000334' });
    assert.deepEqual(laholm.valid, { from: '2017-03-01', to: null });
    assert.equal(laholm.kind, 'program');
  });
  test('a proposal to a board is proposed, not adopted', () => {
    const facts = documentFacts(
      ['Till Kommunstyrelsen', 'Dnr KS 2015/0200', 'Åtgärdsplan för integration'],
      'Österåker kommun',
      known,
      null,
    );
    assert.equal(facts.status, 'proposed');
    assert.equal(facts.kind, 'action-plan');
    assert.equal(facts.adopted?.dnr, 'KS 2015/0200');
  });
  test('follow-up and revision rules', () => {
    assert.deepEqual(followUpIn('Uppföljning sker årligen och rapporteras till Kommunstyrelsen.'), [
      { every: 'year', reportTo: 'KS', text: 'Uppföljning sker årligen och rapporteras till Kommunstyrelsen.' },
    ]);
    assert.equal(followUpIn('Ledningsgruppen ska två gånger per år lämna en skriftlig rapport.')[0]?.every, 'half-year');
    assert.equal(revisionIn('Uppdatering kan göras efter behov, men en revidering bör ske vart fjärde år.')?.everyYears, 4);
  });
  test('the municipality is the one named most often before "kommun"', () => {
    assert.equal(municipalityIn('Kalix kommun och Laxå kommun; Kalix kommuns plan', known)?.code, '2514');
    assert.equal(municipalityIn('Ingen kommun nämns vid namn', known), null);
  });
});

describe('the scorer', () => {
  const node = (text: string, children: OutlineNode[] = [], extra: Partial<OutlineNode> = {}): OutlineNode => ({
    kind: 'goal',
    label: 'Mål',
    text,
    responsible: [],
    due: null,
    recurrence: null,
    frameworks: [],
    children,
    ...extra,
  });
  const outline = (nodes: OutlineNode[]): PlanOutline => ({
    format: 'plan-outline/1',
    municipality: { code: '1860', name: 'Laxå' },
    title: 'Plan',
    kind: 'plan',
    adopted: null,
    valid: { from: null, to: null },
    followUp: [],
    levels: [],
    nodes,
  });
  test('matches by text similarity, one to one, best first', () => {
    assert.deepEqual(
      [...matchItems(['fler i arbete', 'bättre boende'], ['bättre boenden', 'fler i arbete.', 'annat'])],
      [
        [0, 1],
        [1, 0],
      ],
    );
  });
  test('an identical outline scores 1 on every figure', () => {
    const o = outline([
      node('Fler ska ha arbete', [node('Genomföra träffar', [], { kind: 'activity', responsible: ['AME'], due: '2016' })]),
    ]);
    const s = scoreImport(o, o);
    for (const f of ['recall', 'precision', 'parents', 'units', 'due', 'recurrence'] as const) assert.equal(s[f], 1, f);
  });
  test('a missing item, a wrong parent, a wrong unit and a wrong date each cost', () => {
    const ref = outline([
      node('Fler ska ha arbete', [node('Genomföra träffar', [], { responsible: ['AME'], due: '2016' })]),
      node('Bättre boende för alla'),
    ]);
    const got = outline([node('Fler ska ha arbete'), node('Genomföra träffar', [], { responsible: ['SOC'], due: '2017' })]);
    const s = scoreImport(ref, got);
    assert.equal(s.recall, 2 / 3);
    assert.equal(s.precision, 1);
    assert.equal(s.parents, 1 / 2);
    assert.equal(s.units, 0);
    assert.equal(s.due, 1 / 2);
  });
  test('notes are not items', () => {
    const ref = outline([node('Bakgrund', [], { kind: 'note' }), node('Fler ska ha arbete')]);
    assert.equal(scoreImport(ref, outline([node('Fler ska ha arbete')])).precision, 1);
  });
});

describe('layouts the five plans do not use', () => {
  test('decimal-numbered headings nest by their numbering', () => {
    const outline = read(
      '1 Inledning\n\nDen här planen beskriver kommunens arbete med integration under de kommande åren och vem som gör vad.\n\n' +
        '2. Mål och insatser\n\n2.1 Arbete\n\nArbete är nyckeln till egen försörjning, och kommunen är en stor arbetsgivare med många yrken.\n\nMål:\n\n- Fler nyanlända ska ha arbete.\n\n' +
        '2.2 Boende\n\nBostäder ska finnas i hela kommunen, för alla som flyttar hit och för dem som redan bor här.\n\nMål:\n\n- Ingen ska bo trångt.',
    );
    const areas = outline.nodes.filter((n) => n.kind === 'area');
    assert.deepEqual(
      areas.map((a) => [a.text, a.number]),
      [
        ['Arbete', '2.1'],
        ['Boende', '2.2'],
      ],
    );
    assert.equal(items(areas[0]?.children ?? []).length, 1);
  });
  test('a vision quoted in the running text of the introduction is an item; the text stays in the note', () => {
    const outline = read(
      'Inledning\n\nPolicyn anger grundläggande värderingar för kommunens arbete med integration. Den utgår från kommunens vision\n\n”Omtänksamhet och framtidstro”.\n\nKommunen ska verka för ett öppet lokalsamhälle.',
    );
    assert.deepEqual(shape(outline.nodes), ['note|Inledning||Policyn anger grundläggande', 'vision|Vision||Omtänksamhet och framtidstro']);
  });
  test('"Mål 1: …" headings state the goal; the list under them holds its activities', () => {
    const outline = read(
      'Mål 1: Fler nyanlända ska komma i arbete\n\n- Erbjuda språkpraktik årligen\n- Införa yrkessvenska senast 2025\n\n' +
        'Mål 2: Alla ska ha ett eget boende\n\n- Se över bostadsförsörjningen',
    );
    assert.deepEqual(shape(outline.nodes), [
      'goal|Mål|1|Fler nyanlända ska',
      '  activity|Aktivitet||Erbjuda språkpraktik årligen',
      '  activity|Aktivitet||Införa yrkessvenska senast',
      'goal|Mål|2|Alla ska ha',
      '  activity|Aktivitet||Se över bostadsförsörjningen',
    ]);
    assert.equal(items(outline.nodes)[2]?.due, '2025');
  });
  test('a table with a goal column and an activity column: each goal heads the activities on its rows', () => {
    const outline = read(
      'Handlingsplan\n\nTabellen visar mål och aktiviteter för perioden, med ansvar och tid för varje aktivitet i planen.\n\n' +
        '| Mål | Aktivitet | Ansvar | Tid |\n|---|---|---|---|\n| Fler i arbete | Språkpraktik | AME | Årligen |\n|  | Mentorer | HR | 2025 |\n| Bättre boende | Bostadsplan | Samhällsbyggnad | 2026 |',
    );
    assert.deepEqual(shape(items(outline.nodes).filter((n) => n.kind === 'goal')), [
      'goal|Mål||Fler i arbete',
      '  activity|Aktivitet||Språkpraktik',
      '  activity|Aktivitet||Mentorer',
      'goal|Mål||Bättre boende',
      '  activity|Aktivitet||Bostadsplan',
    ]);
    const mentors = items(outline.nodes).find((n) => n.text === 'Mentorer');
    assert.deepEqual([mentors?.responsible, mentors?.due], [['HR'], '2025']);
  });
});
