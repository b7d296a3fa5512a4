import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { cleanFileName, detectType } from '../../src/capabilities/follow-up/attachments.ts';
import { sendStoredFile } from '../../src/http.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { forEachStore } from '../support/each-store.ts';
import { pathTraversal } from './attack-strings.ts';

/** Files that pretend to be something else, or carry something that runs when opened. */
const hostileFiles: { what: string; name: string; bytes: Buffer }[] = [
  {
    what: 'HTML disguised as a PDF',
    name: 'protokoll.pdf',
    bytes: Buffer.from('<!doctype html><html><script>window.__pwned=1</script></html>'),
  },
  {
    what: 'SVG with a script',
    name: 'bild.svg',
    bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1</script></svg>'),
  },
  { what: 'a Windows program', name: 'rapport.docx', bytes: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(512)]) },
  { what: 'a traversal name', name: '../../etc/passwd', bytes: Buffer.from('root:x:0:0:root:/root:/bin/bash\n') },
];

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----hostile';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('uploads kept and served again (evidence, fund attachments)', () => {
  it('take a file by its content only: HTML, SVG and programs are refused whatever they are called, and so is an empty or too large one', async () => {
    for (const f of hostileFiles.slice(0, 3)) {
      const result = await detectType(f.bytes);
      assert.ok('error' in result, f.what);
      assert.match(result.error, /tas inte emot/, f.what);
    }
    assert.deepEqual(await detectType(new Uint8Array()), { error: 'Filen är tom.' });
    const tooLarge = await detectType(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]));
    assert.ok('error' in tooLarge && /för stor/.test(tooLarge.error));
  });

  it('keep a name without a path, control characters or quotes', () => {
    assert.deepEqual(pathTraversal.map(cleanFileName), ['passwd', 'win.ini', '%2e%2e%2f']);
    assert.equal(cleanFileName('..'), 'bilaga');
    assert.equal(cleanFileName('a\u0000b"c\r\n.pdf'), 'abc.pdf');
  });

  it('are served as a sandboxed download whose type is never sniffed', async () => {
    const app = Fastify();
    app.get('/file', async (_request, reply) =>
      sendStoredFile(reply, { fileName: '../"x".pdf', mediaType: 'application/pdf', bytes: Buffer.from('%PDF-') }),
    );
    const res = await app.inject({ method: 'GET', url: '/file' });
    await app.close();
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="\.\.\/x\.pdf"; filename\*=UTF-8''\.\.%2F%22x%22\.pdf$/,
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-security-policy'], "default-src 'none'; sandbox");
    assert.equal(res.headers['content-type'], 'application/pdf');
  });
});

void forEachStore('hostile uploads to every upload route', (kind) => {
  let t: TestApp;
  let admin: string;
  let routes: string[];
  const total = async () =>
    (
      await sql<{ n: number }>`select (select count(*) from attachment) + (select count(*) from fund_attachment)
        + (select count(*) from document) + (select count(*) from item) + (select count(*) from indicator_value) as n`.execute(t.store.db)
    ).rows[0]!.n;

  before(async () => {
    t = await startTestApp(kind);
    admin = await t.login('admin', 'admin-test-password');
    const plan = (await sql<{ id: string }>`select id from document where municipality_code = '1860' limit 1`.execute(t.store.db)).rows[0]!
      .id;
    const indicator = (await sql<{ id: string }>`select id from indicator limit 1`.execute(t.store.db)).rows[0]?.id ?? randomUUID();
    routes = [
      `/api/tasks/${randomUUID()}/attachments`,
      `/api/fund/applications/${randomUUID()}/attachments`,
      '/api/municipalities/1860/plan-imports',
      `/api/plans/${plan}/items/import`,
      `/api/indicators/${indicator}/import`,
    ];
  });
  after(() => t?.close());

  it('refuses each hostile file with a clear Swedish 4xx (or only previews it as JSON), never a 500, and keeps nothing', async () => {
    const before = await total();
    for (const url of routes)
      for (const f of [
        ...hostileFiles,
        { what: 'a file over every limit', name: 'stor.pdf', bytes: Buffer.alloc(21 * 1024 * 1024, 0x41) },
      ]) {
        const { payload, headers } = multipart(f.name, f.bytes);
        const res = await t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: admin } });
        const label = `${url} ${f.what}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        // A plan import reads plain text too: it answers with a preview as JSON and keeps nothing until confirmed.
        if (res.statusCode === 200 && url.endsWith('/plan-imports')) {
          assert.match(String(res.headers['content-type']), /^application\/json/, label);
          continue;
        }
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, label);
        const body = res.json<{ error: string; message: string }>();
        assert.equal(typeof body.error, 'string', label);
        assert.match(body.message, /[åäö]|\b(är|inte|finns|kan)\b/, label);
      }
    assert.equal(await total(), before);
  });
});
