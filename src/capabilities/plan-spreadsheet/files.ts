/**
 * The rows of rows.ts as files: an Excel workbook and a CSV, written and read back. Reading answers a table of
 * strings whatever the file, so rows.ts checks one shape; anything that is not a spreadsheet is refused here.
 */
import type ExcelJS from 'exceljs';
import { invalid } from '../../kernel/errors.ts';
import { detectSeparator, records } from '../indicators/sources/csv.ts';
import { columns, deleteMarks, kindWords, perWords, type SheetRow } from './rows.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** How many empty rows below the plan still offer the drop-down lists, for rows people add. */
const SPARE_ROWS = 200;

const readOnlyFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

// exceljs is loaded on first use: it costs the server's start a quarter of a second of loading.
const excel = async () => (await import('exceljs')).default;

export async function writeXlsx(rows: SheetRow[], title: string): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Delaktig';
  workbook.title = title;
  const sheet = workbook.addWorksheet('Punkter', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    style: {
      alignment: { vertical: 'top', wrapText: c.type === 'wrap' },
      // Text format keeps what people type as they typed it: "2016" stays a year, "1.2" is not made a date.
      ...(c.type === 'number' ? {} : { numFmt: '@' }),
      ...(c.readOnly ? { fill: readOnlyFill, font: { color: { argb: 'FF595959' } } } : {}),
    },
  }));
  for (const row of rows) {
    const values: Record<string, string | number | null> = {};
    for (const c of columns) {
      const value = row[c.key];
      values[c.key] = c.type === 'number' && value !== '' ? Number(value.replace(',', '.')) : value === '' ? null : value;
    }
    sheet.addRow(values);
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = c.readOnly
      ? { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBFBFBF' } }
      : { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F0' } };
    cell.note = c.readOnly ? `Ändra inte. ${c.hint}` : c.hint;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const lists: Partial<Record<string, string[]>> = {
    kind: Object.values(kindWords),
    targetPer: Object.values(perWords),
    delete: [deleteMarks[0] as string],
  };
  for (const [key, values] of Object.entries(lists)) {
    const column = sheet.getColumn(key);
    for (let r = 2; r <= rows.length + 1 + SPARE_ROWS; r++) {
      sheet.getCell(r, column.number).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${(values ?? []).join(',')}"`],
        showErrorMessage: key !== 'delete',
        errorTitle: 'Okänt värde',
        error: `Välj ett av: ${(values ?? []).join(', ')}`,
      };
    }
  }

  const help = workbook.addWorksheet('Anvisningar');
  help.columns = [
    { header: 'kolumn', key: 'header', width: 16 },
    { header: 'betydelse', key: 'hint', width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ header: c.header, hint: c.readOnly ? `(ändra inte) ${c.hint}` : c.hint });
  help.addRow({});
  for (const line of instructions) help.addRow({ hint: line });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

const instructions = [
  'Läs in filen igen under planens ”Kalkylblad”: rader med ett id ändrar punkten, rader utan id blir nya punkter.',
  'En ny rad kan få id ny-1, ny-2 … så att andra nya rader kan ligga under den (skriv ny-1 i deras kolumn överordnad).',
  'Inget tas bort om det inte är markerat med x i kolumnen ”ta bort”; en punkts underpunkter måste markeras också.',
  'Rader som saknas i filen lämnas som de är. Hela filen kontrolleras först; finns ett enda fel sparas ingenting.',
  'Bara det första bladet läses in.',
];

// ---------------------------------------------------------------------------------------------------------------

const bom = '\uFEFF';
const SEPARATOR = ';';

/** A field Excel would take for a formula gets a leading apostrophe (CSV injection); reading takes it off again. */
const FORMULA = /^[=+\-@\t\r]/;

function csvField(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Semicolon-separated UTF-8 with a byte order mark and CRLF: what Swedish Excel opens by double-click with å, ä
 * and ö intact, where a comma is the decimal sign.
 */
export function writeCsv(rows: SheetRow[]): Uint8Array {
  const lines = [columns.map((c) => csvField(c.header)).join(SEPARATOR)];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c.key])).join(SEPARATOR));
  return new TextEncoder().encode(bom + lines.join('\r\n') + '\r\n');
}

// ---------------------------------------------------------------------------------------------------------------

const notSpreadsheet = 'Filen är inte ett kalkylblad. Läs in en Excel-fil (.xlsx) eller en CSV-fil som hämtats från planen och redigerats.';

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The first sheet (or the CSV) as rows of strings; row 0 is the header. Throws a validation error for anything else. */
export async function readSheet(bytes: Uint8Array, fileName = ''): Promise<string[][]> {
  if (bytes.length === 0) throw invalid('/file', 'Filen är tom.');
  if (isZip(bytes)) return readXlsx(bytes);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw invalid('/file', 'Filen är i Excels äldre format (.xls). Spara den som Excel-arbetsbok (.xlsx) eller CSV och läs in den igen.');
  if (/\.xlsx$/i.test(fileName)) throw invalid('/file', `${notSpreadsheet} (Filen heter .xlsx men är ingen Excel-arbetsbok.)`);
  return readCsv(bytes);
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw invalid('/file', `${notSpreadsheet} (Zip-filen är ingen Excel-arbetsbok.)`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('/file', 'Arbetsboken har inget blad.');
  const out: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) cells.push(cellString(row.getCell(c).value));
    out.push(cells);
  }
  // The drop-down lists reach below the plan, so Excel counts those empty rows as used.
  while (out.length > 1 && (out.at(-1) as string[]).every((c) => c.trim() === '')) out.pop();
  return out;
}

/** A cell as the text a person sees: dates as ISO dates, numbers without Excel's float noise, rich text joined. */
function cellString(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'sant' : 'falskt';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.slice(11) === '00:00:00.000Z' ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if ('richText' in value) return value.richText.map((p) => p.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellString((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
  if ('error' in value) return '';
  return '';
}

/** UTF-8 when the bytes are UTF-8; otherwise Windows-1252, which Excel's plain "CSV" choice writes in Sweden. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): string[][] {
  const text = decode(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  // Control characters other than tab and line ends do not occur in text a spreadsheet writes.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) throw invalid('/file', notSpreadsheet);
  const problems: { line?: number; message: string }[] = [];
  const table = records(text, detectSeparator(text), problems).map((r) =>
    r.fields.map((f) => (f.startsWith("'") && FORMULA.test(f.slice(1)) ? f.slice(1) : f)),
  );
  if (problems.length > 0)
    throw invalid('/file', `CSV-filen kunde inte läsas: rad ${problems[0]?.line ?? '?'}: ${problems[0]?.message ?? ''}.`);
  if (table.length === 0 || (table[0]?.length ?? 0) < 2) throw invalid('/file', notSpreadsheet);
  return table;
}
