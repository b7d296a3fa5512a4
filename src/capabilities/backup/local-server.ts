import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded store belongs to one process: while the server runs, a second process must not open its files.
 * The server therefore leaves a note in DATA_DIR (its address and a one-time secret, readable only by the
 * account that runs it), and `delaktig backup` asks the running server for the snapshot instead.
 */
export interface LocalServer {
  pid: number;
  url: string;
  token: string;
}

export const LOCAL_TOKEN_HEADER = 'x-delaktig-local-token';

const noteFile = (dataDir: string) => join(dataDir, 'server.json');

export const newLocalToken = () => randomBytes(32).toString('base64url');

export function announceServer(dataDir: string, url: string, token: string): { withdraw(): void } {
  const file = noteFile(dataDir);
  writeFileSync(file, JSON.stringify({ pid: process.pid, url, token } satisfies LocalServer), { mode: 0o600 });
  return { withdraw: () => rmSync(file, { force: true }) };
}

/** The server running on this data directory, if its note is there and its process is alive. */
export function runningServer(dataDir: string): LocalServer | null {
  let note: LocalServer;
  try {
    note = JSON.parse(readFileSync(noteFile(dataDir), 'utf8')) as LocalServer;
  } catch {
    return null;
  }
  try {
    process.kill(note.pid, 0);
    return note;
  } catch {
    return null;
  }
}

export function tokenMatches(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
