import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

describe('audit log: an administrator searches and exports it', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds a coordinator’s change by its text, shows from where it came, and downloads the selection as CSV', async () => {
    const coordinator = await (await browser.newContext()).newPage();
    await signIn(coordinator, app.url, 'laxa.samordnare');
    const status = await coordinator.evaluate(async () => {
      const res = await fetch('/api/municipalities/1860/units', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Granskningsenheten', kind: 'unit' }),
      });
      return res.status;
    });
    assert.equal(status, 201);
    await coordinator.context().close();

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, 'admin', 'admin-test-password');
    await page.goto(`${app.url}/admin/logg`);
    await page.getByRole('heading', { level: 1, name: 'Ändringslogg' }).waitFor();
    await page.getByLabel('Text i värdena').fill('Granskningsenheten');
    await page.getByLabel('Användarnamn').fill('laxa.samordnare');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('1 ändringar visas, nyast först.').waitFor();
    const row = page.locator('tbody tr');
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', /laxa\.samordnare.*127\.0\.0\.1.*1860/);
    await row.getByText('Visa').click();
    await row
      .getByText(/Granskningsenheten/)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'audit log with a search (sv)');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV (Excel)' }).click()]);
    assert.match(download.suggestedFilename(), /^andringslogg-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) as string, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 2, 'the header and the one change the search shows');
    assert.match(lines[1] ?? '', /laxa\.samordnare,127\.0\.0\.1,1860,/);

    await page.getByLabel('Från och med').fill('2000-01-01');
    await page.getByLabel('Till och med').fill('2000-12-31');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Inga ändringar matchar sökningen.').waitFor();
    await page.getByRole('button', { name: 'Rensa' }).click();
    await page.getByText(/\d+ ändringar visas/).waitFor();
    await context.close();
  });

  it('has no axe violations in English, and a coordinator cannot open it', async () => {
    const context = await browser.newContext();
    await context.addInitScript(`localStorage.setItem('delaktig.lang', 'en')`);
    const page = await context.newPage();
    await signIn(page, app.url, 'admin', 'admin-test-password');
    await page.goto(`${app.url}/admin/logg`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByText(/changes shown/).waitFor();
    await expectNoAxeViolations(page, 'audit log (en)');
    await context.close();

    const other = await browser.newContext();
    const coordinator = await other.newPage();
    await signIn(coordinator, app.url, 'laxa.samordnare');
    await coordinator.goto(`${app.url}/admin/logg`);
    await coordinator.getByText(/administratörer/).waitFor();
    await other.close();
  });
});
