import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import PdfPrinter from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { AppError } from '../../kernel/errors.ts';
import { roboto } from '../reports/fonts.ts';
import { extractPdf } from './extract-pdf.ts';

const fixtures = new URL('../../../test/fixtures/plan-import/', import.meta.url);

function pdf(definition: TDocumentDefinitions): Promise<Uint8Array> {
  const printer = new PdfPrinter({
    Roboto: {
      normal: roboto('Roboto-Regular.ttf'),
      bold: roboto('Roboto-Medium.ttf'),
      italics: roboto('Roboto-Italic.ttf'),
      bolditalics: roboto('Roboto-MediumItalic.ttf'),
    },
  });
  const doc = printer.createPdfKitDocument(definition);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

function bullet(text: string): Content {
  return {
    columns: [
      { text: '•', width: 12 },
      { text, width: '*' },
    ],
    margin: [20, 0, 0, 3],
  };
}

async function rejection(bytes: Uint8Array): Promise<AppError> {
  try {
    await extractPdf(bytes);
  } catch (error) {
    assert.ok(error instanceof AppError, `not an AppError: ${String(error)}`);
    assert.equal(error.code, 'validation');
    return error;
  }
  assert.fail('the file was accepted');
}

describe('extractPdf', () => {
  it('reads a heading, a wrapped paragraph and bulleted and numbered lists', async () => {
    const bytes = await pdf({
      pageSize: 'A4',
      content: [
        { text: 'Integrationsplan för Exempelby', fontSize: 20, margin: [0, 0, 0, 10] },
        {
          text: 'Kommunen tar emot nyanlända och vill att alla ska få en bra start i sitt nya land. Därför har kommunfullmäktige antagit den här planen för åren 2024 till 2027.',
          margin: [0, 0, 0, 10],
        },
        bullet('Kommunstyrelsen'),
        bullet('Socialnämnden'),
        { text: 'Aktiviteter', margin: [0, 10, 0, 6] },
        { ol: ['Erbjuda praktikplatser', 'Ordna språkcaféer varje vecka'], margin: [20, 0, 0, 0] },
      ],
    });
    const doc = await extractPdf(bytes);
    assert.equal(doc.format, 'pdf');
    assert.equal(doc.pages, 1);
    const view = doc.blocks.map((b) => [b.kind, b.text, b.headingLevel, b.marker, b.indent]);
    assert.deepEqual(view, [
      ['heading', 'Integrationsplan för Exempelby', 1, null, 0],
      [
        'paragraph',
        'Kommunen tar emot nyanlända och vill att alla ska få en bra start i sitt nya land. Därför har kommunfullmäktige antagit den här planen för åren 2024 till 2027.',
        null,
        null,
        0,
      ],
      ['list-item', 'Kommunstyrelsen', null, '•', 0],
      ['list-item', 'Socialnämnden', null, '•', 0],
      ['paragraph', 'Aktiviteter', null, null, 0],
      ['list-item', 'Erbjuda praktikplatser', null, '1.', 0],
      ['list-item', 'Ordna språkcaféer varje vecka', null, '2.', 0],
    ]);
    assert.ok(doc.blocks.every((b) => b.page === 1));
    for (const b of doc.blocks) assert.ok(doc.text.slice(b.start, b.end).includes(b.text));
  });

  it('reads the Laxå plan: the activities of Delmål 1 numbered 1.–5., no footers', async () => {
    const doc = await extractPdf(new Uint8Array(await readFile(new URL('laxa-integrationsplan-2015-2018.pdf', fixtures))));
    assert.ok((doc.pages ?? 0) >= 2);
    const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Delmål 1');
    assert.ok(at >= 0, 'Delmål 1 is a heading');
    const end = doc.blocks.findIndex((b, i) => i > at && b.kind === 'heading');
    const numbered = doc.blocks.slice(at + 1, end).filter((b) => b.kind === 'list-item' && /^\d/u.test(b.marker ?? ''));
    assert.deepEqual(
      numbered.map((b) => b.marker),
      ['1.', '2.', '3.', '4.', '5.'],
    );
    assert.match(numbered[1]!.text, /^Genomföra informationsträffar .* nyföretagarcentrum kontinuerligt$/u);
    assert.ok(numbered.every((b) => b.indent === 1));
    assert.deepEqual(
      doc.blocks.filter((b) => /Sida \d/u.test(b.text)),
      [],
    );
  });

  it('reads check boxes in a table', async () => {
    const doc = await extractPdf(new Uint8Array(await readFile(new URL('kalix-integrationsplan-2016.pdf', fixtures))));
    const row = doc.blocks.find((b) => b.kind === 'table-row' && b.text.startsWith('Introduktionen till det svenska samhället'));
    assert.ok(row);
    assert.deepEqual(row.checks, [false, false, false, false, false, null]);
    assert.match(row.cells![5]!, /arbetslivserfarenhet|yrkeserfarenhet\.$/u);
  });

  it('refuses a password-protected PDF', async () => {
    const error = await rejection(new Uint8Array(await readFile(new URL('encrypted.pdf', fixtures))));
    assert.equal(error.message, 'PDF-filen är lösenordsskyddad. Ta bort lösenordet och försök igen.');
  });

  it('refuses a PDF without text', async () => {
    const error = await rejection(new Uint8Array(await readFile(new URL('scanned.pdf', fixtures))));
    assert.match(error.message, /^PDF-filen innehåller ingen text \(är den en inskannad bild\?\)/u);
  });

  it('refuses a damaged PDF', async () => {
    const whole = new Uint8Array(await readFile(new URL('not-a-plan.pdf', fixtures)));
    const error = await rejection(whole.slice(0, 200));
    assert.match(error.message, /PDF/u);
  });

  it('reads an unrelated PDF as ordinary text', async () => {
    const doc = await extractPdf(new Uint8Array(await readFile(new URL('not-a-plan.pdf', fixtures))));
    assert.equal(doc.blocks[0]?.text, 'Kanelbullar');
  });
});
