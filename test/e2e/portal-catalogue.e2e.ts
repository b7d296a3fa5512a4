import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedDemoCatalogue } from '../../src/capabilities/catalogue/demo.ts';
import { seedDemoFund } from '../../src/capabilities/fund/demo.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, type RunningApp } from './support.ts';

const skip = browserSkipReason();

/** The whole app with a fresh demo database, the demo catalogue and the demo funds. */
async function startPortalApp(): Promise<RunningApp> {
  const store = await freshStore('pglite');
  await seedDemoCatalogue(store.db);
  await seedDemoFund(store.db);
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

/** Presses Tab until the element matching the selector has focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await page.locator(`${selector}:focus`).count()) > 0) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${selector} never got focus by keyboard`);
}

const titles = (page: Page) => page.locator('.activity-card h3 a').allTextContents();

describe('public activity catalogue and fund pages, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startPortalApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('narrows the catalogue with the search form, by keyboard alone and without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/sv/kommun/1860/aktiviteter`);
      const all = await titles(page);
      assert.ok(all.length >= 3, all.join(', '));

      // Free text, then Enter in the field: the browser submits the GET form itself.
      await tabTo(page, '#falt-q');
      await page.keyboard.type('kaffe');
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]q=kaffe/);
      assert.deepEqual(await titles(page), ['Språkcafé på biblioteket']);
      assert.equal(await page.locator('#resultat-rubrik').textContent(), '1 aktivitet hittades');
      assert.equal(await page.locator('#falt-q').inputValue(), 'kaffe', 'the form keeps the search');

      // A category chosen by typing in the list, then back to the text field to send it.
      await page.goto(`${app.url}/sv/kommun/1860/aktiviteter`);
      await tabTo(page, '#falt-category');
      await page.keyboard.type('Idrott');
      assert.equal(await page.locator('#falt-category').inputValue(), 'sport');
      await tabTo(page, '#falt-q', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]category=sport/);
      assert.deepEqual(await titles(page), ['Fotboll för alla']);

      // The result's link opens the activity, by keyboard too.
      await tabTo(page, '.activity-card h3 a');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Fotboll för alla' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on the list, an activity and the fund, in Swedish and Arabic', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      for (const lang of ['sv', 'ar'] as const) {
        await page.goto(`${app.url}/${lang}/kommun/1860/aktiviteter`);
        await page.locator('#resultat-rubrik').waitFor();
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
        await expectNoAxeViolations(page, `the catalogue (${lang})`);

        await page.goto(`${app.url}/${lang}/kommun/1860/aktiviteter?category=language`);
        await page.locator('.activity-card h3 a').first().click();
        await page.locator('#tillfallen-rubrik').waitFor();
        await expectNoAxeViolations(page, `an activity (${lang})`);

        await page.goto(`${app.url}/${lang}/kommun/1860/aktiviteter?from=2026-13-01`);
        await page.locator('#falt-from-fel').waitFor();
        await expectNoAxeViolations(page, `a refused search (${lang})`);

        await page.goto(`${app.url}/${lang}/kommun/2514/fonden`);
        await page.locator('#beslut-rubrik').waitFor();
        assert.ok((await page.locator('.fund-call').count()) >= 1, 'the open call');
        await expectNoAxeViolations(page, `the fund (${lang})`);
      }
    } finally {
      await context.close();
    }
  });
});
