import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { recordAudit, systemActor } from '../audit/audit.ts';
import { seedDemoCatalogue } from '../catalogue/demo.ts';
import { seedDemoFollowUp } from '../follow-up/demo.ts';
import { REQUIRED } from './dcat.ts';
import { parseXml } from './xml-check.ts';

const LAXA = '1860';
const PUBLIC_URL = 'https://data.example.se';
const SECRET = 'HEMLIGT-UTKAST-7731';

type Row = Record<string, unknown>;

/** The CSV's header, after checking the byte order mark and the line ends. */
function csvHeader(body: string): string[] {
  assert.ok(body.startsWith('\uFEFF'), 'CSV starts with a byte order mark');
  const lines = body.slice(1).split('\r\n');
  assert.equal(lines.at(-1), '', 'CSV ends with CRLF');
  return (lines[0] ?? '').split(',');
}

await forEachStore('open data', (kind) => {
  let t: TestApp;
  let draftId: string;
  let planId: string;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const local = (url: string) => url.replace(PUBLIC_URL, '');

  before(async () => {
    t = await startTestApp(kind, { PUBLIC_URL, OPEN_DATA_CONTACT: 'oppnadata@example.se' });
    await seedDemoFollowUp(t.store.db);
    await seedDemoCatalogue(t.store.db);
    const cookie = await t.login('laxa.samordnare');
    const draft = await t.request('POST', `/api/municipalities/${LAXA}/plans`, { cookie, body: { title: SECRET, kind: 'plan' } });
    assert.equal(draft.statusCode, 201, draft.body);
    draftId = draft.json<{ id: string }>().id;
    const item = await t.request('POST', `/api/plans/${draftId}/items`, {
      cookie,
      body: { parentId: null, kind: 'goal', label: 'Mål', text: `${SECRET} punkt` },
    });
    assert.equal(item.statusCode, 201, item.body);
    const plans = (await get(`/api/open/municipalities/${LAXA}/plans`)).json<{ id: string }[]>();
    planId = (plans[0] as { id: string }).id;
  });
  after(() => t.close());

  it('lists the municipalities with public plans and the addresses of their datasets', async () => {
    const res = await get('/api/open/municipalities');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const list = res.json<{ code: string; planCount: number; datasets: { followUp: { csv: string } } }[]>();
    assert.deepEqual(list.map((m) => m.code).sort(), ['0117', '1381', '1860', '1864', '2514']);
    const laxa = list.find((m) => m.code === LAXA);
    assert.equal(laxa?.planCount, 1, 'the draft is not counted');
    assert.equal(laxa?.datasets.followUp.csv, `${PUBLIC_URL}/api/open/municipalities/${LAXA}/follow-up.csv`);
    const one = await get(`/api/open/municipalities/${LAXA}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json<{ plans: unknown[] }>().plans.length, 1);
    assert.equal((await get('/api/open/municipalities/9999')).statusCode, 404);
  });

  it('gives a public plan as plan-outline/1 and as one CSV row per item; a draft is 404 in both', async () => {
    const json = await get(`/api/open/plans/${planId}.json`);
    assert.equal(json.statusCode, 200);
    const outline = json.json<{ format: string; items: unknown[] }>();
    assert.equal(outline.format, 'plan-outline/1');
    const csv = await get(`/api/open/plans/${planId}.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="plan-/);
    const header = csvHeader(csv.body);
    assert.deepEqual(header.slice(3, 8), ['number', 'level', 'kind', 'text', 'responsible_units']);
    assert.ok(header.includes('deadline') && header.includes('status'));
    const items = await t.store.db.selectFrom('item').select('id').where('document_id', '=', planId).execute();
    assert.equal(csv.body.split('\r\n').length - 2, items.length, 'one row per item');
    // The latest approved follow-up gives the status column.
    assert.match(csv.body, /,(done|in_progress|not_started|delayed|cancelled),/);

    for (const ext of ['json', 'csv']) {
      const res = await get(`/api/open/plans/${draftId}.${ext}`);
      assert.equal(res.statusCode, 404, `draft .${ext}`);
      assert.ok(!res.body.includes(SECRET));
      assert.equal(res.headers['access-control-allow-origin'], '*', 'a 404 is readable across origins too');
    }
    assert.equal((await get(`/api/open/plans/not-a-uuid.json`)).statusCode, 400);
  });

  it('publishes approved follow-up reports only, and goal assessments only of closed cycles', async () => {
    const res = await get(`/api/open/municipalities/${LAXA}/follow-up.json`);
    assert.equal(res.statusCode, 200);
    const rows = res.json<Row[]>();
    const tasks = await t.store.db
      .selectFrom('report_task')
      .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
      .select(['report_task.state', 'report_task.cycle_id', 'report_task.item_id', 'report_task.unit_name', 'report_task.occurrence'])
      .where('follow_up_cycle.municipality_code', '=', LAXA)
      .execute();
    const approved = tasks.filter((x) => x.state === 'approved').map((x) => `${x.cycle_id}|${x.item_id}|${x.unit_name}|${x.occurrence}`);
    assert.ok(approved.length < tasks.length, 'the demo leaves reports unapproved');
    assert.deepEqual(
      rows.map((r) => `${String(r.cycleId)}|${String(r.itemId)}|${String(r.unit)}|${String(r.occurrence)}`).sort(),
      approved.sort(),
      'exactly the approved reports',
    );
    assert.ok(rows.some((r) => r.goalAssessment !== null && r.cycleClosed === true));
    assert.deepEqual(
      rows.filter((r) => r.goalAssessment !== null && r.cycleClosed === false),
      [],
    );
    for (const r of rows) for (const field of Object.keys(r)) assert.ok(!/by$|narrative|user/i.test(field), `no person field (${field})`);
    const csv = await get(`/api/open/municipalities/${LAXA}/follow-up.csv`);
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.body.split('\r\n').length - 2, rows.length);
    assert.match(csv.body.split('\r\n')[0] ?? '', /cycle,period_from,period_to,.*status,progress,goal_assessment/);
  });

  it('gives the indicators as the public sees them, small cohorts suppressed', async () => {
    // A cohort of three: its share must not be published.
    await t.store.db
      .insertInto('cohort')
      .values({ municipality_code: LAXA, year: 2030, size: 3, self_sufficient_12: 1, self_sufficient_24: 2, resident_12: 3 })
      .execute();
    const res = await get(`/api/open/municipalities/${LAXA}/indicators.json`);
    assert.equal(res.statusCode, 200);
    const indicators = res.json<{ sourceRef: string | null; values: { period: string; value: number | null; suppressed: boolean }[] }[]>();
    assert.ok(indicators.length > 0);
    const cohort = indicators.find((i) => i.sourceRef?.startsWith('cohort:'));
    assert.ok(cohort, 'a cohort indicator');
    assert.deepEqual(
      cohort.values.find((v) => v.period === '2030'),
      { period: '2030', value: null, suppressed: true, source: 'cohort', sourceNote: 'Färre än fem personer: visas inte.' },
    );
    assert.ok(!res.body.includes('recordedBy'), 'who recorded a value is left out');
    // Österåker's internships are reported in follow-up: only approved reports' values are public (the demo's last
    // cycle has them submitted, not approved).
    const osteraker = (await get('/api/open/municipalities/0117/indicators.json')).json<
      { sourceRef: string | null; values: { period: string; source: string }[] }[]
    >();
    const reported = osteraker.find((i) => i.sourceRef === 'follow-up');
    assert.ok(reported, 'a follow-up indicator');
    const cycles = await t.store.db
      .selectFrom('report_task')
      .innerJoin('indicator_link', 'indicator_link.item_id', 'report_task.item_id')
      .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
      .select(['follow_up_cycle.id', 'report_task.state'])
      .where('report_task.target_value', 'is not', null)
      .where('follow_up_cycle.municipality_code', '=', '0117')
      .execute();
    const withApproved = new Set(cycles.filter((c) => c.state === 'approved').map((c) => c.id));
    assert.ok(
      cycles.some((c) => c.state === 'submitted' && !withApproved.has(c.id)),
      'a cycle with submitted values only',
    );
    assert.equal(reported.values.length, withApproved.size);
    const csv = await get(`/api/open/municipalities/${LAXA}/indicators.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /,2030,,true,cohort,/);
  });

  it('lists published activities with their coming occurrences, never unpublished ones or contacts', async () => {
    const activities = await t.store.db.selectFrom('activity').select(['id', 'contact']).where('municipality_code', '=', LAXA).execute();
    assert.ok(activities.length > 1, 'the demo catalogue has activities in Laxå');
    const hidden = activities[0] as { id: string };
    await t.store.db.updateTable('activity').set({ status: 'pending' }).where('id', '=', hidden.id).execute();
    const res = await get(`/api/open/municipalities/${LAXA}/activities.json`);
    assert.equal(res.statusCode, 200);
    const body = res.json<{ activities: { id: string; occurrences: unknown[] }[] }>();
    assert.ok(body.activities.length > 0);
    assert.ok(body.activities.every((a) => a.occurrences.length > 0));
    assert.ok(!res.body.includes(hidden.id), 'an unpublished activity is absent');
    assert.ok(!res.body.includes('"contact"'));
    const csv = await get(`/api/open/municipalities/${LAXA}/activities.csv`);
    assert.equal(csv.statusCode, 200);
    const occurrences = body.activities.reduce((n, a) => n + a.occurrences.length, 0);
    assert.equal(csv.body.split('\r\n').length - 2, occurrences, 'one row per occurrence');
  });

  it('answers a repeated read with 304 by its ETag, caches for five minutes, and answers HEAD', async () => {
    for (const url of [`/api/open/municipalities/${LAXA}/plans`, `/api/open/plans/${planId}.csv`, '/api/open/catalog.rdf']) {
      const first = await get(url);
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal(first.headers['cache-control'], 'public, max-age=300');
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      assert.equal((await get(url, { 'if-none-match': `"x", W/${etag}` })).statusCode, 304, 'a list and a weak tag match');
      assert.equal((await get(url, { 'if-none-match': '"something-else"' })).statusCode, 200);
      const head = await t.app.inject({ method: 'HEAD', url });
      assert.equal(head.statusCode, 200);
      assert.equal(head.body, '');
      assert.equal(head.headers.etag, etag);
    }
    const before = String((await get(`/api/open/municipalities/${LAXA}/plans`)).headers.etag);
    // Audited, as every write of the product is: the kept answer is dropped when the transaction commits (decision 0031).
    await t.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('document').set({ title: 'Integrationsplan Laxå (ny titel)' }).where('id', '=', planId).execute();
      await recordAudit(trx, systemActor, {
        municipalityCode: LAXA,
        action: 'document.update',
        entityType: 'document',
        entityId: planId,
        before: null,
        after: { title: 'Integrationsplan Laxå (ny titel)' },
      });
    });
    const changed = await get(`/api/open/municipalities/${LAXA}/plans`, { 'if-none-match': before });
    assert.equal(changed.statusCode, 200, 'a change gives a new ETag');
    assert.notEqual(changed.headers.etag, before);
    assert.match(changed.body, /ny titel/);
    assert.match((await get(`/api/open/plans/${planId}.json`)).body, /ny titel/, 'an address without the municipality in it too');
  });

  it('keeps an answer ready: a write that does not commit leaves it, a write that commits replaces it', async () => {
    const url = `/api/open/plans/${planId}.csv`;
    const first = await get(url);
    await assert.rejects(
      t.store.db.transaction().execute(async (trx) => {
        await trx.updateTable('document').set({ title: 'Aldrig sparad 5150' }).where('id', '=', planId).execute();
        await recordAudit(trx, systemActor, {
          municipalityCode: LAXA,
          action: 'document.update',
          entityType: 'document',
          entityId: planId,
          before: null,
          after: null,
        });
        throw new Error('rolled back');
      }),
    );
    const again = await get(url);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['content-disposition'], first.headers['content-disposition']);
    assert.equal(again.headers['access-control-allow-origin'], '*', 'a kept answer keeps the headers of the first');
  });

  it('opens the open routes to every origin (and preflights), but not the rest of the API', async () => {
    const open = await get('/api/open/municipalities', { origin: 'https://annan.example' });
    assert.equal(open.headers['access-control-allow-origin'], '*');
    assert.equal(open.headers['access-control-allow-credentials'], undefined);
    assert.match(String(open.headers['access-control-expose-headers']), /ETag/);
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: `/api/open/plans/${planId}.json`,
      headers: {
        origin: 'https://annan.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD, OPTIONS');
    assert.match(String(preflight.headers['access-control-allow-headers']), /If-None-Match/i);
    for (const url of ['/api/auth/me', `/api/municipalities/${LAXA}`, `/api/plans/${planId}/outline`]) {
      const res = await get(url, { origin: 'https://annan.example' });
      assert.equal(res.headers['access-control-allow-origin'], undefined, url);
    }
    const refused = await t.app.inject({ method: 'OPTIONS', url: '/api/auth/me', headers: { origin: 'https://annan.example' } });
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
  });

  it('describes the datasets in a well-formed DCAT-AP-SE catalogue whose every download address answers 200', async () => {
    const res = await get('/api/open/catalog.rdf');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/rdf\+xml/);
    const { problems, root } = parseXml(res.body);
    assert.deepEqual(problems, []);
    assert.ok(root);
    const counts: Record<string, number> = {};
    const downloads: string[] = [];
    for (const e of root.children) {
      counts[e.name] = (counts[e.name] ?? 0) + 1;
      const props = e.children.map((c) => c.name);
      for (const p of REQUIRED[e.name] ?? []) assert.ok(props.includes(p), `${e.name} ${e.attributes['rdf:about']} lacks ${p}`);
      if (e.name === 'dcat:Dataset') {
        const langs = (p: string) =>
          e.children
            .filter((c) => c.name === p)
            .map((c) => c.attributes['xml:lang'])
            .sort();
        assert.deepEqual(langs('dcterms:title'), ['en', 'sv']);
        assert.deepEqual(langs('dcterms:description'), ['en', 'sv']);
        assert.equal(
          e.children.find((c) => c.name === 'dcterms:accessRights')?.attributes['rdf:resource'],
          'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
        );
      }
      if (e.name === 'vcard:Organization')
        assert.equal(e.children.find((c) => c.name === 'vcard:hasEmail')?.attributes['rdf:resource'], 'mailto:oppnadata@example.se');
      for (const c of e.children) if (c.name === 'dcat:downloadURL') downloads.push(c.attributes['rdf:resource'] as string);
    }
    assert.equal(counts['dcat:Catalog'], 1);
    assert.ok((counts['dcat:Dataset'] ?? 0) >= 5 * 2, 'plans and follow-up at least, for each of the five municipalities');
    assert.ok(!res.body.includes(draftId) && !res.body.includes(SECRET), 'the draft is not announced');
    assert.ok(downloads.length > 0);
    for (const url of downloads) {
      assert.ok(url.startsWith(`${PUBLIC_URL}/api/open/`), url);
      const file = await get(local(url));
      assert.equal(file.statusCode, 200, url);
    }
    const jsonld = await get('/api/open/catalog.jsonld');
    assert.equal(jsonld.statusCode, 200);
    const graph = jsonld.json<{ '@graph': { '@type': string }[] }>()['@graph'];
    assert.equal(graph.filter((n) => n['@type'] === 'dcat:Dataset').length, counts['dcat:Dataset']);
  });

  it('never shows the draft in any open answer', async () => {
    const urls = [
      '/api/open/municipalities',
      `/api/open/municipalities/${LAXA}`,
      `/api/open/municipalities/${LAXA}/plans`,
      `/api/open/municipalities/${LAXA}/follow-up.json`,
      `/api/open/municipalities/${LAXA}/indicators.json`,
      `/api/open/municipalities/${LAXA}/activities.json`,
      '/api/open/catalog.jsonld',
      '/sv/oppna-data',
    ];
    for (const url of urls) {
      const res: LightMyRequestResponse = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(!res.body.includes(SECRET) && !res.body.includes(draftId), url);
    }
  });

  it('shows the open data page with the datasets, the API documentation, the catalogue and the licence', async () => {
    const res = await get('/en/oppna-data');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Open data<\/h1>/);
    for (const link of [
      '/api/docs',
      '/api/open/catalog.rdf',
      '/api/open/catalog.jsonld',
      'http://creativecommons.org/publicdomain/zero/1.0/',
    ])
      assert.ok(res.body.includes(`href="${link}"`), link);
    assert.ok(res.body.includes(`href="/api/open/plans/${planId}.csv"`));
    assert.ok(res.body.includes(`href="/api/open/municipalities/${LAXA}/follow-up.json"`));
    const arabic = await get('/ar/oppna-data');
    assert.equal(arabic.statusCode, 200);
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, /<span lang="sv" dir="ltr">Integrationsplan/);
  });
});
