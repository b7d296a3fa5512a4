import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

async function indicatorId(app: RunningApp, code: string, title: string): Promise<string> {
  const list = (await (await fetch(`${app.url}/api/municipalities/${code}/indicators`)).json()) as { id: string; title: string }[];
  const found = list.find((i) => i.title === title);
  assert.ok(found, `${code} has "${title}"`);
  return found.id;
}

/** Whether an element takes up room on the page as it is rendered now (screen or print). */
const shown = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = (element as unknown as { getBoundingClientRect(): { width: number; height: number } }).getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    });

describe('public indicator pages, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let share: string;

  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage();
    share = await indicatorId(app, '1860', 'Utrikes födda, andel av befolkningen');
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const lang of ['sv', 'ar'] as const) {
    it(`the list and one indicator are axe-clean in ${lang}, the chart with its table beside it`, async () => {
      await page.goto(`${app.url}/${lang}/kommun/1860/indikatorer`);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.ok((await page.locator('.indicator-card').count()) >= 5);
      assert.equal(await page.locator('.sparkline').first().getAttribute('aria-hidden'), 'true');
      await expectNoAxeViolations(page, `/${lang}/kommun/1860/indikatorer`);

      await page.goto(`${app.url}/${lang}/kommun/1860/indikatorer/${share}?jamfor=1864`);
      const chart = page.getByRole('img', { name: /Utrikes födda, andel av befolkningen/ });
      await chart.waitFor();
      assert.equal(await chart.getAttribute('dir'), 'ltr', 'time runs left to right in every language');
      const table = page.locator('.indicator-table table');
      assert.equal(await table.locator('tbody tr').count(), 2);
      // The earlier year is to the left of the later one on the axis, also on the mirrored Arabic page.
      const years = page.locator('svg.indicator-chart-svg text', { hasText: /^(2013|2023|٢٠١٣|٢٠٢٣)$/ });
      const [first, second] = [await years.nth(0).boundingBox(), await years.nth(1).boundingBox()];
      assert.ok(first && second && first.x < second.x);
      await expectNoAxeViolations(page, `/${lang}/kommun/1860/indikatorer/${share}`);
    });
  }

  it('the view form changes the address, and the address reproduces the view', async () => {
    await page.goto(`${app.url}/sv/kommun/1860/indikatorer/${share}`);
    await page.getByLabel('Från år').selectOption('2023');
    await page.getByLabel('Ljusnarsberg').check();
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/fran=2023/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('fran'), '2023');
    assert.deepEqual(url.searchParams.getAll('jamfor'), ['1864']);
    assert.equal(await page.locator('.indicator-table tbody tr').count(), 1);
    assert.ok(await page.getByRole('columnheader', { name: 'Värde: Ljusnarsberg' }).isVisible());
    assert.equal(await page.locator('.share a').getAttribute('href'), `${url.pathname}${url.search}`);
  });

  it('prints the chart and the table without navigation or forms', async () => {
    await page.goto(`${app.url}/sv/kommun/1860/indikatorer/${share}`);
    assert.equal(await shown(page, '.view-options form'), true);
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['.site-header', '.municipality-nav', '.breadcrumbs', '.view-options', 'form', '.site-footer'])
        assert.equal(await shown(page, hidden), false, `${hidden} is not printed`);
      for (const printed of ['svg.indicator-chart-svg', '.indicator-table table', 'h1', '.share'])
        assert.equal(await shown(page, printed), true, `${printed} is printed`);
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 1000);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
