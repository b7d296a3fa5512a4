import { fileTypeFromBuffer } from 'file-type';
import JSZip from 'jszip';
import { AppError } from '../../kernel/errors.ts';
import { extractDocx } from './extract-docx.ts';
import { extractPdf } from './extract-pdf.ts';
import { extractTxt } from './extract-txt.ts';
import type { SourceDocument } from './source.ts';

/** Larger than any plan; a bigger upload is a scan or a mistake, and parsing it would only hold the server up. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const ACCEPTED = 'Välj ett Word-dokument (.docx), en PDF (.pdf) eller en textfil (.txt).';

/**
 * Reads an uploaded plan whatever its name says: the bytes decide the format, since files are often renamed,
 * mailed without an extension or saved as .doc by a newer Word.
 */
export async function extractSource(bytes: Uint8Array, fileName: string): Promise<SourceDocument> {
  if (bytes.length === 0) throw new AppError('validation', 'Filen är tom.');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError('validation', `Filen är för stor (${Math.ceil(bytes.length / 1024 / 1024)} MB). Den får vara högst 20 MB.`);
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return extractPdf(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new AppError(
      'validation',
      `Filen är i det äldre Word-formatet (.doc), som inte kan läsas. Spara den som .docx i Word och försök igen. ${ACCEPTED}`,
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const kind = await zipKind(bytes);
    if (kind === 'docx') return extractDocx(bytes);
    if (kind === 'odt') {
      throw new AppError(
        'validation',
        `Filen är ett OpenDocument-dokument (.odt), som inte kan läsas. Spara den som .docx och försök igen. ${ACCEPTED}`,
      );
    }
    if (kind === 'zip') throw new AppError('validation', `Filen är ett zip-arkiv men inget Word-dokument. ${ACCEPTED}`);
    // An unreadable zip that calls itself .docx gets the Word reader's own explanation.
    if (/\.docx$/iu.test(fileName)) return extractDocx(bytes);
    throw new AppError('validation', `Filen kunde inte läsas. ${ACCEPTED}`);
  }
  const text = decodeText(bytes);
  if (text === null) {
    const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
    const what = type ? `Filen är av typen ${type.ext}, som inte kan läsas.` : 'Filen är varken ett Word-dokument, en PDF eller text.';
    throw new AppError('validation', `${what} ${ACCEPTED}`);
  }
  if (text.trim() === '') throw new AppError('validation', 'Filen är tom.');
  return extractTxt(text);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** What a zip holds, read from its central directory names without unpacking anything. */
async function zipKind(bytes: Uint8Array): Promise<'docx' | 'odt' | 'zip' | 'unreadable'> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    if (zip.file('word/document.xml')) return 'docx';
    const mimetype = await zip.file('mimetype')?.async('string');
    if (mimetype?.startsWith('application/vnd.oasis.opendocument')) return 'odt';
    return 'zip';
  } catch {
    return 'unreadable';
  }
}

/** UTF-8 (BOM dropped) or UTF-16 with a BOM; null for anything that is not text. */
function decodeText(bytes: Uint8Array): string | null {
  try {
    if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    if (bytes.includes(0)) return null;
    // TextDecoder drops a UTF-8 BOM by itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
