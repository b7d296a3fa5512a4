/** The report as an Excel workbook, for coordinators who sort, filter and count for themselves. */
import ExcelJS from 'exceljs';
import type { Progress, ReportModel } from './model.ts';
import {
  entryColumns,
  entryRows,
  goalColumns,
  goalRows,
  indicatorColumns,
  indicatorRows,
  seriesColumns,
  seriesRows,
  type Column,
} from './rows.ts';
import { exampleMarking, stockholmWallClock } from './text.ts';

type Cell = string | number | null;

function addSheet<R extends object>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Column<keyof R & string>[],
  rows: R[],
  example: boolean,
): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    // Printed sheets of demo data say so, as the Word and PDF pages do.
    headerFooter: example
      ? { oddHeader: `&C&"-,Bold"&KB33C00${exampleMarking}`, oddFooter: '&CSida &P av &N' }
      : { oddFooter: '&CSida &P av &N' },
  });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    style:
      c.type === 'datetime'
        ? { numFmt: 'yyyy-mm-dd hh:mm' }
        : c.type === 'wrap'
          ? { alignment: { wrapText: true, vertical: 'top' } }
          : { alignment: { vertical: 'top' } },
  }));
  for (const row of rows) {
    const values: Record<string, Cell | Date> = {};
    for (const c of columns) {
      const value = row[c.key] as Cell;
      values[c.key] = c.type === 'datetime' ? stockholmWallClock(typeof value === 'string' ? value : null) : value;
    }
    sheet.addRow(values);
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F0' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

export async function renderXlsx(model: ReportModel, progress: Progress): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Delaktig';
  workbook.title = `${model.plan.title} — uppföljning ${model.cycle.label}`;
  workbook.subject = model.cycle.example ? exampleMarking : 'Uppföljning till kommunstyrelsen';
  workbook.created = new Date(model.generatedAt);
  const example = model.cycle.example;
  addSheet(workbook, 'Rapporter', entryColumns, entryRows(model), example);
  progress(0.4);
  addSheet(workbook, 'Mål och bedömningar', goalColumns, goalRows(model), example);
  addSheet(workbook, 'Indikatorer', indicatorColumns, indicatorRows(model), example);
  addSheet(workbook, 'Indikatorserier', seriesColumns, seriesRows(model), example);
  progress(0.6);
  const buffer = await workbook.xlsx.writeBuffer();
  progress(1);
  return new Uint8Array(buffer as ArrayBuffer);
}
