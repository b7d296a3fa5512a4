import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';

/** A snapshot on disk is gzip-compressed JSON lines; these turn it into lines and back. */

/** A line writer onto a stream that waits when the stream asks it to (a slow disk or client never fills memory). */
export function lineWriter(stream: Writable): (line: string) => Promise<void> {
  return async (line) => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
}

/**
 * Writes to `<file>.partial` and renames it at the end, so a backup that fails half-way never leaves a file
 * that looks whole under the name the operator asked for.
 */
export async function writeGzipLines<T>(file: string, produce: (write: (line: string) => Promise<void>) => Promise<T>): Promise<T> {
  const partial = `${file}.partial`;
  await mkdir(dirname(file), { recursive: true });
  const gzip = createGzip();
  const out = createWriteStream(partial, { mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  try {
    const result = await produce(lineWriter(gzip));
    gzip.end();
    await done;
    await rename(partial, file);
    return result;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

export function readGzipLines(file: string): AsyncIterable<string> {
  const input = createReadStream(file).pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity });
}
