import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import type { StoreKind } from './db/database.ts';
import type { Config } from './kernel/config.ts';
import { AppError, invalid } from './kernel/errors.ts';
import type { Actor, Caller } from './capabilities/accounts/policies.ts';
import { Type } from '@sinclair/typebox';

/** What every capability's routes get: the database and the settings. No globals. */
export interface AppContext {
  db: Kysely<Database>;
  store: StoreKind;
  config: Config;
  demo: boolean;
  /** The secret `delaktig backup` on this machine shows to reach the running server (see backup/local-server.ts). */
  localToken?: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

export const SESSION_COOKIE = 'delaktig_session';

export function requireActor(request: FastifyRequest): Actor {
  if (request.caller === null) throw new AppError('unauthenticated', 'Logga in först.');
  return request.caller;
}

export const ErrorBody = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    current: Type.Optional(Type.Unknown()),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'ErrorBody' },
);

export const errorResponses = {
  400: Type.Ref('ErrorBody'),
  401: Type.Ref('ErrorBody'),
  403: Type.Ref('ErrorBody'),
  404: Type.Ref('ErrorBody'),
  409: Type.Ref('ErrorBody'),
};

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{4}$' }) });

export function noContent(reply: FastifyReply) {
  return reply.code(204).send();
}

/** Content-Disposition with the UTF-8 name (RFC 6266) and an ASCII fallback for old clients. */
export function attachmentHeader(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'fil';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A file someone uploaded and the product keeps (evidence, fund attachments), sent so that no browser shows or
 * runs it in the product's origin: always a download, its type never sniffed, and sandboxed if opened anyway.
 */
export function sendStoredFile(reply: FastifyReply, file: { fileName: string; mediaType: string; bytes: Uint8Array }) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', attachmentHeader(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.bytes));
}

/** The one file of a multipart upload (field "file"), or a 400 naming what is wrong: not multipart, no file, too large. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ fileName: string; bytes: Uint8Array }> {
  if (!request.isMultipart()) throw invalid('/file', 'Skicka filen som multipart/form-data i fältet "file".');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw invalid('/file', 'Ingen fil kom med.');
  const tooLarge = () => invalid('/file', `Filen är för stor: högst ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB.`);
  const bytes = await part.toBuffer().catch((error: unknown) => {
    throw (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : error;
  });
  if (part.file.truncated) throw tooLarge();
  return { fileName: part.filename, bytes: new Uint8Array(bytes) };
}
