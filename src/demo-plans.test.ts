import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { frameworkItemIds } from './capabilities/frameworks/catalogue.ts';
import { checkOutline } from './capabilities/plans/model.ts';
import type { OutlineNode, PlanOutline } from './capabilities/plans/outline.ts';
import { validateOutline } from './capabilities/plans/validate-outline.ts';
import { demoPlanFiles } from './seed.ts';

/** The five transcribed plans are demo data, fixtures and the importer's reference answers: their shape is pinned here. */
const plans = new Map<string, PlanOutline>();
for (const file of demoPlanFiles()) {
  const result = validateOutline(JSON.parse(readFileSync(file, 'utf8')));
  if ('problems' in result) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  plans.set(result.outline.municipality.code, result.outline);
}
const plan = (code: string) => {
  const p = plans.get(code);
  assert.ok(p, `no plan for ${code}`);
  return p;
};
const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);
const count = (code: string, predicate: (n: OutlineNode) => boolean) => walk(plan(code).nodes).filter(predicate).length;

describe('the five demo plans', () => {
  it('are one plan for each of the five municipalities, all valid', () => {
    assert.deepEqual([...plans.keys()].sort(), ['0117', '1381', '1860', '1864', '2514']);
    for (const p of plans.values()) assert.deepEqual(checkOutline(p, frameworkItemIds()), [], p.title);
  });

  it('Laxå: one overarching goal, 3 delmål, 17 numbered activities, its deadlines, recurrences and targets', () => {
    const laxa = plan('1860');
    assert.deepEqual(laxa.adopted, { body: 'KS', date: '2015-03-03', paragraph: '§41', dnr: null });
    assert.equal(
      count('1860', (n) => n.label === 'Övergripande mål'),
      1,
    );
    const delmal = walk(laxa.nodes).filter((n) => n.label === 'Delmål');
    assert.deepEqual(
      delmal.map((d) => d.number),
      ['1', '2', '3'],
    );
    assert.deepEqual(
      delmal.map((d) => d.children.filter((c) => c.kind === 'activity' && c.number).length),
      [5, 8, 4],
    );
    const nodes = walk(laxa.nodes);
    assert.equal(nodes.find((n) => n.text.startsWith('Kvartalsvisa samtal'))?.recurrence, 'FREQ=MONTHLY;INTERVAL=3');
    assert.equal(nodes.filter((n) => n.due === '2016').length, 2, 'the two "senast under 2016" activities');
    assert.ok(
      nodes.some((n) => n.recurrence === 'FREQ=MONTHLY;INTERVAL=6'),
      'at least once a half-year',
    );
    assert.ok(
      nodes.some((n) => n.recurrence === 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6'),
      'every year on 6 June',
    );
    assert.ok(delmal[0]?.target?.value === 50 && delmal[0].target.unit === '%');
    assert.ok(delmal[2]?.frameworks.includes('eccar'));
  });

  it('Ljusnarsberg: the vision, 4 overarching traits, 4 integration areas with kännetecken, the EU annex linked', () => {
    const lj = plan('1864');
    assert.equal(
      count('1864', (n) => n.kind === 'vision'),
      1,
    );
    assert.equal(
      count('1864', (n) => n.label === 'Övergripande kännetecken'),
      4,
    );
    const areas = walk(lj.nodes).filter((n) => n.label === 'Integrationsområde');
    assert.equal(areas.length, 4);
    for (const area of areas)
      assert.ok(
        walk(area.children).some((n) => n.label === 'Kännetecken'),
        area.text,
      );
    assert.ok(lj.frameworks?.includes('eu-cbp'));
    assert.equal(lj.revision?.everyYears, 4);
  });

  it('Laholm: 6 focus areas, Utbildning with two sub-areas, 37 "Hit vill vi" goals', () => {
    const laholm = plan('1381');
    const focus = laholm.nodes.filter((n) => n.label === 'Fokusområde');
    assert.equal(focus.length, 6);
    const utbildning = focus.find((f) => f.text === 'Utbildning');
    assert.equal(utbildning?.children.filter((c) => c.kind === 'area').length, 2);
    assert.equal(
      count('1381', (n) => n.label === 'Hit vill vi'),
      37,
    );
    assert.deepEqual(laholm.adopted, { body: 'KF', date: '2017-02-28', paragraph: '§20', dnr: '2016-000334' });
    assert.deepEqual(laholm.valid, { from: '2017-03-01', to: null });
  });

  it('Österåker: 11 actions with the units that answer for them, 12–15 internships a year, a twice-yearly report', () => {
    const os = plan('0117');
    const actions = walk(os.nodes).filter((n) => n.label === 'Åtgärd');
    assert.equal(actions.length, 11);
    assert.ok(actions.every((a) => a.responsible.length > 0));
    assert.deepEqual(actions[1]?.responsible, ['Socialförvaltningen', 'Armada']);
    const internships = actions.find((a) => a.target?.unit === 'praktikplatser');
    assert.deepEqual([internships?.target?.min, internships?.target?.max, internships?.target?.per], [12, 15, 'year']);
    assert.equal(os.followUp[0]?.every, 'half-year');
    assert.equal(os.units?.find((u) => u.name === 'Armada')?.kind, 'company');
  });

  it('Kalix: 6 målområden, 31 delmål, an empty matrix over FoK, KS, SBF, SOC, UTB, annex 3 linked', () => {
    const kalix = plan('2514');
    assert.equal(
      count('2514', (n) => n.label === 'Målområde'),
      6,
    );
    assert.equal(
      count('2514', (n) => n.label === 'Delmål'),
      31,
    );
    assert.deepEqual(kalix.matrixColumns, ['FoK', 'KS', 'SBF', 'SOC', 'UTB']);
    assert.equal(
      count('2514', (n) => n.responsible.length > 0),
      0,
    );
    assert.deepEqual(kalix.adopted, { body: 'KF', date: '2016-06-20', paragraph: '§108', dnr: null });
    assert.ok(kalix.frameworks?.includes('eu-cbp'));
    assert.ok(walk(kalix.nodes).some((n) => n.kind === 'note' && /Integrationsfond/.test(n.label)));
  });
});
