import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { languageInfo } from '../../src/capabilities/portal/languages.ts';
import { publicLanguages, publicRoutes, startDemoApp, staffRoutes, type DemoApp } from './routes.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from './support.ts';

/**
 * Every page, public and staff, in every language it is offered in: no axe violations, one h1, a main landmark, a
 * title of its own, the right lang and dir, Arabic and Dari really mirrored, and a full-page screenshot of each kept
 * under test-artifacts/screenshots/ (ignored by git; the folder to keep as a CI artifact). The pages come from
 * test/e2e/routes.ts.
 */
const skip = browserSkipReason();
const screenshots = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
const viewport = { width: 1280, height: 800 };

interface Seen {
  title: string;
  where: string;
}

/** The checks every page gets, whoever it is for. */
async function checkPage(page: Page, lang: string, dir: 'ltr' | 'rtl', where: string, titles?: Map<string, Seen[]>): Promise<void> {
  assert.equal(await page.getAttribute('html', 'lang'), lang, `html lang on ${where}`);
  assert.equal((await page.getAttribute('html', 'dir')) ?? 'ltr', dir, `html dir on ${where}`);
  const title = (await page.title()).trim();
  assert.ok(title.length > 0, `a title on ${where}`);
  titles?.set(lang, [...(titles.get(lang) ?? []), { title, where }]);
  assert.equal(await page.locator('h1').count(), 1, `exactly one h1 on ${where}`);
  assert.equal(await page.locator('main, [role="main"]').count(), 1, `one main landmark on ${where}`);
  await expectNoAxeViolations(page, where);
}

/** Titles must tell pages apart (a screen reader's first words, a browser tab's only words). */
function assertDistinct(titles: Map<string, Seen[]>): void {
  for (const [lang, seen] of titles) {
    const byTitle = new Map<string, Seen[]>();
    for (const s of seen) byTitle.set(s.title, [...(byTitle.get(s.title) ?? []), s]);
    const repeated = [...byTitle].filter(([, pages]) => pages.length > 1);
    assert.deepEqual(
      repeated.map(([title, pages]) => `${title}: ${pages.map((p) => p.where).join(', ')}`),
      [],
      `pages in ${lang} sharing a title`,
    );
  }
}

describe('every route, in every language, is accessible', { skip }, () => {
  let app: DemoApp;
  let browser: Browser;
  const contexts = new Map<string, Promise<BrowserContext>>();
  const publicTitles = new Map<string, Seen[]>();
  const staffTitles = new Map<string, Seen[]>();

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** One context per account and language, reused by every page it opens. */
  function context(account: string | undefined, lang: string): Promise<BrowserContext> {
    const key = `${account ?? ''}|${lang}`;
    let found = contexts.get(key);
    if (!found) {
      found = (async () => {
        const created = await browser.newContext({ viewport });
        // The staff app keeps its language in localStorage (web/src/i18n.ts); the portal's is in the address.
        await created.addInitScript(`localStorage.setItem('delaktig.lang', '${lang}')`);
        if (account) {
          const [name = '', value = ''] = (await app.cookie(account)).split('=');
          await created.addCookies([{ name, value, url: app.url }]);
        }
        return created;
      })();
      contexts.set(key, found);
    }
    return found;
  }

  for (const route of publicRoutes) {
    it(`public ${route.name} (${route.pattern || '/'}) in ${publicLanguages(route).join(', ')}`, async () => {
      const path = await route.find(app);
      const page = await (await context(undefined, 'public')).newPage();
      try {
        for (const lang of publicLanguages(route)) {
          const where = `/${lang}${path}`;
          const response = await page.goto(`${app.url}${where}`);
          const status = response?.status();
          assert.equal(status, route.status ?? 200, `status of ${where}`);
          const dir = languageInfo[lang].dir;
          // Error pages share their title by nature; every other page must have its own.
          await checkPage(page, lang, dir, where, status === 200 ? publicTitles : undefined);
          if (dir === 'rtl') await assertMirrored(page, where);
          await page.screenshot({ path: join(screenshots, `public-${route.name}-${lang}.png`), fullPage: true });
        }
      } finally {
        await page.close();
      }
    });
  }

  it('public pages in one language each have a title of their own', () => assertDistinct(publicTitles));

  it('/portal sends a reader to the portal in their language', async () => {
    const page = await browser.newPage({ locale: 'ar', extraHTTPHeaders: { 'accept-language': 'ar,en;q=0.5' } });
    await page.goto(`${app.url}/portal`);
    assert.equal(new URL(page.url()).pathname, '/ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await page.close();
  });

  // The staff app is Swedish first, with English; it has no Arabic (nor the other public languages): staff work in
  // Swedish, and residents read the public portal. So staff screens are scanned in Swedish and English.
  for (const route of staffRoutes) {
    it(`staff ${route.name} (${route.pattern}) as ${route.account ?? 'a visitor'} in sv, en`, async () => {
      const path = await route.find(app);
      for (const lang of ['sv', 'en'] as const) {
        const page = await (await context(route.account, lang)).newPage();
        try {
          const where = `${path} (${lang}, ${route.account ?? 'signed out'})`;
          await page.goto(`${app.url}${path}`);
          await settled(page);
          await checkPage(page, lang, 'ltr', where, staffTitles);
          await page.screenshot({ path: join(screenshots, `staff-${route.name}-${lang}.png`), fullPage: true });
        } finally {
          await page.close();
        }
      }
    });
  }

  it('staff screens in one language each have a title of their own', () => assertDistinct(staffTitles));
});

/** A single-page screen is ready when its data has come and the loading notes are gone. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
}

/**
 * Right to left is more than dir="rtl": the header's brand must sit at the right edge and the language chooser at
 * the left, as the stylesheet's logical properties promise.
 */
async function assertMirrored(page: Page, where: string): Promise<void> {
  const width = page.viewportSize()?.width ?? viewport.width;
  const brand = await page.locator('.site-header .brand').boundingBox();
  const languages = await page.locator('.site-header nav.languages').boundingBox();
  assert.ok(brand && languages, `header on ${where}`);
  assert.ok(brand.x > width / 2, `the brand is on the right in ${where} (x = ${brand.x})`);
  assert.ok(languages.x + languages.width < width / 2, `the language chooser is on the left in ${where}`);
  const skipLink = await page.locator('.skip-link').evaluate((element) => getComputedStyle(element).direction);
  assert.equal(skipLink, 'rtl', `text runs right to left on ${where}`);
}
