import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { extractSource, MAX_IMPORT_BYTES } from './extract.ts';

const fixtures = new URL('../../../test/fixtures/plan-import/', import.meta.url);

async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(name, fixtures)));
}

async function refusal(bytes: Uint8Array, fileName: string): Promise<string> {
  try {
    await extractSource(bytes, fileName);
  } catch (error) {
    assert.ok(error instanceof AppError, `not an AppError: ${String(error)}`);
    assert.equal(error.code, 'validation');
    return error.message;
  }
  assert.fail(`${fileName} was accepted`);
}

describe('extractSource', () => {
  it('decides the format by content, not by name', async () => {
    assert.equal((await extractSource(await fixture('laxa-integrationsplan-2015-2018.docx'), 'plan.pdf')).format, 'docx');
    assert.equal((await extractSource(await fixture('laxa-integrationsplan-2015-2018.pdf'), 'plan.txt')).format, 'pdf');
    assert.equal((await extractSource(await fixture('laxa-integrationsplan-2015-2018.txt'), 'plan')).format, 'txt');
  });

  it('finds the same numbered activities under Delmål 1 in the Laxå plan in every format', async () => {
    for (const ext of ['txt', 'docx', 'pdf']) {
      const doc = await extractSource(await fixture(`laxa-integrationsplan-2015-2018.${ext}`), `laxa.${ext}`);
      const at = doc.blocks.findIndex((b) => b.text === 'Delmål 1');
      const end = doc.blocks.findIndex((b, i) => i > at && b.text === 'Delmål 2');
      const numbered = doc.blocks.slice(at + 1, end).filter((b) => b.kind === 'list-item' && /^\d/u.test(b.marker ?? ''));
      assert.deepEqual(
        numbered.map((b) => b.marker),
        ['1.', '2.', '3.', '4.', '5.'],
        ext,
      );
      assert.match(numbered[4]!.text, /^Genomföra minst en föreläsning/u, ext);
    }
  });

  it('decodes UTF-8 with a BOM and UTF-16', async () => {
    const text = 'Integrationsplan\n\n- Fler i arbete\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    assert.equal((await extractSource(bom, 'a.txt')).blocks[0]?.text, 'Integrationsplan');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const doc = await extractSource(utf16, 'b.txt');
    assert.deepEqual(
      doc.blocks.map((b) => [b.kind, b.text]),
      [
        ['paragraph', 'Integrationsplan'],
        ['list-item', 'Fler i arbete'],
      ],
    );
  });

  it('refuses an empty file', async () => {
    assert.equal(await refusal(await fixture('empty.txt'), 'empty.txt'), 'Filen är tom.');
    assert.equal(await refusal(new TextEncoder().encode(' \n\n'), 'blank.txt'), 'Filen är tom.');
  });

  it('refuses a file over 20 MB', async () => {
    assert.match(await refusal(new Uint8Array(MAX_IMPORT_BYTES + 1), 'stor.txt'), /högst 20 MB/u);
  });

  it('refuses the old Word format, OpenDocument and binaries, naming the accepted formats', async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    assert.match(await refusal(doc, 'plan.doc'), /\.doc\b.*\.docx.*\.pdf.*\.txt/u);
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text');
    zip.file('content.xml', '<office:document-content/>');
    const odt = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    assert.match(await refusal(odt, 'plan.odt'), /OpenDocument/u);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.match(await refusal(png, 'bild.png'), /\.docx.*\.pdf.*\.txt/u);
  });

  it('gives each bad fixture its own clear message', async () => {
    assert.match(await refusal(await fixture('corrupt.docx'), 'corrupt.docx'), /^Filen kunde inte läsas som ett Word-dokument \(\.docx\)/u);
    assert.equal(
      await refusal(await fixture('encrypted.pdf'), 'encrypted.pdf'),
      'PDF-filen är lösenordsskyddad. Ta bort lösenordet och försök igen.',
    );
    assert.match(await refusal(await fixture('scanned.pdf'), 'scanned.pdf'), /inskannad bild/u);
    const recipe = await extractSource(await fixture('not-a-plan.pdf'), 'not-a-plan.pdf');
    assert.ok(recipe.blocks.some((b) => /grädda/u.test(b.text)));
  });
});
