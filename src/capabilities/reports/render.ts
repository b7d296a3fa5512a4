/** The one way to turn a report model into a file: the routes and the background job call only this. */
import { renderCsv } from './csv.ts';
import { reportMediaTypes, type Progress, type ReportFormat, type ReportModel } from './model.ts';
import { reportFileName } from './text.ts';

export interface RenderedReport {
  bytes: Uint8Array;
  /** ASCII only ("uppfoljning-laxa-2016.pdf"), so it survives every mail client and Content-Disposition header. */
  fileName: string;
  mediaType: string;
}

export async function renderReport(model: ReportModel, format: ReportFormat, progress: Progress = () => {}): Promise<RenderedReport> {
  // Never backwards, never past 1: a progress bar that jumps back looks broken.
  let last = -1;
  const report: Progress = (fraction) => {
    const clamped = Math.min(Math.max(fraction, 0), 1);
    if (clamped <= last) return;
    last = clamped;
    progress(clamped);
  };
  report(0);
  const bytes = await renderBytes(model, format, report);
  report(1);
  return { bytes, fileName: reportFileName(model, format), mediaType: reportMediaTypes[format] };
}

// The renderers are loaded on first use: docx, pdfmake, exceljs and resvg together cost the server's start more
// than half a second of loading, and most processes never write a report.
async function renderBytes(model: ReportModel, format: ReportFormat, progress: Progress): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return (await import('./docx.ts')).renderDocx(model, progress);
    case 'pdf':
      return (await import('./pdf.ts')).renderPdf(model, progress);
    case 'xlsx':
      return (await import('./xlsx.ts')).renderXlsx(model, progress);
    case 'csv':
      return Promise.resolve(renderCsv(model));
  }
}
