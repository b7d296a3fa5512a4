import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { extractDocx } from './extract-docx.ts';

const fixtures = new URL('../../../test/fixtures/plan-import/', import.meta.url);

async function tinyDocx(): Promise<Uint8Array> {
  const level = (n: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level: n,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (n + 1), hanging: 360 } } },
  });
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'numbered', levels: [level(0, LevelFormat.DECIMAL, '%1.'), level(1, LevelFormat.LOWER_LETTER, '%2)')] },
        { reference: 'bullets', levels: [level(0, LevelFormat.BULLET, '•')] },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Integrationsplan för Exempelby')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Mål och aktiviteter')] }),
          new Paragraph({ children: [new TextRun({ text: 'Hit vill vi:', bold: true })] }),
          new Paragraph({ numbering: { reference: 'numbered', level: 0 }, children: [new TextRun('Fler i arbete')] }),
          new Paragraph({ numbering: { reference: 'numbered', level: 1 }, children: [new TextRun('Praktikplatser i kommunen')] }),
          new Paragraph({ numbering: { reference: 'numbered', level: 1 }, children: [new TextRun('Mentorer från näringslivet')] }),
          new Paragraph({ numbering: { reference: 'numbered', level: 0 }, children: [new TextRun('Bättre boende')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Ansvar')] }),
          new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun('Kommunstyrelsen')] }),
          new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun('Socialnämnden')] }),
          new Table({
            rows: [
              new TableRow({ children: ['KS', 'SOC', 'Delmål'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
              new TableRow({ children: ['☐', '☒', 'Alla ska få SFI'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('extractDocx', () => {
  it('reads headings, numbered and bulleted lists and tables with check boxes', async () => {
    const doc = await extractDocx(await tinyDocx());
    assert.equal(doc.format, 'docx');
    const view = doc.blocks.map((b) => [b.kind, b.text, b.headingLevel, b.marker, b.indent]);
    assert.deepEqual(view.slice(0, 10), [
      ['heading', 'Integrationsplan för Exempelby', 1, null, 0],
      ['heading', 'Mål och aktiviteter', 2, null, 0],
      ['paragraph', 'Hit vill vi:', null, null, 0],
      ['list-item', 'Fler i arbete', null, '1.', 0],
      ['list-item', 'Praktikplatser i kommunen', null, 'a)', 1],
      ['list-item', 'Mentorer från näringslivet', null, 'b)', 1],
      ['list-item', 'Bättre boende', null, '2.', 0],
      ['heading', 'Ansvar', 3, null, 0],
      ['list-item', 'Kommunstyrelsen', null, '•', 0],
      ['list-item', 'Socialnämnden', null, '•', 0],
    ]);
    assert.equal(doc.blocks[2]!.bold, true);
    const rows = doc.blocks.filter((b) => b.kind === 'table-row');
    assert.deepEqual(rows[0]!.cells, ['KS', 'SOC', 'Delmål']);
    assert.equal(rows[0]!.checks, null);
    assert.deepEqual(rows[1]!.cells, ['', '', 'Alla ska få SFI']);
    assert.deepEqual(rows[1]!.checks, [false, true, null]);
    for (const b of doc.blocks) assert.ok(doc.text.slice(b.start, b.end).includes(b.text), b.text);
    assert.equal(doc.text.slice(doc.blocks[3]!.start, doc.blocks[3]!.end), '1. Fler i arbete');
  });

  it('numbers the activities of Delmål 1 in the Laxå plan', async () => {
    const doc = await extractDocx(new Uint8Array(await readFile(new URL('laxa-integrationsplan-2015-2018.docx', fixtures))));
    const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Delmål 1');
    const end = doc.blocks.findIndex((b, i) => i > at && b.kind === 'heading');
    const numbered = doc.blocks.slice(at + 1, end).filter((b) => b.kind === 'list-item' && /^\d/u.test(b.marker ?? ''));
    assert.deepEqual(
      numbered.map((b) => b.marker),
      ['1.', '2.', '3.', '4.', '5.'],
    );
    assert.ok(numbered.every((b) => b.indent === 1));
    assert.match(numbered[0]!.text, /^Kvartalsvisa samtal med Sydnärkes utbildningsförbund/u);
  });

  it('refuses a truncated file with a clear message', async () => {
    const bytes = new Uint8Array(await readFile(new URL('corrupt.docx', fixtures)));
    await assert.rejects(
      extractDocx(bytes),
      (e: unknown) => e instanceof AppError && e.code === 'validation' && /Word-dokument \(\.docx\)/u.test(e.message),
    );
  });

  it('refuses bytes that are not a zip', async () => {
    await assert.rejects(
      extractDocx(new TextEncoder().encode('inte ett dokument')),
      (e: unknown) => e instanceof AppError && e.code === 'validation',
    );
  });
});
