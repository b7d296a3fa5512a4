#!/usr/bin/env node
// Bundles the server's TypeScript sources (src/ → dist/server) with esbuild, so `npm start` does not pay for tsx
// transforming some 300 files on every start. Only our sources are bundled: packages stay external and load from
// node_modules as they do under tsx. bin/delaktig.mjs runs the bundle only while it is newer than every file in src/
// (and than this script); otherwise it runs the sources through tsx, so tests and `npm run dev` never see old code.
// `--if-stale` skips the build when the bundle is fresh. This module imports nothing heavy at its top: bin reads
// `freshBundle()` on every start.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const outdir = join(root, 'dist', 'server');
const entry = join(outdir, 'cli.mjs');
const thisScript = fileURLToPath(import.meta.url);

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

/** The bundle's entry (a file: URL string) when it is newer than every source file and this script; else null. */
export function freshBundle() {
  if (!existsSync(entry)) return null;
  const built = statSync(entry).mtimeMs;
  for (const file of [thisScript, join(root, 'tsconfig.json')]) if (statSync(file).mtimeMs > built) return null;
  if (newest(src) > built) return null;
  return new URL('../dist/server/cli.mjs', import.meta.url).href;
}

/**
 * Inside a bundle `import.meta.url` would be the bundle's address, and the sources use it to find files beside them
 * (data/, portal.css, the PDF worker, fonts through createRequire). Each source file's own address is put back,
 * relative to the bundle so that a moved checkout still works.
 */
const sourceAddresses = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const loader = args.path.endsWith('.tsx') ? 'tsx' : 'ts';
      if (!text.includes('import.meta')) return { contents: text, loader };
      if (/import\.meta\.(dirname|filename|resolve)\b/.test(text))
        throw new Error(`${args.path}: import.meta.dirname/filename/resolve are not rewritten for the bundle; use import.meta.url`);
      const fromBundle = relative(outdir, args.path).split(sep).join('/');
      return {
        contents: text.replaceAll(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader,
      };
    });
  },
};

export async function buildServerBundle({ ifStale = false, quiet = false } = {}) {
  if (ifStale && freshBundle()) return false;
  const started = Date.now();
  const { build } = await import('esbuild');
  // Old chunks have content-hashed names: remove them rather than let them pile up.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(src, 'cli.ts')],
    outdir,
    bundle: true,
    // Dynamic imports (the report renderers, the plan importer) stay separate chunks, loaded when first used.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside the entry: the addresses the plugin writes are relative to that one folder.
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    // Stack traces name the source files, and function names survive for logs.
    keepNames: true,
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [sourceAddresses],
    logLevel: 'warning',
  });
  if (!quiet) console.log(`Server built in ${Date.now() - started} ms (${relative(root, outdir)})`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildServerBundle({ ifStale: process.argv.includes('--if-stale') });
}
