import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The public pages' only assets: one stylesheet and the fonts for the scripts a phone may lack (Arabic for Arabic
 * and Dari, Ethiopic for Tigrinya). Each is named by its content hash, so it is cached for a year and a new
 * version gets a new name. Fonts are declared with a unicode-range: a page downloads one only when it shows that script.
 */
const require = createRequire(import.meta.url);

interface Asset {
  body: Buffer;
  gzipped: Buffer | null;
  type: string;
  hash: string;
}

function asset(body: Buffer, type: string, compress: boolean): Asset {
  return {
    body,
    gzipped: compress ? gzipSync(body, { level: 9 }) : null,
    type,
    hash: createHash('sha256').update(body).digest('hex').slice(0, 12),
  };
}

const fontFiles = {
  'noto-sans-arabic-400': '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2',
  'noto-sans-arabic-700': '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2',
  'noto-sans-ethiopic-400': '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-400-normal.woff2',
  'noto-sans-ethiopic-700': '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-700-normal.woff2',
} as const;

// The unicode ranges @fontsource declares for these subsets.
const arabicRange =
  'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC';
const ethiopicRange = 'U+1200-1399, U+2D80-2DDE, U+AB01-AB2E, U+1E7E0-1E7FE';

const fonts = Object.fromEntries(
  Object.entries(fontFiles).map(([name, file]) => [name, asset(readFileSync(require.resolve(file)), 'font/woff2', false)]),
) as Record<keyof typeof fontFiles, Asset>;

function fontUrl(name: keyof typeof fontFiles): string {
  return `/portal/fonts/${name}.${fonts[name].hash}.woff2`;
}

function fontFaces(): string {
  const faces: [string, keyof typeof fontFiles, number, string][] = [
    ['Noto Sans Arabic', 'noto-sans-arabic-400', 400, arabicRange],
    ['Noto Sans Arabic', 'noto-sans-arabic-700', 700, arabicRange],
    ['Noto Sans Ethiopic', 'noto-sans-ethiopic-400', 400, ethiopicRange],
    ['Noto Sans Ethiopic', 'noto-sans-ethiopic-700', 700, ethiopicRange],
  ];
  return faces
    .map(
      ([family, name, weight, range]) =>
        `@font-face{font-family:"${family}";font-style:normal;font-display:swap;font-weight:${weight};src:url(${fontUrl(name)}) format("woff2");unicode-range:${range}}`,
    )
    .join('\n');
}

const stylesheet = asset(
  Buffer.from(`${fontFaces()}\n${readFileSync(join(dirname(new URL(import.meta.url).pathname), 'portal.css'), 'utf8')}`),
  'text/css; charset=utf-8',
  true,
);

export function stylesheetHref(): string {
  return `/portal/portal.${stylesheet.hash}.css`;
}

/** Bytes a public page's stylesheet costs on the wire, for the size checks. */
export function stylesheetSize(): { raw: number; gzip: number } {
  return { raw: stylesheet.body.length, gzip: stylesheet.gzipped?.length ?? stylesheet.body.length };
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, found: Asset | undefined, hash: string) {
  if (!found || found.hash !== hash) return reply.code(404).type('text/plain; charset=utf-8').send('Ingen sådan fil.');
  reply.header('cache-control', 'public, max-age=31536000, immutable').header('access-control-allow-origin', '*');
  reply.header('etag', `"${found.hash}"`).type(found.type);
  if (request.headers['if-none-match'] === `"${found.hash}"`) return reply.code(304).send();
  if (found.gzipped && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding').send(found.gzipped);
  }
  return reply.send(found.body);
}

export function registerPortalAssets(app: FastifyInstance): void {
  app.get<{ Params: { hash: string } }>('/portal/portal.:hash.css', { schema: { hide: true } }, (request, reply) =>
    sendAsset(request, reply, stylesheet, request.params.hash),
  );
  app.get<{ Params: { name: string; hash: string } }>('/portal/fonts/:name.:hash.woff2', { schema: { hide: true } }, (request, reply) =>
    sendAsset(request, reply, fonts[request.params.name as keyof typeof fontFiles], request.params.hash),
  );
}
