import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Shared by the client tests only: a real HTTP server on 127.0.0.1 serving the recorded fixtures. */
export const fixturesDir = new URL('./fixtures/', import.meta.url);

export function fixture(path: string): string {
  return readFileSync(new URL(path, fixturesDir), 'utf8');
}

export function fixtureBytes(path: string): Buffer {
  return readFileSync(new URL(path, fixturesDir));
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (to exercise the client's timeout). */
  hang?: boolean;
}

export interface FixtureServer {
  origin: string;
  /** Path and query of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFixtureServer(route: (path: string, req: IncomingMessage) => Reply | undefined): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const reply = route(path, req) ?? { status: 404, body: JSON.stringify({ detail: 'Not Found' }) };
    if (reply.hang) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was just free and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A `sleep` that records the back-off and Retry-After waits and returns at once. The tests run with a 1000/s
 * politeness limit, whose pauses of a millisecond or so are not recorded (http.test.ts checks the spacing).
 */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      if (ms >= 50) waits.push(ms);
    },
  };
}
