/** What the public and the staff pages make a browser download in script and style, as the server sends them. */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

export interface Download {
  url: string;
  kind: 'script' | 'stylesheet' | 'html';
  /** Bytes on the wire with `Accept-Encoding: br, gzip`. */
  wireBytes: number;
  /** Bytes once decoded. */
  bytes: number;
  encoding: string;
}

export interface PageCost {
  page: string;
  html: Download;
  scripts: Download[];
  stylesheets: Download[];
  scriptWireBytes: number;
  styleWireBytes: number;
  /** The same, if the server compressed what it sends uncompressed (gzip -9): what compression would save. */
  scriptGzipBytes: number;
}

function fetchWire(url: string): Promise<{ status: number; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks),
          encoding: String(response.headers['content-encoding'] ?? 'identity'),
        }),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

function decode(body: Buffer, encoding: string): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  return body;
}

async function download(url: string, kind: Download['kind']): Promise<Download & { text: Buffer }> {
  const answer = await fetchWire(url);
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
  const text = decode(answer.body, answer.encoding);
  return { url, kind, wireBytes: answer.body.length, bytes: text.length, encoding: answer.encoding, text };
}

/**
 * Loads a page and every script and stylesheet its HTML names (and, for the staff app, the modules it preloads),
 * as a browser on first visit would. Chunks loaded later on demand are not counted: they are not part of the page.
 */
export async function pageCost(baseUrl: string, path: string): Promise<PageCost> {
  const html = await download(`${baseUrl}${path}`, 'html');
  const source = html.text.toString('utf8');
  const scriptUrls = [
    ...source.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...source.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => new URL(m[1] as string, `${baseUrl}${path}`).toString());
  const styleUrls = [...source.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    new URL(m[1] as string, `${baseUrl}${path}`).toString(),
  );
  const scripts = await Promise.all([...new Set(scriptUrls)].map((u) => download(u, 'script')));
  const stylesheets = await Promise.all([...new Set(styleUrls)].map((u) => download(u, 'stylesheet')));
  const strip = ({ text, ...d }: Download & { text: Buffer }): Download => (void text, d);
  return {
    page: path,
    html: strip(html),
    scripts: scripts.map(strip),
    stylesheets: stylesheets.map(strip),
    scriptWireBytes: scripts.reduce((n, s) => n + s.wireBytes, 0),
    styleWireBytes: stylesheets.reduce((n, s) => n + s.wireBytes, 0),
    scriptGzipBytes: scripts.reduce((n, s) => n + gzipSync(s.text, { level: 9 }).length, 0),
  };
}
