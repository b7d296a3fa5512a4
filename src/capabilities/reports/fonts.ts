/**
 * The Roboto fonts pdfmake ships in its virtual file system. Reports never depend on the machine's fonts: a fresh
 * server (or container) has none, and a PDF or chart with missing glyphs for å, ä and ö is worse than no report.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RobotoFace = 'Roboto-Regular.ttf' | 'Roboto-Medium.ttf' | 'Roboto-Italic.ttf' | 'Roboto-MediumItalic.ttf';

const require = createRequire(import.meta.url);
let vfs: Record<string, string> | undefined;
const buffers = new Map<RobotoFace, Buffer>();

/** One face as a buffer, decoded from pdfmake's base64 once per process (the file is 800 kB of JavaScript). */
export function roboto(face: RobotoFace): Buffer {
  let buffer = buffers.get(face);
  if (!buffer) {
    // vfs_fonts.js is CommonJS that assigns the table to module.exports (its bundled typing says otherwise).
    vfs ??= require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
    const base64 = vfs[face];
    if (!base64) throw new Error(`pdfmake's vfs_fonts has no ${face}`);
    buffer = Buffer.from(base64, 'base64');
    buffers.set(face, buffer);
  }
  return buffer;
}

let fontFiles: Promise<string[]> | undefined;

/**
 * The faces resvg needs, as files: resvg-js 2.6.2 only loads fonts from paths (fontBuffers came in a later
 * version). They go into a directory named by their content hash, so concurrent processes agree on the files and
 * a pdfmake upgrade gets a fresh directory; each is written under a temporary name and renamed so no reader sees
 * half a font.
 */
export function robotoFontFiles(): Promise<string[]> {
  fontFiles ??= writeFontFiles().catch((error: unknown) => {
    fontFiles = undefined;
    throw error;
  });
  return fontFiles;
}

async function writeFontFiles(): Promise<string[]> {
  const faces: RobotoFace[] = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf'];
  const hash = createHash('sha256');
  for (const face of faces) hash.update(roboto(face));
  const dir = join(tmpdir(), `delaktig-fonts-${hash.digest('hex').slice(0, 16)}`);
  await mkdir(dir, { recursive: true });
  return Promise.all(
    faces.map(async (face) => {
      const path = join(dir, face);
      const data = roboto(face);
      const existing = await stat(path).catch(() => null);
      if (existing?.size !== data.length) {
        const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temporary, data);
        await rename(temporary, path);
      }
      return path;
    }),
  );
}
