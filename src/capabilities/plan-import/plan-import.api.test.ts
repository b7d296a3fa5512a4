import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { OutlineNode } from '../plans/outline.ts';
import type { ImportPreview } from './preview.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/plan-import/${name}`, import.meta.url));

function multipart(fileName: string, bytes: Buffer) {
  const boundary = `----delaktig${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const countItems = (nodes: OutlineNode[]): number =>
  nodes.reduce((n, node) => n + (node.kind === 'note' ? 0 : 1) + countItems(node.children), 0);

await forEachStore('plan import', (kind) => {
  let t: TestApp;
  let laxa: string;
  let kalix: string;
  let reader: string;

  const upload = (code: string, fileName: string, bytes: Buffer, cookie?: string) => {
    const body = multipart(fileName, bytes);
    return t.app.inject({
      method: 'POST',
      url: `/api/municipalities/${code}/plan-imports`,
      headers: { 'content-type': body.contentType, ...(cookie ? { cookie } : {}) },
      payload: body.payload,
    });
  };
  const documents = async (code: string) =>
    (await t.request('GET', `/api/municipalities/${code}/documents`, { cookie: laxa })).json<unknown[]>().length;

  before(async () => {
    t = await startTestApp(kind);
    laxa = await t.login('laxa.samordnare');
    kalix = await t.login('kalix.samordnare');
    reader = await t.login('laxa.lasare');
  });
  after(() => t.close());

  it('reads a text plan for review: the tree, each node where it stands in the source, and stores nothing', async () => {
    const before = await documents('1860');
    const res = await upload('1860', 'laxa.txt', fixture('laxa-integrationsplan-2015-2018.txt'), laxa);
    assert.equal(res.statusCode, 200, res.body);
    const preview = res.json<ImportPreview>();
    assert.equal(preview.format, 'txt');
    assert.equal(preview.outline.municipality.code, '1860');
    assert.equal(countItems(preview.outline.nodes), 28);
    assert.equal(preview.outline.adopted?.paragraph, '§41');
    for (const e of preview.evidence) {
      assert.ok(e.confidence > 0 && e.confidence <= 1);
      for (const s of e.spans) assert.ok(s.start < s.end && s.end <= preview.sourceText.length, JSON.stringify(s));
    }
    const first = preview.evidence.find((e) => e.path === '3.0');
    assert.ok(first);
    assert.match(preview.sourceText.slice(first.spans.at(-1)?.start, first.spans.at(-1)?.end), /50 % av alla kommunplacerade/);
    assert.equal(await documents('1860'), before);
  });

  it('warns when the document is another municipality’s plan', async () => {
    const preview = (await upload('1860', 'kalix.txt', fixture('kalix-integrationsplan-2016.txt'), laxa)).json<ImportPreview>();
    assert.equal(preview.outline.municipality.code, '1860');
    assert.ok(
      preview.warnings.some((w) => /Kalix kommun, men importeras till Laxå kommun/.test(w)),
      preview.warnings.join(' / '),
    );
  });

  it('reads the Word and PDF versions to the same tree', async () => {
    for (const ext of ['docx', 'pdf']) {
      const res = await upload('1860', `laxa.${ext}`, fixture(`laxa-integrationsplan-2015-2018.${ext}`), laxa);
      assert.equal(res.statusCode, 200, res.body);
      const preview = res.json<ImportPreview>();
      assert.equal(preview.format, ext);
      assert.equal(countItems(preview.outline.nodes), 28, ext);
    }
  });

  it('proposes the units the municipality lacks, and saving creates them with the plan', async () => {
    const res = await upload('1860', 'handlingsplan.txt', fixture('unseen-handlingsplan.txt'), laxa);
    assert.equal(res.statusCode, 200, res.body);
    const preview = res.json<ImportPreview>();
    const proposed = preview.proposedUnits.map((u) => u.name);
    assert.ok(proposed.includes('Arbetsmarknadsenheten'), proposed.join(', '));
    const saved = await t.request('POST', '/api/municipalities/1860/plans/import', { cookie: laxa, body: { outline: preview.outline } });
    assert.equal(saved.statusCode, 201, saved.body);
    const { documentId, itemCount, createdUnits } = saved.json<{ documentId: string; itemCount: number; createdUnits: string[] }>();
    assert.ok(createdUnits.includes('Arbetsmarknadsenheten'));
    assert.ok(itemCount > 5);
    const outline = (await t.request('GET', `/api/plans/${documentId}/outline`, { cookie: laxa })).json<{
      nodes: OutlineNode[];
      title: string;
    }>();
    assert.equal(outline.title, 'Handlingsplan för integration 2024–2026');
    const units = (await t.request('GET', '/api/municipalities/1860/units', { cookie: laxa })).json<{ name: string }[]>();
    assert.ok(units.some((u) => u.name === 'Arbetsmarknadsenheten'));
    // Imported a second time, the units exist and are no longer proposed.
    const again = (await upload('1860', 'handlingsplan.txt', fixture('unseen-handlingsplan.txt'), laxa)).json<ImportPreview>();
    assert.ok(!again.proposedUnits.some((u) => u.name === 'Arbetsmarknadsenheten'));
  });

  it('an outline with an error is refused whole: nothing of it is saved', async () => {
    const preview = (await upload('1860', 'laxa.txt', fixture('laxa-integrationsplan-2015-2018.txt'), laxa)).json<ImportPreview>();
    const before = await documents('1860');
    const broken = structuredClone(preview.outline);
    (broken.nodes[3] as OutlineNode).recurrence = 'FREQ=SOMETIMES';
    const res = await t.request('POST', '/api/municipalities/1860/plans/import', { cookie: laxa, body: { outline: broken } });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(await documents('1860'), before);
    const elsewhere = await t.request('POST', '/api/municipalities/2514/plans/import', {
      cookie: kalix,
      body: { outline: preview.outline },
    });
    assert.equal(elsewhere.statusCode, 400);
    assert.match(elsewhere.json<{ message: string }>().message, /1860/);
  });

  it('bad files get a clear message naming the problem', async () => {
    const cases: [string, Buffer, RegExp][] = [
      ['empty.txt', fixture('empty.txt'), /tom/i],
      ['corrupt.docx', fixture('corrupt.docx'), /Word/],
      ['encrypted.pdf', fixture('encrypted.pdf'), /lösenord/i],
      ['scanned.pdf', fixture('scanned.pdf'), /ingen text/i],
      ['bild.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /\.docx|\.pdf|\.txt/],
    ];
    for (const [name, bytes, message] of cases) {
      const res = await upload('1860', name, bytes, laxa);
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assert.match(res.json<{ message: string }>().message, message, name);
    }
    const notAPlan = (await upload('1860', 'recept.pdf', fixture('not-a-plan.pdf'), laxa)).json<ImportPreview>();
    assert.ok(notAPlan.warnings.some((w) => /Inga mål eller aktiviteter/.test(w)));
    const json = await t.request('POST', '/api/municipalities/1860/plan-imports', { cookie: laxa, body: { file: 'x' } });
    assert.equal(json.statusCode, 400);
  });

  it('only those who may edit the municipality’s plans may import', async () => {
    const bytes = fixture('osteraker-atgardsplan-for-integration-2015.txt');
    assert.equal((await upload('1860', 'plan.txt', bytes)).statusCode, 401);
    assert.equal((await upload('1860', 'plan.txt', bytes, reader)).statusCode, 403);
    assert.equal((await upload('1860', 'plan.txt', bytes, kalix)).statusCode, 403);
    const outline = (await upload('2514', 'plan.txt', bytes, kalix)).json<ImportPreview>().outline;
    const res = await t.request('POST', '/api/municipalities/2514/plans/import', {
      cookie: laxa,
      body: { outline: { ...outline, municipality: { code: '2514', name: 'Kalix' } } },
    });
    assert.equal(res.statusCode, 403);
  });
});
