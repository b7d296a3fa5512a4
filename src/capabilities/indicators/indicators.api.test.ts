import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { IndicatorDetail, IndicatorSummary, LinkView } from './service.ts';

function multipart(fileName: string, text: string) {
  const boundary = `----delaktig${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(text), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A stand-in for Kolada on this machine: recorded responses in the documented v3 shape, served locally. */
function koladaFixture(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const values = ['1860', '1864', '0000'].map((municipality, i) => ({
      kpi: 'N02268',
      municipality,
      period: 2022,
      values: [
        { gender: 'T', count: 1, status: '', value: 52.1 + i },
        { gender: 'K', count: 1, status: '', value: 49.0 + i },
      ],
    }));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ count: values.length, values }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`, requests }),
    ),
  );
}

await forEachStore('indicators', (kind) => {
  let t: TestApp;
  let laxa: string;
  let ljusnarsberg: string;
  let kolada: Awaited<ReturnType<typeof koladaFixture>>;
  const list = async (code: string, cookie?: string) =>
    (await t.request('GET', `/api/municipalities/${code}/indicators`, cookie ? { cookie } : {})).json<IndicatorSummary[]>();
  const byTitle = async (code: string, title: string, cookie?: string) => {
    const found = (await list(code, cookie)).find((i) => i.title === title);
    assert.ok(found, title);
    return (await t.request('GET', `/api/indicators/${found.id}`, cookie ? { cookie } : {})).json<IndicatorDetail>();
  };

  before(async () => {
    kolada = await koladaFixture();
    t = await startTestApp(kind, { KOLADA_URL: kolada.url });
    laxa = await t.login('laxa.samordnare');
    ljusnarsberg = await t.login('ljusnarsberg.samordnare');
  });
  after(async () => {
    await t.close();
    kolada.server.close();
  });

  it('ships the real figures with their sources and the baselines the plans quote, marked as such', async () => {
    const share = await byTitle('1864', 'Utrikes födda, andel av befolkningen');
    assert.deepEqual(
      share.values.map((v) => [v.period, v.value, v.source]),
      [
        ['2014', 16.8, 'plan'],
        ['2023', 17.65, 'scb'],
      ],
    );
    assert.match(share.values[1]?.sourceNote ?? '', /SCB.*regionfakta/i);
    assert.match(share.values[0]?.sourceNote ?? '', /Uppgift ur planen/);
    assert.equal(share.links[0]?.status, null, 'a neutral indicator has no status');
    const laxaShare = await byTitle('1860', 'Utrikes födda, andel av befolkningen');
    assert.deepEqual(
      laxaShare.values.map((v) => v.period),
      ['2013', '2023'],
    );
    assert.deepEqual(
      laxaShare.comparison.map((c) => [c.name, c.values.map((v) => v.value)]),
      [['Ljusnarsberg', [17.65]]],
      'compared with a similar municipality on its real figure',
    );
  });

  it('defines an indicator, refusing what cannot be one', async () => {
    const bad = await t.request('POST', '/api/municipalities/1860/indicators', {
      cookie: laxa,
      body: { title: 'Fel', unit: '%', direction: 'higher', sourceKind: 'kolada', sourceRef: 'X1' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ details: { path: string }[] }>().details[0]?.path, '/sourceRef');
    const reporter = await t.login('laxa.rapportor').catch(() => null);
    if (reporter)
      assert.equal(
        (
          await t.request('POST', '/api/municipalities/1860/indicators', {
            cookie: reporter,
            body: { title: 'X', unit: '%', direction: 'higher', sourceKind: 'manual' },
          })
        ).statusCode,
        403,
      );
    const created = await t.request('POST', '/api/municipalities/1860/indicators', {
      cookie: laxa,
      body: {
        title: 'Deltagare i språkcafé',
        unit: 'personer',
        direction: 'higher',
        sourceKind: 'manual',
        definition: 'Unika deltagare per år.',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const dup = await t.request('POST', '/api/municipalities/1860/indicators', {
      cookie: laxa,
      body: { title: 'Deltagare i språkcafé', unit: 'personer', direction: 'higher', sourceKind: 'manual' },
    });
    assert.equal(dup.statusCode, 400);
  });

  it('keeps corrections as history and computes the status against the target, which a hand-set status overrides', async () => {
    const indicator = await byTitle('1864', 'Öppet arbetslösa och i program med aktivitetsstöd, utrikes födda', ljusnarsberg);
    const first = await t.request('POST', `/api/indicators/${indicator.id}/values`, {
      cookie: ljusnarsberg,
      body: { values: [{ period: '2016-04', value: 120 }] },
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { added: 1, corrected: 0, unchanged: 0 });
    const corrected = await t.request('POST', `/api/indicators/${indicator.id}/values`, {
      cookie: ljusnarsberg,
      body: { values: [{ period: '2016-04', value: 121 }] },
    });
    assert.deepEqual(corrected.json(), { added: 0, corrected: 1, unchanged: 0 });
    const detail = (await t.request('GET', `/api/indicators/${indicator.id}`, { cookie: ljusnarsberg })).json<IndicatorDetail>();
    const april = detail.values.find((v) => v.period === '2016-04');
    assert.equal(april?.value, 121);
    assert.deepEqual(
      april?.history.map((h) => h.value),
      [120],
    );
    assert.equal(april?.recordedBy, 'ljusnarsberg.samordnare');
    // The public reads the same figures and corrections, but not which member of staff typed them.
    const seenByPublic = (await t.request('GET', `/api/indicators/${indicator.id}`)).json<IndicatorDetail>();
    const publicApril = seenByPublic.values.find((v) => v.period === '2016-04');
    assert.equal(publicApril?.value, 121);
    assert.deepEqual([publicApril?.recordedBy, ...(publicApril?.history.map((h) => h.recordedBy) ?? [])], ['kommunen', 'kommunen']);
    const link = detail.links[0] as LinkView;
    // Without a target the yearly rate is judged alone: 140 → 121 in a year is a fall of 14 %, lower being better.
    assert.equal(link.status, 'substantial');
    const targeted = await t.request('PATCH', `/api/indicator-links/${link.id}`, {
      cookie: ljusnarsberg,
      body: { version: link.version, targetValue: 100, targetPeriod: '2017' },
    });
    assert.equal(targeted.statusCode, 200, targeted.body);
    const withTarget = targeted.json<LinkView>();
    assert.equal(withTarget.status, 'moderate', JSON.stringify(withTarget.progress));
    const stricter = await t.request('PATCH', `/api/indicator-links/${link.id}`, {
      cookie: ljusnarsberg,
      body: { version: withTarget.version, targetValue: 40, targetPeriod: '2016' },
    });
    assert.equal(stricter.json<LinkView>().status, 'limited');
    const noReason = await t.request('PATCH', `/api/indicator-links/${link.id}`, {
      cookie: ljusnarsberg,
      body: { version: stricter.json<LinkView>().version, statusOverride: 'substantial' },
    });
    assert.equal(noReason.statusCode, 400);
    const overridden = await t.request('PATCH', `/api/indicator-links/${link.id}`, {
      cookie: ljusnarsberg,
      body: {
        version: stricter.json<LinkView>().version,
        statusOverride: 'substantial',
        statusReason: 'Ny statistik från AF visar bättre läge.',
      },
    });
    assert.equal(overridden.json<LinkView>().status, 'substantial');
    const stale = await t.request('PATCH', `/api/indicator-links/${link.id}`, {
      cookie: ljusnarsberg,
      body: { version: withTarget.version, targetValue: 1 },
    });
    assert.equal(stale.statusCode, 409);
    const admin = await t.login('admin', 'admin-test-password');
    const log = (await t.request('GET', `/api/audit?entityId=${indicator.id}`, { cookie: admin })).json<{ action: string }[]>();
    assert.deepEqual(log.map((l) => l.action).slice(0, 2), ['indicator.values', 'indicator.values']);
  });

  it('computes cohort shares, suppressing small counts on public pages only', async () => {
    const member = await byTitle('1860', 'Andel självförsörjande 24 månader efter etableringen', laxa);
    assert.deepEqual(
      member.values.map((v) => [v.period, v.value]),
      [
        ['2015', 28.9],
        ['2016', 39],
        ['2017', null],
      ],
    );
    assert.match(member.values[0]?.sourceNote ?? '', /Exempeldata/);
    assert.equal(member.links[0]?.target.value, 50);
    const saved = await t.request('PUT', '/api/municipalities/1860/cohorts/2018', {
      cookie: laxa,
      body: { size: 12, selfSufficient12: 3, selfSufficient24: 4, resident12: 9, version: null },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const publicView = await byTitle('1860', 'Andel självförsörjande 24 månader efter etableringen');
    const y2018 = publicView.values.find((v) => v.period === '2018');
    assert.equal(y2018?.value, null);
    assert.equal(y2018?.suppressed, true);
    const own = await byTitle('1860', 'Andel självförsörjande 24 månader efter etableringen', laxa);
    assert.equal(own.values.find((v) => v.period === '2018')?.value, 33.3);
    const tooMany = await t.request('PUT', '/api/municipalities/1860/cohorts/2019', {
      cookie: laxa,
      body: { size: 5, selfSufficient12: 6, selfSufficient24: null, resident12: null, version: null },
    });
    assert.equal(tooMany.statusCode, 400);
    assert.equal((await t.request('GET', '/api/municipalities/1860/cohorts')).statusCode, 403);
  });

  it('imports a tidy CSV whole, or refuses it naming the line', async () => {
    const indicator = (await list('1860', laxa)).find((i) => i.title === 'Deltagare i språkcafé') as IndicatorSummary;
    const good = multipart('sprakcafe.csv', '\uFEFFÅr;Värde\r\n2016;41\r\n2017;"55,5"\r\n');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/indicators/${indicator.id}/import`,
      headers: { cookie: laxa, 'content-type': good.contentType },
      payload: good.payload,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json<{ rows: number; added: number }>().added, 2);
    const bad = multipart('fel.csv', 'År;Värde\n2018;12\ntjugo;x\n');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/indicators/${indicator.id}/import`,
      headers: { cookie: laxa, 'content-type': bad.contentType },
      payload: bad.payload,
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json<{ message: string }>().message, /rad 3/i);
    const detail = (await t.request('GET', `/api/indicators/${indicator.id}`, { cookie: laxa })).json<IndicatorDetail>();
    assert.deepEqual(
      detail.values.map((v) => [v.period, v.value]),
      [
        ['2016', 41],
        ['2017', 55.5],
      ],
      'nothing of the bad file was written',
    );
  });

  it('imports an SCB PX file, and a new link takes the target the plan states', async () => {
    const indicator = (await list('1860', laxa)).find((i) => i.title === 'Deltagare i språkcafé') as IndicatorSummary;
    const px = multipart('andel.px', await readFile(new URL('./sources/fixtures/px/synthetic-quarters-utf8.px', import.meta.url), 'utf8'));
    const imported = await t.app.inject({
      method: 'POST',
      url: `/api/indicators/${indicator.id}/import`,
      headers: { cookie: laxa, 'content-type': px.contentType },
      payload: px.payload,
    });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.ok(imported.json<{ rows: number }>().rows > 0);
    const detail = (await t.request('GET', `/api/indicators/${indicator.id}`, { cookie: laxa })).json<IndicatorDetail>();
    assert.ok(
      detail.comparison.length === 0 && detail.values.length >= 2,
      'the PX file’s regions other than Laxå are kept for comparison, not mixed in',
    );
    const outline = (
      await t.request(
        'GET',
        `/api/plans/${(await t.request('GET', '/api/municipalities/1860/documents')).json<{ id: string }[]>()[0]?.id}/outline`,
      )
    ).json<{
      nodes: { id: string; text: string; children: unknown[] }[];
    }>();
    const flat = (nodes: { id: string; text: string; children: unknown[] }[]): { id: string; text: string }[] =>
      nodes.flatMap((n) => [n, ...flat(n.children as { id: string; text: string; children: unknown[] }[])]);
    const goal = flat(outline.nodes).find((n) => n.text.startsWith('50 % av alla kommunplacerade')) as { id: string };
    const linked = await t.request('POST', `/api/indicators/${indicator.id}/links`, { cookie: laxa, body: { itemId: goal.id } });
    assert.equal(linked.statusCode, 201, linked.body);
    assert.deepEqual(linked.json<LinkView>().target, { value: 50, min: null, max: null, period: '2018' });
  });

  it('fetches Kolada figures for the municipality and those it is compared with; offline SCB says so and changes nothing', async () => {
    const indicator = await byTitle('1860', 'Sysselsättningsgrad 20–64 år, utrikes födda', laxa);
    const synced = await t.request('POST', `/api/indicators/${indicator.id}/sync`, { cookie: laxa });
    assert.equal(synced.statusCode, 200, synced.body);
    assert.ok(
      kolada.requests.some((u) => u.includes('N02268')),
      kolada.requests.join(' '),
    );
    const detail = (await t.request('GET', `/api/indicators/${indicator.id}`, { cookie: laxa })).json<IndicatorDetail>();
    assert.deepEqual(
      detail.values.map((v) => [v.period, v.value]),
      [['2022', 52.1]],
    );
    assert.match(detail.values[0]?.sourceNote ?? '', /Källa: Kolada/);
    assert.deepEqual(
      detail.comparison.map((c) => [c.code, c.values[0]?.value]),
      [
        ['1864', 53.1],
        ['0000', 54.1],
      ],
    );
    const scb = await byTitle('1860', 'Utrikes födda, antal', laxa);
    const offline = await t.request('POST', `/api/indicators/${scb.id}/sync`, { cookie: laxa });
    assert.equal(offline.statusCode, 503);
    assert.match(offline.json<{ message: string }>().message, /SCB kunde inte nås/);
    assert.deepEqual(
      (await byTitle('1860', 'Utrikes födda, antal', laxa)).values.map((v) => v.value),
      scb.values.map((v) => v.value),
    );
  });

  it('shows a plan’s indicators for its items, and follow-up reports feed the indicators computed from them', async () => {
    const plan = (await t.request('GET', '/api/municipalities/0117/documents')).json<{ id: string }[]>()[0]?.id as string;
    const inline = (await t.request('GET', `/api/plans/${plan}/indicators`)).json<{ title: string; itemId: string }[]>();
    const internships = inline.find((i) => i.title === 'Praktikplatser');
    assert.ok(internships);
    const coordinator = await t.login('osteraker.samordnare');
    const cycle = await t.request('POST', `/api/plans/${plan}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2016-01-01', periodTo: '2016-06-30', deadline: '2016-07-31' },
    });
    assert.equal(cycle.statusCode, 201, cycle.body);
    const board = (await t.request('GET', `/api/cycles/${cycle.json<{ id: string }>().id}`, { cookie: coordinator })).json<{
      tasks: { id: string; itemId: string; version: number; indicators: unknown[] }[];
    }>();
    const task = board.tasks.find((x) => x.itemId === internships.itemId);
    assert.ok(task && task.indicators.length === 1, 'the report asks for the indicator’s value');
    const put = await t.request('PUT', `/api/tasks/${task.id}`, {
      cookie: coordinator,
      body: { version: task.version, status: 'in_progress', progress: 50, narrative: '9 platser hittills.', targetValue: 9, submit: true },
    });
    assert.equal(put.statusCode, 200, put.body);
    const computed = (
      await t.request('GET', `/api/indicators/${(await list('0117')).find((i) => i.title === 'Praktikplatser')?.id}`, {
        cookie: coordinator,
      })
    ).json<IndicatorDetail>();
    assert.deepEqual(
      computed.values.map((v) => [v.period, v.value]),
      [['2016H1', 9]],
    );
    assert.equal(computed.links[0]?.status, null, 'one value is no trend');
  });
});
