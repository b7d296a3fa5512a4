import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { publicRoutes, startDemoApp, type DemoApp } from './routes.ts';
import { browserSkipReason, launchBrowser } from './support.ts';

/**
 * The public portal by keyboard and without script: the skip link comes first and lands in main, every focusable
 * element shows where focus is, the pages say the same with JavaScript off, and the script sent to a public page
 * stays within the 150 KB budget (the portal sends none).
 */
const skip = browserSkipReason();
const JS_BUDGET_BYTES = 150 * 1024;

interface FocusLook {
  tag: string;
  text: string;
  outline: string;
  outlineWidth: number;
  boxShadow: string;
}

/** How an element looks now: the properties a focus indicator is drawn with. */
function lookOf(page: Page, index: number): Promise<FocusLook> {
  return page.evaluate((i) => {
    const element = document.querySelector(`[data-tab-order="${i}"]`) as HTMLElement;
    const style = getComputedStyle(element);
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.textContent ?? '').trim().slice(0, 40),
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      outlineWidth: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
      boxShadow: style.boxShadow,
    };
  }, index);
}

describe('the public portal by keyboard, and without script', { skip }, () => {
  let app: DemoApp;
  let browser: Browser;
  let pages: { name: string; path: string }[];
  before(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
    const plan = publicRoutes.find((r) => r.name === 'plan');
    assert.ok(plan);
    pages = [
      { name: 'home', path: '/sv' },
      { name: 'municipality', path: '/sv/kommun/1860' },
      { name: 'plan', path: `/sv${await plan.find(app)}` },
    ];
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The plan page is another helper's; until it answers, its checks say so and skip. */
  async function open(page: Page, path: string): Promise<boolean> {
    const response = await page.goto(`${app.url}${path}`);
    return response?.status() === 200;
  }

  for (const name of ['home', 'municipality', 'plan']) {
    it(`${name}: Tab reaches the skip link first, Enter moves focus into main`, async (t) => {
      const { path } = pages.find((p) => p.name === name) ?? { path: '' };
      const page = await browser.newPage();
      if (!(await open(page, path))) return t.skip(`${path} does not answer yet`);
      const skipLink = page.locator('.skip-link');
      assert.equal(await skipLink.isVisible(), true);
      assert.ok(((await skipLink.boundingBox())?.y ?? 0) < 0, 'the skip link waits above the page until focused');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
      const shown = await skipLink.boundingBox();
      assert.ok(shown && shown.y >= 0, 'the focused skip link is on screen');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#innehall$/);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'innehall', 'focus is in main');
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.closest('main') !== null),
        true,
        'the next Tab stays in main, past the header',
      );
      await page.close();
    });

    it(`${name}: the first 15 focusable elements each show a visible focus`, async (t) => {
      const { path } = pages.find((p) => p.name === name) ?? { path: '' };
      const page = await browser.newPage();
      if (!(await open(page, path))) return t.skip(`${path} does not answer yet`);
      const focused: FocusLook[] = [];
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        const isElement = await page.evaluate((n) => {
          const active = document.activeElement;
          if (!active || active === document.body) return false;
          active.setAttribute('data-tab-order', String(n));
          return true;
        }, i);
        if (!isElement) break;
        focused.push(await lookOf(page, i));
      }
      assert.ok(focused.length >= Math.min(15, 5), `Tab moves through the page (${focused.length} stops)`);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (const [i, look] of focused.entries()) {
        const resting = await lookOf(page, i);
        const where = `${path}, Tab stop ${i + 1}: <${look.tag}> "${look.text}"`;
        assert.ok(
          look.outline !== resting.outline || look.boxShadow !== resting.boxShadow,
          `${where} looks the same focused and not (${look.outline})`,
        );
        assert.ok(look.outlineWidth >= 2 || look.boxShadow !== 'none', `${where}: the focus indicator is at least 2px (${look.outline})`);
      }
      await page.close();
    });

    it(`${name}: says the same with JavaScript off`, async (t) => {
      const { path } = pages.find((p) => p.name === name) ?? { path: '' };
      const withScript = await browser.newPage();
      if (!(await open(withScript, path))) return t.skip(`${path} does not answer yet`);
      const noScriptContext = await browser.newContext({ javaScriptEnabled: false });
      const withoutScript = await noScriptContext.newPage();
      assert.equal(await open(withoutScript, path), true);
      const text = (page: Page) => page.locator('body').innerText();
      assert.equal(await text(withoutScript), await text(withScript));
      assert.equal(await withoutScript.locator('h1').count(), 1);
      // Links work without script: following the first municipality link lands on a page, not a blank shell.
      const link = withoutScript.locator('main a[href^="/sv/"]').first();
      if ((await link.count()) > 0) {
        await link.click();
        assert.equal(await withoutScript.locator('h1').count(), 1, 'the next page renders without script too');
      }
      await noScriptContext.close();
      await withScript.close();
    });
  }

  it('sends at most 150 KB of script (compressed) to a public page: in fact none', async () => {
    const page = await browser.newPage();
    let scriptBytes = 0;
    let scripts = 0;
    const visited: string[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      scripts++;
      // Bytes on the wire: the encoded (compressed) body, as the budget counts it.
      void request.sizes().then((sizes) => (scriptBytes += sizes.responseBodySize));
    });
    for (const route of publicRoutes) {
      for (const lang of ['sv', 'ar'] as const) {
        const path = `/${lang}${await route.find(app)}`;
        const response = await page.goto(`${app.url}${path}`);
        assert.equal(response?.status(), route.status ?? 200, `status of ${path}`);
        visited.push(path);
        assert.equal(await page.locator('script').count(), 0, `${path} has no script element`);
      }
    }
    await page.waitForTimeout(100);
    console.log(
      `JavaScript sent to ${visited.length} public pages: ${scripts} scripts, ${scriptBytes} bytes compressed (budget ${JS_BUDGET_BYTES})`,
    );
    assert.ok(scriptBytes <= JS_BUDGET_BYTES, `${scriptBytes} bytes of script is over the budget`);
    assert.equal(scripts, 0, 'the public portal sends no script at all');
    await page.close();
  });
});
