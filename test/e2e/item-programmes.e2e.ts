import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, type RunningApp } from './support.ts';

const skip = browserSkipReason();

async function startDemoApp(): Promise<RunningApp> {
  const store = await freshStore('pglite');
  const config = loadConfig({}, { DEMO: true, PORT: 0, HOST: '127.0.0.1', ...OFFLINE_SOURCES, ...TEST_LIMITS });
  const app = await buildServer({ db: store.db, store: store.kind, config, demo: true });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

async function sessionCookie(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  assert.equal(response.status, 200);
  return (response.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
}

async function call<T>(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

interface Task {
  id: string;
  cycleId: string;
  itemId: string | null;
  occurrence: string | null;
  item: { label: string; number: string | null };
}

describe('programme numbers beside a plan item and on the report screen, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let planId = '';
  let linked: Task;
  let unlinked: Task;
  before(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
    const coordinator = await sessionCookie(app.url, 'osteraker.samordnare');
    const reporter = await sessionCookie(app.url, 'osteraker.rapportor');
    const docs = (await (await fetch(`${app.url}/api/municipalities/0117/documents`)).json()) as { id: string }[];
    planId = docs[0]?.id as string;
    const cycle = await call<{ id: string }>(app.url, coordinator, 'POST', `/api/plans/${planId}/cycles`, {
      periodFrom: '2015-07-01',
      periodTo: '2015-12-31',
      deadline: '2016-01-31',
    });
    const mine = await call<{ tasks: Task[] }>(app.url, reporter, 'GET', '/api/my/tasks');
    const tasks = mine.tasks.filter((t) => t.cycleId === cycle.id && t.itemId !== null && t.occurrence === null);
    assert.ok(tasks.length >= 2, `the reporter has ${tasks.length} tasks`);
    [linked, unlinked] = tasks as [Task, Task];
    const me = await call<{ user: { unitIds: string[] } }>(app.url, reporter, 'GET', '/api/auth/me');
    const unitId = me.user.unitIds[0];

    // Registered in the programmes by the coordinator, linked to the reporter's item: one in the period, one after.
    const training = (title: string, date: string) => ({
      kind: 'workshop',
      title,
      date,
      participants: 14,
      units: [{ unitId }],
      itemIds: [linked.itemId],
    });
    await call(app.url, coordinator, 'POST', '/api/municipalities/0117/trainings', training('Workshop om mottagande', '2015-10-06'));
    await call(app.url, coordinator, 'POST', '/api/municipalities/0117/trainings', training('Temadag våren 2016', '2016-04-01'));
    const offer = await call<{ id: string }>(app.url, coordinator, 'POST', '/api/municipalities/0117/internships', {
      unitId,
      employer: null,
      tasks: 'Kontorsstöd',
      periodFrom: '2015-08-01',
      periodTo: null,
      places: 2,
      itemIds: [linked.itemId],
    });
    await call(app.url, coordinator, 'POST', `/api/internships/${offer.id}/placements`, { startDate: '2015-09-01', endDate: null });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const reference = (t: Task) => (t.item.number ? `${t.item.label} ${t.item.number}` : t.item.label);

  it('a reporter sees the numbers for her item and the period beside her report, in Swedish and English', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'osteraker.rapportor');
    await page.goto(`${app.url}/rapporter/${linked.id}`);
    await page.getByRole('heading', { level: 1, name: `Rapport: ${reference(linked)}`, exact: true }).waitFor();
    const card = page.getByRole('region', { name: 'Siffror från programmen' });
    await card.waitFor();
    await card.getByText('du behöver inte skriva in dem igen', { exact: false }).waitFor();
    await card.getByRole('heading', { level: 3, name: 'Utbildningar och evenemang' }).waitFor();
    await card.getByText('Workshop om mottagande').waitFor();
    await card.getByText(/1 enhet nådd, 14 deltagare/).waitFor();
    assert.equal(await card.getByText('Temadag våren 2016').count(), 0, 'a training after the period is not counted');
    await card.getByRole('heading', { level: 3, name: 'Praktikplatser (1 placering)' }).waitFor();
    await card.getByText(/Kontorsstöd: 2 platser, 1 placering/).waitFor();
    assert.equal(await card.getByRole('heading', { name: 'Projekt med integrationsmedel' }).count(), 0, 'empty sections are left out');
    await expectNoAxeViolations(page, 'the report with programme numbers (sv)');

    await page.locator('.site-header select').selectOption('en');
    await page.getByRole('region', { name: 'Numbers from the programmes' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await expectNoAxeViolations(page, 'the report with programme numbers (en)');
    await page.locator('.site-header select').selectOption('sv');

    // An item that nothing served: no section at all.
    await page.goto(`${app.url}/rapporter/${unlinked.id}`);
    await page.getByRole('heading', { level: 1, name: `Rapport: ${reference(unlinked)}`, exact: true }).waitFor();
    await settled(page);
    await page.getByRole('heading', { level: 2, name: /Bilagor/ }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Siffror från programmen' }).count(), 0);
    await context.close();
  });

  it('the plan shows under the item everything that served it, for the public too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/planer/${planId}`);
    await settled(page);
    const node = page.locator(`#item-${linked.itemId}`);
    const programmes = node.locator(':scope > .item-programmes');
    await programmes.getByText('Workshop om mottagande').waitFor();
    await programmes.getByText('Temadag våren 2016').waitFor();
    await programmes.getByText(/Praktikplatser \(1 placering\)/).waitFor();
    assert.equal(await page.locator(`#item-${unlinked.itemId} > .item-programmes`).count(), 0);
    await expectNoAxeViolations(page, 'the plan with programme numbers (sv)');
    await context.close();
  });
});
