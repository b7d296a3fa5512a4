import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, errorResponses, readUpload, requireActor, type AppContext } from '../../http.ts';
import { CSV_TYPE, XLSX_TYPE } from './files.ts';
import { exportSpreadsheet, importSpreadsheet } from './service.ts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Validation errors of an import name the row and column of each problem. */
const ProblemBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  details: Type.Optional(
    Type.Array(
      Type.Object({
        path: Type.String(),
        message: Type.String(),
        row: Type.Optional(Type.Integer({ description: '1-based row as Excel shows it; the header is row 1' })),
        column: Type.Optional(Type.String({ description: "The column's header" })),
      }),
    ),
  ),
});

const ImportReply = Type.Object({
  updated: Type.Integer(),
  created: Type.Integer(),
  deleted: Type.Integer(),
  moved: Type.Integer(),
  unchanged: Type.Integer(),
  dryRun: Type.Boolean(),
});

/** `filename=` in ASCII for old clients, `filename*=` in UTF-8 for everyone else (RFC 6266). */
function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/[^\w .,()-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function planSpreadsheetRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    for (const format of ['xlsx', 'csv'] as const) {
      app.get(
        `/api/plans/:id/items.${format}`,
        {
          schema: {
            tags: ['items'],
            summary:
              format === 'xlsx'
                ? "The plan's items as an Excel workbook to edit and import again"
                : "The plan's items as CSV (UTF-8 with BOM, semicolon-separated) to edit and import again",
            params: IdParams,
            response: errorResponses,
          },
        },
        async (request, reply) => {
          const file = await exportSpreadsheet(db, request.caller, request.params.id, format);
          return reply
            .header('content-type', format === 'xlsx' ? XLSX_TYPE : CSV_TYPE)
            .header('content-disposition', attachment(file.fileName))
            .header('cache-control', 'no-store')
            .send(Buffer.from(file.bytes));
        },
      );
    }

    app.post(
      '/api/plans/:id/items/import',
      {
        schema: {
          tags: ['items'],
          summary:
            'Import an edited spreadsheet (multipart, field "file"; .xlsx or .csv): known ids update, new rows are created, marked rows removed. ' +
            'The whole file is checked first; any problem refuses it with every problem by row and column. dryRun=true only checks.',
          params: IdParams,
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }),
          response: { 200: ImportReply, ...errorResponses, 400: ProblemBody },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const upload = await readUpload(request, MAX_FILE_BYTES);
        return importSpreadsheet(db, actor, request.params.id, upload, { dryRun: request.query.dryRun ?? false });
      },
    );
  };
}
