#!/usr/bin/env node
// Builds the web app (web/ → web/dist) with Vite, and run as a script the server bundle too (scripts/build-server.mjs).
// `--if-stale` skips each build whose output is newer than every source file, so `npm start` starts in seconds after
// the first build: the check only reads file times, and Vite and esbuild are loaded only to build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerBundle } from './build-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

export async function buildWeb({ ifStale = false, quiet = false } = {}) {
  const marker = join(web, 'dist', 'index.html');
  if (ifStale && existsSync(marker) && statSync(marker).mtimeMs >= newest(web)) return false;
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  if (!quiet) console.log(`Web app built in ${Date.now() - started} ms`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  await buildWeb({ ifStale });
  await buildServerBundle({ ifStale });
}
