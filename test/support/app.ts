import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import type { StoreKind } from '../../src/db/database.ts';
import { freshStore, type TestStore } from './stores.ts';

export interface TestApp {
  app: FastifyInstance;
  store: TestStore;
  close(): Promise<void>;
  /** Signs in and returns the cookie header to send with later requests. */
  login(username: string, password?: string): Promise<string>;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options?: { cookie?: string; body?: unknown },
  ): Promise<LightMyRequestResponse>;
}

/** Tests never touch the network: official sources point at a closed local port unless a test serves fixtures. */
export const TEST_LIMITS = { SIGN_IN_LIMIT_PER_MINUTE: 10_000, PUBLIC_WRITE_LIMIT_PER_MINUTE: 10_000 };

export const OFFLINE_SOURCES = { KOLADA_URL: 'http://127.0.0.1:9/v3', SCB_URL: 'http://127.0.0.1:9/api/v2' };

export async function startTestApp(kind: StoreKind, overrides: Partial<Config> = {}): Promise<TestApp> {
  const store = await freshStore(kind);
  // Background workers off: API tests run jobs and reminders themselves, on their own clock.
  // Tests sign in far more often than people do; the limits themselves are tested with their defaults (security.api.test.ts).
  const config = loadConfig({}, { DEMO: true, WORKER_INTERVAL_MS: 0, ...OFFLINE_SOURCES, ...TEST_LIMITS, ...overrides });
  const app = await buildServer({ db: store.db, store: store.kind, config, demo: true });
  const request: TestApp['request'] = (method, url, options = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(options.cookie ? { cookie: options.cookie } : {}) },
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
  return {
    app,
    store,
    request,
    close: async () => {
      await app.close();
      await store.close();
    },
    login: async (username, password = 'demo') => {
      const res = await request('POST', '/api/auth/login', { body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'delaktig_session');
      if (!cookie) throw new Error('no session cookie');
      return `delaktig_session=${cookie.value}`;
    },
  };
}
