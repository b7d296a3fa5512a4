import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Download } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

describe('a plan to a spreadsheet and back, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('downloads the CSV, imports it with one text changed and shows the change on the plan', async () => {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    const docs = (await (await fetch(`${app.url}/api/municipalities/1860/documents`)).json()) as { id: string }[];
    await page.goto(`${app.url}/planer/${docs[0]?.id}`);
    await page.getByRole('heading', { level: 1, name: /Integrationsplan Laxå/ }).waitFor();

    const panel = page.locator('details.plan-spreadsheet');
    await panel.locator('summary').focus();
    await page.keyboard.press('Enter');
    const [download]: [Download, void] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('link', { name: /CSV/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /punkter\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const original = 'Kvartalsvisa samtal med Sydnärkes utbildningsförbund angående SFI';
    assert.ok(csv.includes(original));
    const edited = csv.replace(original, 'Kvartalsvisa samtal med utbildningsförbundet om SFI och praktik');

    const file = panel.getByLabel('Fil att läsa in (.xlsx eller .csv)');
    await file.setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
    await panel.getByRole('button', { name: 'Kontrollera' }).click();
    await panel.getByText(/ingenting är sparat än: 1 ändrade, 0 nya, 0 borttagna, 0 flyttade, \d+ oförändrade/).waitFor();
    await expectNoAxeViolations(page, 'the spreadsheet form with a checked file');

    await panel.getByRole('button', { name: 'Importera' }).click();
    await panel.getByText(/Filen är inläst: 1 ändrade/).waitFor();
    await page.locator('li.node', { hasText: 'Kvartalsvisa samtal med utbildningsförbundet om SFI och praktik' }).first().waitFor();
    await expectNoAxeViolations(page, 'the plan after the import');

    // A broken file: the problems by row and column, and nothing saved.
    const lines = edited.split('\r\n');
    const at = lines.findIndex((l) => l.includes('utbildningsförbundet om SFI och praktik'));
    const fields = (lines[at] as string).split(';');
    fields[9] = 'snart'; // klart senast
    lines[at] = fields.join(';');
    const broken = lines.join('\r\n');
    await file.setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await panel.getByRole('button', { name: 'Importera' }).click();
    const table = panel.getByRole('table', { name: /fel i filen/i });
    await table.waitFor();
    assert.match((await table.textContent()) ?? '', /klart senast.*”snart” är varken ett år eller ett datum/);
    await expectNoAxeViolations(page, 'the problems table');
    await page.context().close();
  });
});
