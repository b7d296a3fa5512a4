#!/usr/bin/env node
// Builds the web app (web/ → web/dist) with Vite. `--if-stale` skips the build when dist is newer than every source file,
// so `npm start` starts in seconds after the first build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  await buildWeb({ ifStale: process.argv.includes('--if-stale') });
}
