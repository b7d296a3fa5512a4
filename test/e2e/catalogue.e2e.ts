import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedDemoCatalogue } from '../../src/capabilities/catalogue/demo.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, type RunningApp } from './support.ts';

const skip = browserSkipReason();

/** The whole app with a fresh demo database and the demo catalogue. */
async function startCatalogueApp(): Promise<RunningApp> {
  const store = await freshStore('pglite');
  await seedDemoCatalogue(store.db);
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

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

function inDays(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('activity catalogue, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startCatalogueApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a visitor searches by language and category, sees the list, the calendar and the feed, on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/kommuner/1860`);
    await page.getByRole('link', { name: 'Aktiviteter för föreningar och kommun' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aktiviteter i Laxå' }).waitFor();
    await settled(page);
    await page.getByRole('link', { name: 'Fotboll för alla' }).waitFor();
    await expectNoAxeViolations(page, 'the catalogue (sv)');

    await page.getByLabel('Språk som talas').selectOption('ti');
    await page.getByLabel('Kategori').selectOption('language');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('1 aktivitet hittades.').waitFor();
    await page.getByRole('link', { name: 'Språkcafé på biblioteket' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Fotboll för alla' }).count(), 0);
    assert.match(page.url(), /language=ti/);
    const card = page.locator('.cards li').first();
    await card.getByText('exempel', { exact: true }).waitFor();

    const ics = page.getByRole('link', { name: 'Prenumerera på kalendern (iCalendar)' });
    const href = (await ics.getAttribute('href')) ?? '';
    assert.match(href, /^\/api\/municipalities\/1860\/activities\.ics\?/);
    assert.match(href, /language=ti/);
    assert.match(href, /category=language/);
    const feed = await (await fetch(`${app.url}${href}`)).text();
    assert.match(feed, /^BEGIN:VCALENDAR/);
    assert.match(feed, /SUMMARY:Språkcafé på biblioteket/);
    assert.match(feed, /STATUS:CANCELLED/);
    assert.doesNotMatch(feed, /Fotboll/);

    await page.getByRole('button', { name: 'Kalender', exact: true }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    assert.ok((await table.getByRole('link', { name: /Språkcafé på biblioteket/ }).count()) >= 1);
    assert.ok(
      (await page.evaluate(
        () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
      )) <= 375,
      'fits a 375 px screen',
    );
    await expectNoAxeViolations(page, 'the calendar (sv)');
    // The next month is one keypress away.
    await page.getByRole('button', { name: /Nästa månad/ }).focus();
    await page.keyboard.press('Enter');
    await table.locator('caption').waitFor();

    await page.getByRole('button', { name: 'Lista', exact: true }).click();
    await page.getByRole('link', { name: 'Språkcafé på biblioteket' }).click();
    await page.getByRole('heading', { level: 1, name: /Språkcafé på biblioteket/ }).waitFor();
    await page.getByText('Inställt').first().waitFor();
    await page.getByRole('link', { name: 'Delmål 2, Aktivitet 1' }).waitFor();
    await expectNoAxeViolations(page, 'an activity (sv)');
    // The plan shows, under the item, how many catalogue activities were held each year.
    await page.getByRole('link', { name: 'Delmål 2, Aktivitet 1' }).click();
    await page
      .locator('.item-programmes')
      .filter({ hasText: 'Aktiviteter i katalogen' })
      .getByText(/2016: 3 aktiviteter/)
      .first()
      .waitFor();
    await context.close();
  });

  it('a unit reporter submits, the coordinator publishes, the visitor finds it', async () => {
    const title = 'Schackcafé för alla';
    const reporter = await browser.newContext();
    const page = await reporter.newPage();
    await signIn(page, app.url, 'laxa.rapportor');
    await page.goto(`${app.url}/kommuner/1860/aktiviteter`);
    await page.getByRole('link', { name: 'Mina aktiviteter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina aktiviteter i Laxå' }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Ny aktivitet' }).click();
    const form = page.getByRole('form', { name: 'Ny aktivitet' });
    await form.getByLabel('Rubrik', { exact: true }).fill(title);
    await form.getByLabel('Beskrivning', { exact: true }).fill('<p>Vi spelar schack.</p><script>alert(1)</script>');
    await form.getByLabel('Kategori').selectOption('meeting');
    await form.getByLabel('ukrainska').check();
    await form.getByLabel('Plats', { exact: true }).fill('Fritidsgården');
    await form.getByLabel('Datum (första gången)').fill(inDays(3));
    await form.getByLabel('Upprepas').selectOption('FREQ=WEEKLY');
    // The plan item it serves: found with the filter, ticked.
    const picker = form.getByRole('group', { name: 'Punkter i planen som aktiviteten bidrar till' });
    await picker.getByLabel('Filtrera punkterna').fill('Delmål 2, Aktivitet 1');
    await picker.getByRole('checkbox', { name: /^Delmål 2, Aktivitet 1 / }).check();
    await picker.getByText('1 punkt vald').waitFor();
    await expectNoAxeViolations(page, 'the submit form (sv)');
    await form.getByRole('button', { name: 'Skicka för granskning' }).click();
    await page.getByText('Skickad för granskning.').waitFor();
    const mine = page.locator('.cards li').filter({ has: page.getByRole('link', { name: title }) });
    await mine.getByText('Väntar på granskning').waitFor();
    await mine.getByText(/^Bidrar till planen: Delmål 2, Aktivitet 1$/).waitFor();
    // Editing shows the link ticked; a second item is added and the first one unlinked.
    await mine.getByRole('button', { name: 'Ändra' }).click();
    const edit = page.getByRole('form', { name: `Ändra ${title}` });
    const editPicker = edit.getByRole('group', { name: 'Punkter i planen som aktiviteten bidrar till' });
    const linked = editPicker.getByRole('checkbox', { name: /^Delmål 2, Aktivitet 1 / });
    assert.equal(await linked.isChecked(), true);
    await editPicker.getByRole('checkbox', { name: /^Delmål 2, Aktivitet 2 / }).check();
    await linked.focus();
    await page.keyboard.press('Space');
    await editPicker.getByText('1 punkt vald').waitFor();
    await expectNoAxeViolations(page, 'the edit form with items (sv)');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Sparat.').waitFor();
    await mine.getByText(/^Bidrar till planen: Delmål 2, Aktivitet 2$/).waitFor();
    await reporter.close();

    // Not public yet.
    const before = (await (await fetch(`${app.url}/api/municipalities/1860/activities?language=uk`)).json()) as { activities: unknown[] };
    assert.equal(before.activities.length, 0);

    const coordinator = await browser.newContext();
    const cpage = await coordinator.newPage();
    await signIn(cpage, app.url, 'laxa.samordnare');
    await cpage.goto(`${app.url}/kommuner/1860/aktiviteter/mina`);
    await cpage.getByRole('heading', { name: 'Att granska' }).waitFor();
    await settled(cpage);
    const queued = cpage
      .locator('.cards li')
      .filter({ has: cpage.getByRole('link', { name: title }) })
      .first();
    await expectNoAxeViolations(cpage, 'the moderation queue (sv)');
    await queued.getByRole('button', { name: 'Publicera', exact: true }).click();
    await cpage.getByText('Publicerad.', { exact: true }).waitFor();
    await coordinator.close();

    const visitor = await browser.newContext();
    const vpage = await visitor.newPage();
    await vpage.goto(`${app.url}/kommuner/1860/aktiviteter?language=uk`);
    await vpage.getByRole('link', { name: title }).click();
    await vpage.getByRole('heading', { level: 1, name: title }).waitFor();
    await vpage.getByText('Vi spelar schack.').waitFor();
    assert.equal(await vpage.locator('.cat-description script').count(), 0);
    await visitor.close();
  });

  it('reads in English, without axe violations', async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: "localStorage.setItem('delaktig.lang', 'en');" });
    const page = await context.newPage();
    await page.goto(`${app.url}/kommuner/1860/aktiviteter?category=language`);
    await page.getByRole('heading', { level: 1, name: 'Activities in Laxå' }).waitFor();
    await settled(page);
    await page.getByRole('link', { name: 'Language café at the library' }).waitFor();
    await expectNoAxeViolations(page, 'the catalogue (en)');
    const href = (await page.getByRole('link', { name: 'Subscribe to the calendar (iCalendar)' }).getAttribute('href')) ?? '';
    assert.match(href, /lang=en/);
    await page.getByRole('button', { name: 'Calendar', exact: true }).click();
    await page.getByRole('table').waitFor();
    await expectNoAxeViolations(page, 'the calendar (en)');
    await context.close();
  });
});
