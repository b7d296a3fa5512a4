#!/usr/bin/env node
// Runs the server bundle (dist/server, built by `npm start`, `npm run build` and `npm install`) while it is newer than
// every source file: loading it takes a fraction of transforming the sources. Otherwise the TypeScript sources run
// through tsx, so there is no build step between a clone and a running server, and an edited source is never shadowed
// by an old bundle (tests and `npm run dev` after an edit run the sources).
import { freshBundle } from '../scripts/build-server.mjs';

const bundle = freshBundle();
let cli;
if (bundle) {
  // The sources' stack traces point at the .ts files under tsx; the bundle's do too, through its source map.
  process.setSourceMapsEnabled(true);
  cli = await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
