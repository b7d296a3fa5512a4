#!/usr/bin/env node
// Runs the whole suite in one `node --test` process tree so its closing summary counts every test:
// unit tests (src/**/*.test.ts), API tests on PGlite and PostgreSQL (src/**/*.api.test.ts), browser tests (test/e2e).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './build-web.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tier = process.argv[2] ?? 'all';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const all = [...walk(join(root, 'src')), ...walk(join(root, 'test'))].map((p) => relative(root, p)).sort();
const unit = all.filter((f) => f.endsWith('.test.ts') && !f.endsWith('.api.test.ts'));
const api = all.filter((f) => f.endsWith('.api.test.ts'));
const e2e = all.filter((f) => f.endsWith('.e2e.ts'));
const files = { unit, api, e2e, all: [...unit, ...api, ...e2e] }[tier];
if (!files) {
  console.error(`Unknown test tier "${tier}": use unit, api, e2e or nothing for all.`);
  process.exit(2);
}
if (files.length === 0) {
  console.error(`No test files found for "${tier}".`);
  process.exit(1);
}
if (tier === 'all' || tier === 'e2e') await buildWeb({ ifStale: true, quiet: true });

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
