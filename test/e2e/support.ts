import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests need Debian's Chromium; in CI its absence fails the run, elsewhere the tests say why they skip. */
export function browserSkipReason(): string | false {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI) throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing (apt-get install -y chromium)`);
  return `${CHROMIUM} is missing (apt-get install -y chromium): browser tests did not run`;
}

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** The whole app (API + built web app) on a random port with a fresh demo database. */
export async function startApp(): Promise<RunningApp> {
  const store = await freshStore('pglite');
  const config = loadConfig({}, { DEMO: true, PORT: 0, HOST: '127.0.0.1', ...OFFLINE_SOURCES, ...TEST_LIMITS });
  const app = await buildServer({ db: store.db, store: store.kind, config, demo: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) in the page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, context = ''): Promise<void> {
  // Evaluated, not added as a script element: the app's content security policy forbids inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page; typed without the DOM library, which the server code must not see.
    const page = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const report = violations
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
  assert.equal(violations.length, 0, `axe found violations${context ? ` on ${context}` : ''}:\n${report}`);
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel(/användarnamn|username/i).fill(username);
  await page.getByLabel(/lösenord|password/i).fill(password);
  await page.getByRole('button', { name: /logga in|sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
}
