import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemoFollowUp } from '../../src/capabilities/follow-up/demo.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, type RunningApp } from './support.ts';

const skip = browserSkipReason();

/** The app with the demo's example follow-up, so the plan pages have statuses to show. */
async function startPortal(): Promise<RunningApp> {
  const store = await freshStore('pglite');
  await seedDemoFollowUp(store.db);
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

void describe('public plan pages in a browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let planUrl: string;

  before(async () => {
    app = await startPortal();
    browser = await launchBrowser();
    const docs = (await (await fetch(`${app.url}/api/municipalities/1860/documents`)).json()) as { id: string }[];
    assert.ok(docs[0]);
    planUrl = `/kommun/1860/plan/${docs[0].id}`;
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the Swedish and the Arabic plan page and an item page have no axe violations', async () => {
    const page = await browser.newPage();
    for (const lang of ['sv', 'ar']) {
      const response = await page.goto(`${app.url}/${lang}${planUrl}`);
      assert.equal(response?.status(), 200);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      await expectNoAxeViolations(page, `${lang} plan page`);
    }
    await page.goto(`${app.url}/sv${planUrl}`);
    const itemHref = await page.locator('.item-more a').first().getAttribute('href');
    assert.ok(itemHref);
    await page.goto(`${app.url}${itemHref}`);
    assert.equal(await page.locator('h1').count(), 1);
    await expectNoAxeViolations(page, 'item page');
    await page.close();
  });

  it('Tab reaches the skip link first, and it moves focus to the main content', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/sv${planUrl}`);
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className,
      ),
      'skip-link',
    );
    await page.keyboard.press('Enter');
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id),
      'innehall',
    );
    await page.close();
  });

  it('the view form works without script and its address reproduces the view', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/sv${planUrl}`);
    assert.ok(await page.getByText('Kvartalsvisa samtal').first().isVisible());
    await page.getByLabel('Visa', { exact: true }).selectOption('mal');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/visa=mal/);
    assert.match(page.url(), /\?visa=mal$/, 'the address carries only what was chosen');
    assert.equal(await page.getByText('Kvartalsvisa samtal').count(), 0, 'activities are left out');
    const shared = await page.locator('.share a').getAttribute('href');
    assert.equal(shared, new URL(page.url()).pathname + new URL(page.url()).search);
    await context.close();
  });

  it('prints the structure without the header, the navigation and the form', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/sv${planUrl}`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.municipality-nav', '.site-footer', '.plan-view-form', 'form', '.skip-link'])
      assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is hidden in print`);
    assert.ok(await page.locator('.plan-tree').first().isVisible(), 'the structure prints');
    assert.ok(await page.locator('.plan-history').isVisible(), 'the history prints');
    assert.ok(await page.locator('h1').isVisible());
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'a PDF with content');
    await page.close();
  });
});
