import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/plan-import/${name}`, import.meta.url));

async function documentCount(app: RunningApp, page: Page, code: string): Promise<number> {
  const cookies = await page.context().cookies();
  const response = await fetch(`${app.url}/api/municipalities/${code}/documents`, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  return ((await response.json()) as unknown[]).length;
}

async function upload(page: Page, file: string): Promise<void> {
  await page.getByLabel('Planens dokument').setInputFiles(fixture(file));
  await page.getByRole('button', { name: 'Läs dokumentet' }).click();
}

describe('a coordinator imports the plan the municipality already has, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it("reads Laxå's plan, is reviewed beside the source, edited and saved as a new plan", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    const before = await documentCount(app, page, '1860');
    await page.goto(`${app.url}/kommuner/1860`);
    await page.getByRole('link', { name: 'Importera plan från dokument' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importera plan från dokument' }).waitFor();
    await page.getByText('Inget sparas förrän du trycker på ”Spara planen”.').waitFor();
    await expectNoAxeViolations(page, 'the upload step');

    await upload(page, 'laxa-integrationsplan-2015-2018.txt');
    await page.getByRole('heading', { level: 2, name: '2. Granska och rätta' }).waitFor();
    const source = page.getByRole('region', { name: 'Dokumentets text med markerade punkter' });
    await source
      .getByText(/Kvartalsvisa samtal med Sydnärkes utbildningsförbund/)
      .first()
      .waitFor();
    assert.ok((await source.locator('mark.src').count()) > 5, 'the extracted items are marked in the source');

    // A goal's activity from Delmål 1 is in the tree; selecting it marks its place in the source.
    const sfi = page.locator('button.import-node-button', { hasText: 'Kvartalsvisa samtal med Sydnärkes utbildningsförbund' }).first();
    await sfi.click();
    assert.equal(await sfi.getAttribute('aria-expanded'), 'true');
    await source
      .locator('mark.selected', { hasText: /Kvartalsvisa samtal/ })
      .first()
      .waitFor();
    await page.locator('.import-node.selected .badge').first().waitFor();

    await expectNoAxeViolations(page, 'the review, in Swedish');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 2, name: '2. Review and correct' }).waitFor();
    await expectNoAxeViolations(page, 'the review, in English');
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { level: 2, name: '2. Granska och rätta' }).waitFor();

    // The next activity one level down and back up, by keyboard; then a merge, undone.
    const handledare = page.locator('button.import-node-button', { hasText: 'Genomföra handledarutbildningar' }).first();
    await handledare.focus();
    await page.keyboard.press('Enter');
    const tools = page.locator('.node-editor').getByRole('group', { name: /^Åtgärder för / });
    await tools.getByRole('button', { name: /Nivå ner/ }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /en nivå ner/ })
      .waitFor();
    assert.equal(
      await page
        .locator('.import-node .import-node .import-node button.import-node-button', { hasText: 'Genomföra handledarutbildningar' })
        .count(),
      1,
    );
    await tools.getByRole('button', { name: /Nivå upp/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /en nivå upp/ })
      .waitFor();
    await tools.getByRole('button', { name: 'Slå ihop med nästa' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /ihopslagen med nästa/ })
      .waitFor();
    await page.getByRole('button', { name: /^Ångra: / }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Ångrat: / })
      .waitFor();

    // A unit the municipality lacks: named on the item, then created as an external partner when saved.
    const again = page.locator('button.import-node-button', { hasText: 'Genomföra handledarutbildningar' }).first();
    if ((await again.getAttribute('aria-expanded')) !== 'true') await again.click();
    await page.locator('.node-editor').getByLabel('Lägg till ansvarig').fill('Handledarnätverket Sydnärke');
    await page.locator('.node-editor').getByRole('button', { name: 'Lägg till', exact: true }).click();
    const units = page.getByRole('region', { name: 'Enheter som saknas' });
    await units.getByText('Handledarnätverket Sydnärke', { exact: true }).waitFor();
    const row = units.locator('li', { hasText: 'Handledarnätverket Sydnärke' });
    await row.getByLabel('Skapas som').selectOption('partner');

    // A malformed date is caught before anything is sent, and the message leads to the field.
    const due = page.locator('.node-editor').getByLabel('Senast', { exact: true });
    const dueBefore = await due.inputValue();
    await due.fill('snart');
    await page.getByRole('button', { name: 'Spara planen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Rätta 1 fält innan du sparar' }).waitFor();
    await page.getByRole('button', { name: /Skriv ett år \(2016\) eller ett datum/ }).click();
    assert.equal(await due.evaluate((el) => el === el.ownerDocument.activeElement), true);
    assert.equal(await due.getAttribute('aria-invalid'), 'true');
    await due.fill(dueBefore);
    await page.getByLabel('Titel', { exact: true }).fill('Integrationsplan Laxå kommun 2015-2018 (importerad)');
    await page.getByRole('button', { name: 'Spara planen' }).click();
    await page.getByRole('heading', { name: 'Planen är sparad' }).waitFor();
    await page.getByText(/Nya enheter: .*Handledarnätverket Sydnärke/).waitFor();
    assert.equal(await documentCount(app, page, '1860'), before + 1);
    await page.getByRole('link', { name: 'Öppna planen' }).click();
    await page.waitForURL(/\/planer\/[0-9a-f-]+$/);
    await page.getByRole('heading', { level: 1, name: /\(importerad\)/ }).waitFor();
    await page
      .getByText(/Kvartalsvisa samtal med Sydnärkes utbildningsförbund/)
      .first()
      .waitFor();
    await page.context().close();
  });

  it('reads a Word document too', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(`${app.url}/kommuner/1860/importera`);
    await upload(page, 'laxa-integrationsplan-2015-2018.docx');
    await page.getByRole('heading', { level: 2, name: '2. Granska och rätta' }).waitFor();
    await page.getByText(/laxa-integrationsplan-2015-2018\.docx \(DOCX/).waitFor();
    await page.locator('button.import-node-button', { hasText: 'Kvartalsvisa samtal med Sydnärkes utbildningsförbund' }).first().waitFor();
    assert.ok((await page.locator('.source-text mark.src').count()) > 5);
    await page.context().close();
  });

  it('says clearly what is wrong with a bad file and saves nothing', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    const before = await documentCount(app, page, '1860');
    await page.goto(`${app.url}/kommuner/1860/importera`);
    for (const file of ['empty.txt', 'corrupt.docx']) {
      await upload(page, file);
      const alert = page.getByRole('alert').filter({ hasText: /\S/ });
      await alert.waitFor();
      const text = await alert.innerText();
      assert.ok(text.length > 10, `a message for ${file}: ${text}`);
      assert.doesNotMatch(text, /oväntat fel/i, `${file} is refused with its reason, not as a crash`);
      assert.equal(await page.getByRole('heading', { name: '2. Granska och rätta' }).count(), 0);
    }
    await expectNoAxeViolations(page, 'the upload step with an error');
    assert.equal(await documentCount(app, page, '1860'), before, 'nothing was saved');
    await page.context().close();
  });

  it('offers the import only to those who may edit plans', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, 'laxa.lasare');
    await page.goto(`${app.url}/kommuner/1860`);
    await page.getByRole('heading', { level: 1, name: 'Laxå' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Importera plan från dokument' }).count(), 0);
    await page.goto(`${app.url}/kommuner/1860/importera`);
    await page.getByText('Bara kommunens samordnare och administratörer kan importera planer.').waitFor();
    await page.context().close();
  });
});
