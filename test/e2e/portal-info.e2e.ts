import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedDemoGuide } from '../../src/capabilities/newcomer-guide/demo.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, type RunningApp } from './support.ts';

const skip = browserSkipReason();

/** startApp, with the demo's newcomer guides, which the test template does not hold. */
async function startAppWithGuides(): Promise<RunningApp> {
  const store = await freshStore('pglite');
  await seedDemoGuide(store.db);
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

describe('portal information pages and the newcomer guide, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startAppWithGuides(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the guide, the comparison and the accessibility statement have no axe violations in Swedish and Arabic', async () => {
    const page = await browser.newPage();
    for (const lang of ['sv', 'ar']) {
      for (const path of ['/kommun/2514/ny-i-kommunen', '/jamfor?kommun=1860&kommun=2514', '/jamfor?kommun=1860', '/tillganglighet']) {
        const res = await page.goto(`${app.url}/${lang}${path}`);
        assert.equal(res?.status(), 200, `${lang}${path}`);
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
        await expectNoAxeViolations(page, `/${lang}${path}`);
      }
    }
    await page.close();
  });

  it('the comparison form keeps its choice in the address', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/sv/jamfor?kommun=1860&kommun=2514`);
    await page.getByLabel('Laholm').check();
    await page.getByRole('button', { name: 'Jämför' }).click();
    await page.waitForURL(/kommun=1381/);
    for (const code of ['1381', '1860', '2514']) assert.match(page.url(), new RegExp(`kommun=${code}`));
    assert.equal(await page.locator('table.compare-matrix').first().locator('thead th').count(), 4);
    await page.close();
  });

  it('a coordinator adds an entry with the keyboard alone, and the public page shows it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'kalix.samordnare');
    await page.goto(`${app.url}/kommuner/2514`);
    await page.getByRole('link', { name: 'Ny i kommunen – vem gör vad för nyanlända' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny i kommunen – Kalix' }).waitFor();
    await settled(page);
    await page.getByRole('heading', { level: 3, name: 'Länsstyrelsen' }).waitFor();
    await expectNoAxeViolations(page, 'staff guide screen (sv)');

    await page.getByRole('button', { name: 'Lägg till en aktör' }).focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 2, name: 'Lägg till en aktör' });
    await heading.waitFor();
    assert.equal(await heading.evaluate((el) => el === el.ownerDocument.activeElement), true, 'the form heading has focus');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Medborgarkontoret i Kalix');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hjälp med blanketter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tolk vid besök');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Öppet vardagar 9–16 i kommunhuset');
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://www.kalix.se');
    await expectNoAxeViolations(page, 'staff guide form (sv)');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Medborgarkontoret i Kalix är sparad.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Medborgarkontoret i Kalix' }).waitFor();

    // Moved up by the keyboard: the focus stays on the moved entry's button.
    await page.getByRole('button', { name: 'Flytta upp Medborgarkontoret i Kalix' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Medborgarkontoret i Kalix står nu på plats 6 av 7.').waitFor();
    const focused = await page.evaluate(() =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }
      ).document.activeElement.getAttribute('aria-label'),
    );
    assert.equal(focused, 'Flytta upp Medborgarkontoret i Kalix');

    // Each entry's translations into the public languages, with the shared translations component.
    await page.getByRole('button', { name: 'Översättningar av Medborgarkontoret i Kalix' }).click();
    await page.locator('.loading').waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, 'staff guide with the translations of an entry open (sv)');

    const pub = await context.newPage();
    await pub.goto(`${app.url}/sv/kommun/2514/ny-i-kommunen`);
    await pub.getByRole('heading', { level: 3, name: 'Medborgarkontoret i Kalix' }).waitFor();
    await pub.getByText('Tolk vid besök').first().waitFor();
    const rows = await pub.locator('table.guide-summary tbody th').allTextContents();
    assert.equal(rows[5], 'Medborgarkontoret i Kalix');
    await expectNoAxeViolations(pub, 'public guide with the new entry (sv)');
    await context.close();
  });
});
