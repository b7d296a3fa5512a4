import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { OutlineNode, PlanOutline } from '../plans/outline.ts';
import type { ItemView } from '../plans/views.ts';
import { readSheet, writeCsv, writeXlsx } from './files.ts';
import { columns, type SheetRow } from './rows.ts';

function multipart(fileName: string, bytes: Uint8Array) {
  const boundary = `----delaktig${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The sheet as rows keyed by column, as the tests edit them. */
const asRows = (table: string[][]): SheetRow[] =>
  table
    .slice(1)
    .map((cells) => Object.fromEntries(columns.map((c) => [c.key, cells[table[0]?.indexOf(c.header) ?? -1] ?? ''])) as SheetRow);
const blank = (patch: Partial<SheetRow>): SheetRow => ({ ...(Object.fromEntries(columns.map((c) => [c.key, ''])) as SheetRow), ...patch });

const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

interface Problem {
  row: number;
  column: string;
  message: string;
}

await forEachStore('the spreadsheet round trip', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let planId: string;

  const items = async () => (await t.request('GET', `/api/plans/${planId}/outline`, { cookie: coordinator })).json<unknown>();
  const download = async (format: 'xlsx' | 'csv', cookie = coordinator) => {
    const res = await t.request('GET', `/api/plans/${planId}/items.${format}`, { cookie });
    assert.equal(res.statusCode, 200, res.body);
    return { res, rows: asRows(await readSheet(new Uint8Array(res.rawPayload), `plan.${format}`)) };
  };
  const upload = (fileName: string, bytes: Uint8Array, options: { cookie?: string; dryRun?: boolean; plan?: string } = {}) => {
    const { payload, contentType } = multipart(fileName, bytes);
    return t.app.inject({
      method: 'POST',
      url: `/api/plans/${options.plan ?? planId}/items/import${options.dryRun ? '?dryRun=true' : ''}`,
      headers: { cookie: options.cookie ?? coordinator, 'content-type': contentType },
      payload,
    });
  };
  const flat = async () => {
    const outline = (await t.request('GET', `/api/plans/${planId}/outline`, { cookie: coordinator })).json<PlanOutline>();
    return walk(outline.nodes).map((n) => ({ itemId: n.id as string, text: n.text, version: n.version as number }));
  };

  before(async () => {
    t = await startTestApp(kind);
    coordinator = await t.login('osteraker.samordnare');
    planId = (await t.request('GET', '/api/municipalities/0117/documents')).json<{ id: string }[]>()[0]?.id as string;
  });
  after(() => t.close());

  it('exports every item to Excel and CSV with ids, parents, versions and a Swedish file name', async () => {
    const count = (await flat()).length;
    const xlsx = await download('xlsx');
    assert.equal(xlsx.res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(
      String(xlsx.res.headers['content-disposition']),
      /^attachment; filename=".*punkter\.xlsx"; filename\*=UTF-8''%C3%85tg%C3%A4rdsplan/,
    );
    assert.equal(xlsx.rows.length, count);
    const csv = await download('csv');
    assert.match(String(csv.res.headers['content-type']), /^text\/csv/);
    assert.deepEqual(
      csv.rows.map((r) => [r.id, r.parent, r.version, r.text]),
      xlsx.rows.map((r) => [r.id, r.parent, r.version, r.text]),
    );
    assert.ok(csv.rows.some((r) => r.recurrence !== '' && !r.recurrence.startsWith('FREQ')));
    assert.ok(csv.rows.some((r) => r.responsible !== ''));
  });

  it('reads an unchanged file back as unchanged and writes nothing', async () => {
    const before = await items();
    for (const format of ['xlsx', 'csv'] as const) {
      const { res } = await download(format);
      const reply = await upload(`plan.${format}`, new Uint8Array(res.rawPayload));
      assert.equal(reply.statusCode, 200, reply.body);
      const summary = reply.json<Record<string, number>>();
      assert.deepEqual({ ...summary, unchanged: 0 }, { updated: 0, created: 0, deleted: 0, moved: 0, unchanged: 0, dryRun: false });
      assert.equal(summary.unchanged, (await flat()).length);
    }
    assert.deepEqual(await items(), before);
  });

  it('checks without writing on a dry run, then applies an edit, a new row and a removal in one go', async () => {
    const { rows } = await download('csv');
    const first = rows.find((r) => r.responsible !== '') as SheetRow;
    const leaf = rows.filter((r) => !rows.some((c) => c.parent === r.id)).at(-1) as SheetRow;
    assert.notEqual(first.id, leaf.id);
    const edited = [
      ...rows.map((r) => (r.id === first.id ? { ...r, text: 'Ändrad i Excel' } : r.id === leaf.id ? { ...r, delete: 'x' } : r)),
      blank({
        parent: first.parent,
        kind: 'aktivitet',
        label: 'Aktivitet',
        text: 'Ny rad från Excel',
        responsible: first.responsible,
        due: '2017',
      }),
    ];
    const dry = await upload('plan.csv', writeCsv(edited), { dryRun: true });
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json(), { updated: 1, created: 1, deleted: 1, moved: 0, unchanged: rows.length - 2, dryRun: true });
    assert.equal((await flat()).find((r) => r.itemId === first.id)?.text, first.text);

    const reply = await upload('plan.csv', writeCsv(edited));
    assert.equal(reply.statusCode, 200, reply.body);
    assert.deepEqual(reply.json(), { updated: 1, created: 1, deleted: 1, moved: 0, unchanged: rows.length - 2, dryRun: false });
    const after = await flat();
    const changed = after.find((r) => r.itemId === first.id);
    assert.equal(changed?.text, 'Ändrad i Excel');
    assert.equal(changed?.version, Number(first.version) + 1);
    assert.ok(!after.some((r) => r.itemId === leaf.id));
    const created = after.find((r) => r.text === 'Ny rad från Excel');
    assert.ok(created);
    const view = (await t.request('GET', `/api/plans/${planId}/outline`, { cookie: coordinator })).body;
    assert.match(view, /Ny rad från Excel/);

    // Positions stay dense under every parent.
    const positions = (await download('xlsx')).rows;
    const byParent = new Map<string, number[]>();
    for (const r of positions) byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), Number(r.position)]);
    for (const list of byParent.values())
      assert.deepEqual(
        list.sort((a, b) => a - b),
        list.map((_, i) => i + 1),
      );

    const admin = await t.login('admin', 'admin-test-password');
    const log = (await t.request('GET', `/api/audit?entityId=${planId}`, { cookie: admin })).json<
      { action: string; after: { created: number } }[]
    >();
    assert.equal(log[0]?.action, 'document.spreadsheet-import');
    assert.equal(log[0]?.after.created, 1);
  });

  it('refuses a file with two problems, names both by row and column, and writes nothing', async () => {
    const before = await items();
    const { rows } = await download('xlsx');
    const withDates = rows.map((r, i) => (i === 1 ? { ...r, due: '31/12' } : i === 3 ? { ...r, responsible: 'Fritidsgården Ugglan' } : r));
    const edited = withDates.map((r, i) => (i === 0 ? { ...r, text: 'Skulle ha sparats' } : r));
    const reply = await upload('plan.xlsx', await writeXlsx(edited, 'Plan'));
    assert.equal(reply.statusCode, 400, reply.body);
    const body = reply.json<{ error: string; message: string; details: Problem[] }>();
    assert.equal(body.error, 'validation');
    assert.match(body.message, /2 fel/);
    assert.deepEqual(
      body.details.map((p) => [p.row, p.column]),
      [
        [3, 'klart senast'],
        [5, 'ansvarig'],
      ],
    );
    assert.match(body.details[1]?.message ?? '', /Fritidsgården Ugglan/);
    assert.deepEqual(await items(), before);
  });

  it('refuses a row whose version is stale', async () => {
    const { rows } = await download('csv');
    const target = rows[2] as SheetRow;
    const patched = await t.request('PATCH', `/api/items/${target.id}`, {
      cookie: coordinator,
      body: { version: Number(target.version), text: 'Ändrad av någon annan' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const reply = await upload('plan.csv', writeCsv(rows.map((r) => (r.id === target.id ? { ...r, text: 'Min ändring' } : r))));
    assert.equal(reply.statusCode, 400);
    const problem = reply.json<{ details: Problem[] }>().details[0];
    assert.deepEqual([problem?.row, problem?.column], [4, 'version']);
    assert.equal(patched.json<ItemView>().text, (await flat()).find((r) => r.itemId === target.id)?.text);
  });

  it('refuses a file that is not a spreadsheet with a clear message', async () => {
    const reply = await upload('rapport.pdf', new Uint8Array(Buffer.from('%PDF-1.4\n\u0000\u0001\u0002binary')));
    assert.equal(reply.statusCode, 400);
    assert.match(reply.json<{ message: string }>().message, /inte ett kalkylblad/);
    const noFile = await t.request('POST', `/api/plans/${planId}/items/import`, { cookie: coordinator, body: {} });
    assert.equal(noFile.statusCode, 400);
  });

  it('lets only the plan’s own coordinators import; readers and other municipalities get 403', async () => {
    const { res } = await download('csv');
    const bytes = new Uint8Array(res.rawPayload);
    for (const user of ['osteraker.lasare', 'osteraker.rapportor', 'kalix.samordnare']) {
      const reply = await upload('plan.csv', bytes, { cookie: await t.login(user) });
      assert.equal(reply.statusCode, 403, `${user}: ${reply.body}`);
    }
    const anonymous = await upload('plan.csv', bytes, { cookie: '' });
    assert.equal(anonymous.statusCode, 401);
  });

  it('gives the public the adopted plan without follow-up status', async () => {
    const res = await t.request('GET', `/api/plans/${planId}/items.csv`);
    assert.equal(res.statusCode, 200);
    const rows = asRows(await readSheet(new Uint8Array(res.rawPayload), 'x.csv'));
    assert.ok(rows.every((r) => r.status === ''));
    assert.ok(
      (await download('csv')).rows.every((r) => r.status === ''),
      'no cycle, no status',
    );
    const opened = await t.request('POST', `/api/plans/${planId}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2016-01-01', periodTo: '2016-06-30', deadline: '2016-08-31' },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const mine = (await download('csv')).rows;
    assert.ok(
      mine.some((r) => /^Ej rapporterad \(.*2016.*\)$/.test(r.status)),
      'the coordinator sees the latest cycle',
    );
    const unchanged = await upload('plan.csv', writeCsv(mine.map((r) => ({ ...r, status: 'Genomförd' }))));
    assert.equal(unchanged.json<{ updated: number }>().updated, 0, 'the status column is not read');
  });
});
