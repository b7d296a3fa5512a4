import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../kernel/errors.ts';
import { readSheet, writeCsv, writeXlsx } from './files.ts';
import { columns, type SheetRow } from './rows.ts';

const row = (patch: Partial<SheetRow>): SheetRow => ({ ...(Object.fromEntries(columns.map((c) => [c.key, ''])) as SheetRow), ...patch });
const rows = [
  row({
    id: 'a',
    position: '1',
    kind: 'mål',
    text: 'Första; med "citat"\n\n- och en lista',
    targetValue: '2,5',
    version: '3',
    due: '2016',
  }),
  row({ id: 'b', position: '2', text: '=SUMMA(A1)', responsible: 'Kommunstyrelsen; Socialförvaltningen', version: '1' }),
];
const cell = (table: string[][], r: number, key: string) => table[r]?.[columns.findIndex((c) => c.key === key)];

describe('spreadsheet files', () => {
  it('reads back a CSV as written: separators, quotes, line breaks and formula-like text', async () => {
    const bytes = writeCsv(rows);
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    assert.ok(text.split('\r\n')[0]?.includes('id;överordnad;ordning'));
    assert.ok(text.includes(`'=SUMMA(A1)`), 'formula neutralised in the file');
    const table = await readSheet(bytes, 'plan.csv');
    assert.equal(cell(table, 1, 'text'), 'Första; med "citat"\n\n- och en lista');
    assert.equal(cell(table, 2, 'text'), '=SUMMA(A1)');
    assert.equal(cell(table, 2, 'responsible'), 'Kommunstyrelsen; Socialförvaltningen');
  });

  it('reads a comma-separated CSV in Windows-1252, as Excel saves "CSV" without UTF-8', async () => {
    const latin1 = Buffer.from('id,version,text\r\nx,1,Förvaltning åt ägare\r\n', 'latin1');
    const table = await readSheet(new Uint8Array(latin1), 'plan.csv');
    assert.deepEqual(table[1], ['x', '1', 'Förvaltning åt ägare']);
  });

  it('reads back a workbook as written, numbers as text', async () => {
    const table = await readSheet(await writeXlsx(rows, 'Plan'), 'plan.xlsx');
    assert.equal(table[0]?.[0], 'id');
    assert.equal(cell(table, 1, 'text'), 'Första; med "citat"\n\n- och en lista');
    assert.equal(cell(table, 1, 'targetValue'), '2.5');
    assert.equal(cell(table, 1, 'version'), '3');
    assert.equal(cell(table, 1, 'due'), '2016');
    assert.equal(cell(table, 2, 'text'), '=SUMMA(A1)');
  });

  it('marks the workbook: frozen header, hints, drop-downs, an instructions sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await writeXlsx(rows, 'Plan')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    assert.equal(sheet.name, 'Punkter');
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.match(String(sheet.getCell('A1').note), /Ändra inte/);
    const kindColumn = columns.findIndex((c) => c.key === 'kind') + 1;
    assert.equal(sheet.getCell(2, kindColumn).dataValidation.type, 'list');
    assert.equal(workbook.worksheets[1]?.name, 'Anvisningar');
  });

  it('turns Excel dates and numbers into the text a person sees', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.addRow(['id', 'klart senast', 'målvärde']);
    sheet.addRow(['a', new Date(Date.UTC(2016, 5, 6)), 0.1 + 0.2]);
    const table = await readSheet(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), 'x.xlsx');
    assert.deepEqual(table[1], ['a', '2016-06-06', '0.3']);
  });

  for (const [name, bytes, pattern] of [
    ['a PDF', Buffer.from('%PDF-1.4\n\u0000\u0001binary'), /inte ett kalkylblad/],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0]), /äldre format/],
    ['a zip that is no workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), /ingen Excel-arbetsbok/],
    ['an empty file', Buffer.alloc(0), /tom/],
    ['a text with one column', Buffer.from('hej\nhopp\n'), /inte ett kalkylblad/],
  ] as const)
    it(`refuses ${name} with a clear message`, async () => {
      await assert.rejects(readSheet(new Uint8Array(bytes), 'fil'), (e: unknown) => e instanceof AppError && pattern.test(e.message));
    });
});
