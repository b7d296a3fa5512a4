/**
 * The report entries as CSV (RFC 4180): UTF-8 with a byte order mark, which is how Excel knows the file is UTF-8
 * and shows å, ä and ö; comma separated; CRLF line ends. Twenty lines by hand rather than a dependency.
 */
import type { ReportModel } from './model.ts';
import { entryColumns, entryRows } from './rows.ts';
import { formatDateTime } from './text.ts';

const bom = '\uFEFF';

/**
 * Text a spreadsheet would take for a formula ("=HYPERLINK(…)", "-1+1", "@SUM") gets a leading apostrophe: the
 * narratives are typed by many users and the file is opened in Excel by others (CSV injection).
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function renderCsv(model: ReportModel): Uint8Array {
  const lines = [entryColumns.map((c) => csvField(c.header)).join(',')];
  for (const row of entryRows(model)) {
    const fields = entryColumns.map((c) => {
      const value = row[c.key];
      if (value === null) return '';
      if (typeof value === 'number') return String(value);
      return csvField(c.type === 'datetime' ? formatDateTime(value) : neutralise(value));
    });
    lines.push(fields.join(','));
  }
  return new TextEncoder().encode(bom + lines.join('\r\n') + '\r\n');
}
