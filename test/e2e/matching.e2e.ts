import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedDemoMatching } from '../../src/capabilities/matching/demo.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, type RunningApp } from './support.ts';

const skip = browserSkipReason();
const PROGRAMME = 'Fadderverksamhet i Laxå (exempel)';
const NEWCOMER = 'Exempel Testperson Ny';

/** The whole app with a fresh demo database and the demo buddy and friend-family programmes. */
async function startMatchingApp(): Promise<RunningApp> {
  const store = await freshStore('pglite');
  await seedDemoMatching(store.db);
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

describe('buddy and friend-family matching, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startMatchingApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a newcomer registers on a phone, with consent; the coordinator matches, checks in, ends, extracts and erases', async () => {
    // The public form, 375 px wide.
    const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'sv-SE' });
    const visitor = await phone.newPage();
    await visitor.goto(`${app.url}/kommuner/1860`);
    await visitor.getByRole('link', { name: 'Fadderverksamhet och vänfamiljer' }).click();
    await settled(visitor);
    await visitor.getByRole('link', { name: `Anmälan till ${PROGRAMME}` }).click();
    await visitor.getByRole('heading', { level: 1, name: `Anmälan: ${PROGRAMME}` }).waitFor();
    await settled(visitor);
    await expectNoAxeViolations(visitor, 'the registration form at 375 px');
    assert.ok(
      await visitor.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth <= 375,
      ),
      'no sideways scrolling at 375 px',
    );
    await visitor.getByLabel('Ny i kommunen (nyanländ)').check();
    await visitor.getByLabel('Namn').fill(NEWCOMER);
    await visitor.getByLabel('Språk du talar').fill('dari, svenska');
    await visitor.getByLabel('Intressen').fill('fotboll');
    await visitor.getByLabel('Område eller ort').fill('Laxå tätort');
    await visitor.getByLabel('vardagskvällar').check();
    await visitor.getByRole('button', { name: 'Skicka anmälan' }).click();
    // Without consent nothing is saved, and the message names the checkbox.
    await visitor.getByText('Du behöver samtycka till att uppgifterna sparas').first().waitFor();
    await visitor.getByLabel('Jag har läst texten ovan och samtycker.').check();
    await visitor.getByRole('button', { name: 'Skicka anmälan' }).click();
    await visitor.getByText(`Tack för din anmälan till ${PROGRAMME}!`).waitFor();
    await phone.close();

    // The coordinator sees the newcomer waiting and a proposal with score and reasons.
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(`${app.url}/kommuner/1860/matchning`);
    await settled(page);
    await page.getByRole('link', { name: PROGRAMME, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await settled(page);
    const waiting = page.locator('section[aria-labelledby="mt-waiting-newcomer"]');
    await waiting.getByRole('link', { name: NEWCOMER }).waitFor();
    const countsBefore = (await page.getByText(/^Just nu:/).textContent()) ?? '';
    const [, activeBefore, endedBefore] = /(\d+) aktiva matchningar, (\d+) avslutade/.exec(countsBefore) ?? [];
    await expectNoAxeViolations(page, 'the programme workspace (sv)');

    const suggestion = page.locator('.mt-cards > li').filter({ hasText: NEWCOMER }).filter({ hasText: 'Exempel Fadder David' });
    await suggestion.getByText('Talar båda dari').waitFor();
    await suggestion.getByText(/\d+ poäng/).waitFor();
    await suggestion.getByRole('button', { name: 'Föreslå matchningen' }).click();
    await page.getByText('Matchningen är föreslagen.').waitFor();
    const proposal = page
      .locator('.mt-cards > li')
      .filter({ hasText: NEWCOMER })
      .filter({ has: page.getByRole('button', { name: 'Bekräfta' }) });
    await proposal.getByRole('button', { name: 'Bekräfta' }).click();
    await page.getByText('Matchningen är bekräftad.').waitFor();
    await page.getByText(`Just nu: ${Number(activeBefore) + 1} aktiva matchningar`).waitFor();

    const active = page
      .locator('.mt-cards > li')
      .filter({ hasText: NEWCOMER })
      .filter({ has: page.getByRole('button', { name: 'Avsluta…' }) });
    await active.getByRole('button', { name: 'Markera Nyanländ som meddelad' }).click();
    await page.getByText('Markerad som meddelad.').waitFor();

    // An overdue check-in of the demo's active match is recorded.
    const due = page.locator('.mt-cards > li').filter({ hasText: 'Exempel Nyanländ Hawa' }).filter({ hasText: 'försenad' });
    await due.getByRole('button', { name: 'Registrera uppföljning (1 mån)' }).click();
    await due.getByLabel('Hur går det?').selectOption('concern');
    await due.getByLabel('Anteckning').fill('Ses mer sällan än tänkt');
    await due.getByRole('button', { name: 'Spara uppföljningen' }).click();
    await page.getByText('Uppföljningen är sparad.').waitFor();
    assert.equal(
      await page.locator('.mt-cards > li').filter({ hasText: 'Exempel Nyanländ Hawa' }).filter({ hasText: 'försenad' }).count(),
      0,
    );

    // The new match ends with a reason; the counts follow.
    await active.getByRole('button', { name: 'Avsluta…' }).click();
    const ending = page
      .locator('.mt-cards > li')
      .filter({ hasText: NEWCOMER })
      .filter({ has: page.getByRole('button', { name: 'Avsluta matchningen' }) });
    await ending.getByLabel('Orsak').selectOption('moved');
    await ending.getByRole('button', { name: 'Avsluta matchningen' }).click();
    await page.getByText('Matchningen är avslutad.').waitFor();
    await page.getByText(`Just nu: ${Number(activeBefore)} aktiva matchningar, ${Number(endedBefore) + 1} avslutade`).waitFor();
    const ended = page.getByRole('region', { name: 'Avslutade matchningar' });
    await ended.getByRole('row').filter({ hasText: NEWCOMER }).getByText('Flyttat').waitFor();

    // The same screen in English is accessible too.
    await page.locator('.language select').selectOption('en');
    await page.getByRole('heading', { name: 'Suggested matches' }).waitFor();
    await expectNoAxeViolations(page, 'the programme workspace (en)');
    await page.locator('.language select').selectOption('sv');
    await page.getByRole('heading', { name: 'Förslag på matchningar' }).waitFor();
    const yearsBefore = await page.locator('#mt-years').textContent();

    // Register extract, then erasure.
    await page.getByRole('region', { name: 'Alla deltagare' }).getByRole('link', { name: NEWCOMER }).click();
    await page.getByRole('heading', { level: 1, name: NEWCOMER }).waitFor();
    await settled(page);
    await page
      .getByRole('region', { name: 'Matchningar' })
      .getByRole('row')
      .filter({ hasText: 'Exempel Fadder David' })
      .getByText('Flyttat')
      .waitFor();
    await expectNoAxeViolations(page, 'a person (sv)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ner registerutdrag' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^registerutdrag-.+\.json$/);
    const extract = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as {
      person: { name: string; languages: string[] };
      matches: { endReason: string }[];
    };
    assert.equal(extract.person.name, NEWCOMER);
    assert.deepEqual(extract.person.languages, ['dari', 'svenska']);
    assert.equal(extract.matches[0]?.endReason, 'moved');

    await page.getByRole('button', { name: 'Radera personen…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Radera för gott' }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await settled(page);
    assert.equal(await page.getByRole('link', { name: NEWCOMER }).count(), 0, 'the person is gone');
    await ended.getByRole('row').filter({ hasText: 'raderad person' }).getByText('Flyttat').waitFor();
    assert.equal(await page.locator('#mt-years').textContent(), yearsBefore, 'the yearly counts stay');
    await page.getByText(`Just nu: ${Number(activeBefore)} aktiva matchningar, ${Number(endedBefore) + 1} avslutade`).waitFor();
    await context.close();
  });
});
