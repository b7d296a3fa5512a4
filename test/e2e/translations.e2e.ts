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

interface Node {
  id: string;
  kind: string;
  label: string;
  number: string | null;
  text: string;
  children: Node[];
}

const ARABIC = 'تحسين استقبال القادمين الجدد في لاكسو';

/** The demo app with the demo catalogue, whose activities carry English translations from before this table. */
async function startDemoApp(): Promise<RunningApp> {
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

describe('translating a plan item, in the browser and on the public page', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let planId = '';
  let translated: Node;
  let untranslated: Node;

  before(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
    const docs = (await (await fetch(`${app.url}/api/municipalities/1860/documents`)).json()) as { id: string; status: string }[];
    planId = docs.find((d) => d.status === 'adopted')?.id as string;
    const outline = (await (await fetch(`${app.url}/api/plans/${planId}/outline`)).json()) as { nodes: Node[] };
    const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const visible = flat(outline.nodes).filter((n) => n.kind !== 'note');
    assert.ok(visible.length >= 2, 'Laxå’s plan has two items besides its notes');
    [translated, untranslated] = visible as [Node, Node];
    page = await browser.newPage({ locale: 'sv-SE' });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a coordinator enter an Arabic text right to left, and save it', async () => {
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(`${app.url}/planer/${planId}`);
    await page.locator('.loading').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Redigera planen' }).click();
    const heading = `${translated.label}${translated.number ? ` ${translated.number}` : ''}`;
    const tools = page.getByRole('group', { name: `Åtgärder för ${heading}`, exact: true });
    await tools.getByRole('button', { name: 'Översättningar' }).click();

    const part = page.getByRole('region', { name: `Översättningar av ${heading}` });
    await part.getByRole('heading', { name: `Översättningar av ${heading}` }).waitFor();
    // Opened by its button, the part takes the focus: a keyboard user is where the work is.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), `Översättningar av ${heading}`);
    const arabicRow = part.getByRole('row', { name: /^arabiska/ });
    assert.match((await arabicRow.textContent()) ?? '', /Saknas/);

    await part.getByRole('button', { name: 'Lägg till översättning till arabiska' }).click();
    const field = part.getByLabel('Text på arabiska');
    assert.equal(await field.getAttribute('lang'), 'ar');
    assert.equal(await field.getAttribute('dir'), 'rtl');
    // An empty text is refused beside the field, in Swedish, and tied to it for screen readers.
    await part.getByRole('button', { name: 'Spara översättningen' }).click();
    const problem = part.locator('.field-error');
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /får inte vara tom/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await field.getAttribute('aria-describedby'), await problem.getAttribute('id'));

    await field.fill(ARABIC);
    await field.press('Tab');
    await page.keyboard.press('Enter');
    await part.getByRole('status').filter({ hasText: 'Översättningen till arabiska är sparad.' }).waitFor();
    const shown = arabicRow.locator('[lang="ar"][dir="rtl"]', { hasText: ARABIC });
    await shown.waitFor();
    // Focus goes back to the language's row, so the next one is a Tab away.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Ändra översättningen till arabiska');
    await expectNoAxeViolations(page, 'the plan screen with an item’s translations open');
  });

  it('translates the plan’s title, and removes the translation after asking, by keyboard', async () => {
    await page.getByRole('button', { name: 'Översättningar av planens titel' }).click();
    const part = page.getByRole('region', { name: 'Översättningar av planens titel' });
    await part.getByRole('button', { name: 'Lägg till översättning till somaliska' }).click();
    const field = part.getByLabel('Rubrik på somaliska');
    assert.equal(await field.getAttribute('lang'), 'so');
    assert.equal(await field.getAttribute('dir'), 'ltr');
    await field.fill('Qorshaha isdhexgalka ee Laxå');
    await field.press('Enter');
    await part.getByRole('status').filter({ hasText: 'Översättningen till somaliska är sparad.' }).waitFor();

    await part.getByRole('button', { name: 'Ta bort översättningen till somaliska' }).click();
    const dialog = part.getByRole('alertdialog', { name: 'Ta bort översättningen till somaliska?' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ta bort översättningen till somaliska?');
    await expectNoAxeViolations(page, 'the plan title’s translations, asking before removing');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await part.getByRole('status').filter({ hasText: 'Översättningen till somaliska är borttagen.' }).waitFor();
    assert.match((await part.getByRole('row', { name: /^somaliska/ }).textContent()) ?? '', /Saknas/);
  });

  it('shows the activity’s translations beside its form in the catalogue, and takes Dari right to left', async () => {
    await page.goto(`${app.url}/kommuner/1860/aktiviteter/mina`);
    await page.locator('.loading').waitFor({ state: 'detached' });
    const card = page.locator('.cards li').filter({ hasText: 'Språkcafé' }).first();
    const title = (await card.getByRole('link').first().textContent()) ?? '';
    await card.getByRole('button', { name: 'Ändra', exact: true }).click();
    const part = page.getByRole('region', { name: `Översättningar av ${title}` });
    await part.waitFor();
    // The activity's form keeps the focus; the English its organiser entered earlier is shown, not lost.
    assert.notEqual(await page.evaluate(() => document.activeElement?.closest('section')?.className), 'card translations');
    assert.match((await part.getByRole('row', { name: /^engelska/ }).textContent()) ?? '', /Language café/);
    await part.getByRole('button', { name: 'Lägg till översättning till dari' }).click();
    await part.getByLabel('Rubrik på dari').fill('کافه زبان');
    const description = part.getByLabel('Beskrivning på dari');
    assert.equal(await description.getAttribute('dir'), 'rtl');
    await description.fill('<p>سویدنی را تمرین کنید.</p>');
    await part.getByRole('button', { name: 'Spara översättningen' }).click();
    await part.getByRole('status').filter({ hasText: 'Översättningen till dari är sparad.' }).waitFor();
    await expectNoAxeViolations(page, 'the activity editor with its translations');
  });

  it('shows the Arabic on the public plan page, and the untranslated item in Swedish, marked as such', async () => {
    const response = await page.goto(`${app.url}/ar/kommun/1860/plan/${planId}`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
    // The language a text is read in is that of its nearest element with a lang attribute.
    const langOf = (text: string) =>
      page.evaluate((t) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode())
          if (n.textContent?.includes(t)) {
            const holder = n.parentElement?.closest('[lang]');
            return { lang: holder?.getAttribute('lang'), dir: holder?.getAttribute('dir') ?? null, tag: holder?.tagName };
          }
        return null;
      }, text);
    const arabic = await langOf(ARABIC);
    assert.equal(arabic?.lang, 'ar', 'the Arabic text is on the page, in the page’s own language');
    const swedish = await langOf(untranslated.text.slice(0, 40));
    assert.deepEqual(
      swedish && { lang: swedish.lang, dir: swedish.dir },
      { lang: 'sv', dir: 'ltr' },
      'the untranslated item is in Swedish',
    );
    // And a visible note says so, in Arabic.
    assert.ok((await page.locator('.not-translated').count()) > 0);
  });
});
