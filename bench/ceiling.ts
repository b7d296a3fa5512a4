import { createServer } from 'node:http';

/**
 * The ceiling a public read is measured against: a bare `node:http` server answering from memory with the same bytes
 * (status, headers, body) the real server sent, and a 304 when If-None-Match names the response's ETag, as the real
 * server does. Nothing else: no routing framework, no hooks, no logging. What the real server reaches of this
 * server's throughput on the same machine is the share its framework and bookkeeping leave (docs/performance.md).
 */
export interface CeilingResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers a 304 repeats from the full response (RFC 9110 §15.4.5); the body's own headers are left out. */
const KEPT_ON_304 = new Set(['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary']);

/** Whether If-None-Match names this ETag (a list, weak forms and `*`, as the real server reads it). */
function matches(header: string | undefined, etag: string | undefined): boolean {
  if (!header || !etag) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Serves `responses` keyed by request URL (path and query). A key may end in ` gzip` for the response to a request
 * whose Accept-Encoding names gzip; that one is preferred when the request accepts gzip.
 */
export async function startCeilingServer(responses: Map<string, CeilingResponse>, port: number): Promise<{ close(): Promise<void> }> {
  // Header arrays prepared once: the server's work per request is a lookup and a write.
  const prepared = new Map<string, { status: number; headers: string[]; notModified: string[]; etag: string | undefined; body: Buffer }>();
  for (const [key, response] of responses) {
    const headers = Object.entries(response.headers)
      .filter(([name]) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'].includes(name.toLowerCase()))
      .map(([name, value]): [string, string] => [name.toLowerCase(), value]);
    headers.push(['content-length', String(response.body.length)]);
    prepared.set(key, {
      status: response.status,
      // writeHead takes names and values in one flat list.
      headers: headers.flat(),
      notModified: headers.filter(([name]) => KEPT_ON_304.has(name)).flat(),
      etag: response.headers.etag ?? response.headers.ETag,
      body: response.body,
    });
  }
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const found = (gzip ? prepared.get(`${url} gzip`) : undefined) ?? prepared.get(url);
    if (!found) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': '9' });
      response.end('Not found');
      return;
    }
    if (found.status === 200 && matches(request.headers['if-none-match'], found.etag)) {
      response.writeHead(304, found.notModified);
      response.end();
      return;
    }
    response.writeHead(found.status, found.headers);
    response.end(request.method === 'HEAD' ? undefined : found.body);
  });
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
