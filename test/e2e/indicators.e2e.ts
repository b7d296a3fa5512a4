import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();
const SELF_SUFFICIENT = 'Andel självförsörjande 24 månader efter etableringen';
const UNEMPLOYED = 'Öppet arbetslösa och i program med aktivitetsstöd, utrikes födda';

async function planId(app: RunningApp, code: string): Promise<string> {
  const docs = (await (await fetch(`${app.url}/api/municipalities/${code}/documents`)).json()) as { id: string }[];
  assert.ok(docs[0]);
  return docs[0].id;
}

async function indicatorId(app: RunningApp, code: string, title: string): Promise<string> {
  const list = (await (await fetch(`${app.url}/api/municipalities/${code}/indicators`)).json()) as { id: string; title: string }[];
  const found = list.find((i) => i.title === title);
  assert.ok(found, `${code} has "${title}"`);
  return found.id;
}

/** Calls the API with the context's session, as the web app does. */
async function call<T>(context: BrowserContext, app: RunningApp, method: string, path: string, data?: unknown): Promise<T> {
  const response = await context.request.fetch(`${app.url}${path}`, { method, ...(data !== undefined ? { data } : {}) });
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

const linkCard = (page: Page, reference: string) =>
  page.locator('li.ind-link').filter({ has: page.getByRole('heading', { name: reference, exact: true }) });

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

describe('indicators, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let laxaPlan = '';
  let selfSufficient = '';
  let kolada = '';
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    laxaPlan = await planId(app, '1860');
    selfSufficient = await indicatorId(app, '1860', SELF_SUFFICIENT);
    kolada = await indicatorId(app, '1860', 'Sysselsättningsgrad 20–64 år, utrikes födda');
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it("Laxå: the list, a computed indicator's chart and table, a changed target changes the status", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(`${app.url}/kommuner/1860`);
    await page.getByRole('link', { name: 'Indikatorer', exact: true }).click();
    await page.getByRole('heading', { name: 'Indikatorer för Laxå', exact: true }).waitFor();
    const card = page.locator('.ind-cards li').filter({ has: page.getByRole('link', { name: SELF_SUFFICIENT, exact: true }) });
    await card.getByText('39 % (2016)', { exact: true }).waitFor();
    await card.getByText('Beräknad', { exact: true }).waitFor();
    await card.getByText('1 punkt', { exact: true }).waitFor();
    await page.getByText('Ny indikator', { exact: true }).waitFor();
    await page.getByRole('link', { name: SELF_SUFFICIENT, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: SELF_SUFFICIENT }).waitFor();

    // The chart is an image with a title, described by the table of the same numbers.
    const chart = page.locator('.ind-chart [role="img"]');
    assert.equal(await chart.count(), 1);
    assert.match((await chart.getAttribute('aria-describedby')) ?? '', /ind-values-table/);
    await chart.locator('canvas').first().waitFor();
    assert.ok((await chart.locator('canvas').count()) >= 1, 'uPlot has drawn the series');
    const table = page.locator('#ind-values-table');
    assert.equal(await table.getByRole('row', { name: /^2015 28,9 %/ }).count(), 1);
    assert.equal(await table.getByRole('row', { name: /^2016 39 %/ }).count(), 1);

    // Delmål 1: 50 % by 2018 from 28,9 % in 2015 — substantial progress; a target of 30 % is already reached.
    const delmal = linkCard(page, 'Delmål 1');
    await delmal.getByText('Betydande framsteg', { exact: true }).waitFor();
    await delmal.getByText('50 % till 2018', { exact: true }).waitFor();
    await page.getByText(/^Metod: Open SDG \/ Statistiska centralbyrån i Kanada/).waitFor();
    await delmal.getByRole('button', { name: 'Ändra kopplingen till Delmål 1', exact: true }).click();
    await delmal.getByLabel('Målvärde (%)', { exact: true }).fill('30');
    await delmal.getByLabel('Målperiod', { exact: true }).fill('2018');
    await delmal.getByRole('button', { name: 'Spara kopplingen', exact: true }).click();
    await delmal.getByText('Målet är nått', { exact: true }).waitFor();
    await delmal.getByText('30 % till 2018', { exact: true }).waitFor();
    assert.equal(await delmal.getByText('Betydande framsteg', { exact: true }).count(), 0);

    // A status set by hand needs a reason; someone else's change meanwhile shows the saved version.
    await delmal.getByRole('button', { name: 'Ändra kopplingen till Delmål 1', exact: true }).click();
    await delmal.getByLabel('Status', { exact: true }).selectOption('limited');
    await delmal.getByRole('button', { name: 'Spara kopplingen', exact: true }).click();
    await delmal.getByText('Skriv varför statusen sätts för hand.', { exact: true }).first().waitFor();
    const detail = await call<{ links: { id: string; version: number }[] }>(context, app, 'GET', `/api/indicators/${selfSufficient}`);
    const link = detail.links[0] as { id: string; version: number };
    await call(context, app, 'PATCH', `/api/indicator-links/${link.id}`, { version: link.version, targetValue: 40, targetPeriod: '2018' });
    await delmal.getByLabel('Skäl (krävs)', { exact: true }).fill('Kohorten 2017 saknar uppgift om självförsörjning.');
    await delmal.getByRole('button', { name: 'Spara kopplingen', exact: true }).click();
    await delmal
      .getByRole('alert')
      .getByText(/^Sparad version 3: mål 40 % till 2018/)
      .waitFor();
    await delmal.getByRole('button', { name: 'Utgå från den sparade', exact: true }).click();
    await delmal.getByLabel('Status', { exact: true }).selectOption('limited');
    await delmal.getByLabel('Skäl (krävs)', { exact: true }).fill('Kohorten 2017 saknar uppgift om självförsörjning.');
    await delmal.getByRole('button', { name: 'Spara kopplingen', exact: true }).click();
    await delmal.getByText('Begränsade framsteg', { exact: true }).waitFor();
    await delmal.getByText('Skäl: Kohorten 2017 saknar uppgift om självförsörjning.', { exact: true }).waitFor();

    // The Kolada indicator: no internet here, so the server's Swedish message shows.
    await page.goto(`${app.url}/indikatorer/${kolada}`);
    await settled(page);
    await page.getByRole('button', { name: 'Hämta från Kolada', exact: true }).click();
    await page.getByText(/^Kolada kunde inte nås/).waitFor({ timeout: 30_000 });

    // Link it to Delmål 1 with a baseline and a target, then remove the link again.
    await page.getByText('Indikatorn är inte kopplad till någon punkt i planen.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Koppla till en punkt i planen', exact: true }).click();
    const linkForm = page.getByRole('form', { name: 'Koppla till en punkt i planen', exact: true });
    const item = linkForm.getByLabel('Punkt', { exact: true });
    await item.locator('option', { hasText: 'Delmål 1:' }).waitFor({ state: 'attached' });
    const value = await item.locator('option', { hasText: 'Delmål 1:' }).getAttribute('value');
    await item.selectOption(value ?? '');
    await linkForm.getByLabel('Utgångsvärde (%)', { exact: true }).fill('55,5');
    await linkForm.getByLabel('Period för utgångsvärdet', { exact: true }).fill('2015');
    await linkForm.getByLabel('Målvärde (%)', { exact: true }).fill('60');
    await linkForm.getByLabel('Målperiod', { exact: true }).fill('2018');
    await linkForm.getByRole('button', { name: 'Koppla', exact: true }).click();
    const linked = linkCard(page, 'Delmål 1');
    await linked.getByText('55,5 % (2015)', { exact: true }).waitFor();
    await linked.getByText('Inget värde ännu', { exact: true }).waitFor();
    await linked.getByRole('button', { name: 'Ta bort kopplingen till Delmål 1', exact: true }).click();
    await linked.getByRole('button', { name: 'Ta bort kopplingen', exact: true }).click();
    await page.getByText('Indikatorn är inte kopplad till någon punkt i planen.', { exact: true }).waitFor();
    await context.close();
  });

  it('Ljusnarsberg: a value entered by hand sets the status, a correction keeps the earlier value, SCB offline', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'ljusnarsberg.samordnare');
    await page.goto(`${app.url}/kommuner/1864/indikatorer`);
    await page.getByRole('link', { name: UNEMPLOYED, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: UNEMPLOYED }).waitFor();
    const kartlaggning = linkCard(page, 'Kartläggning');
    await kartlaggning.getByText('Inget värde efter utgångsvärdet ännu', { exact: true }).waitFor();

    const form = page.getByRole('form', { name: 'För in ett värde', exact: true });
    await form.getByLabel('Period', { exact: true }).fill('2016-04');
    await form.getByLabel('Värde (personer)', { exact: true }).fill('120');
    await form.getByLabel('Anteckning om källan', { exact: true }).fill('Arbetsförmedlingen, april 2016');
    await form.getByRole('button', { name: 'Spara värdet', exact: true }).click();
    await form.getByText(/^Värdet för april 2016 är sparat/).waitFor();
    await kartlaggning.getByText('Betydande framsteg', { exact: true }).waitFor();
    const table = page.locator('#ind-values-table');
    assert.equal(await table.getByRole('row', { name: /^april 2016 120 personer/ }).count(), 1);

    await form.getByLabel('Värde (personer)', { exact: true }).fill('121');
    await form.getByRole('button', { name: 'Spara värdet', exact: true }).click();
    await form.getByText(/^Värdet för april 2016 är rättat/).waitFor();
    const history = table.getByText('Tidigare värden', { exact: true });
    await history.click();
    await table.getByText(/^120 personer – registrerat .* av ljusnarsberg\.samordnare/).waitFor();
    assert.equal(await table.getByRole('row', { name: /^april 2016 121 personer/ }).count(), 1);

    // A bad period is said at the field; a bad file is refused with the server's message.
    await form.getByLabel('Period', { exact: true }).fill('april');
    await form.getByRole('button', { name: 'Spara värdet', exact: true }).click();
    await form.getByText('Skriv perioden som 2016, 2016H1, 2016Q2 eller 2016-04.', { exact: true }).waitFor();
    const importForm = page.getByRole('form', { name: 'Läs in en fil', exact: true });
    await importForm.getByLabel('CSV- eller PX-fil', { exact: true }).setInputFiles({
      name: 'fel.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Year,Value\n2016,abc\n'),
    });
    await importForm.getByRole('button', { name: 'Läs in filen', exact: true }).click();
    await importForm.getByText(/Filen kunde inte läsas/).waitFor();

    await page.goto(`${app.url}/kommuner/1864/indikatorer`);
    await page.getByRole('link', { name: 'Utrikes födda, andel av befolkningen', exact: true }).click();
    await page.getByText('Källa: SCB', { exact: true }).waitFor();
    const button = page.getByRole('button', { name: 'Hämta från SCB', exact: true });
    await button.click();
    await page.getByText(/^SCB kunde inte nås/).waitFor({ timeout: 30_000 });
    await context.close();
  });

  it("shows the indicators inline in Laxå's plan", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/planer/${laxaPlan}`);
    const inline = page.locator('.ind-inline').filter({ has: page.getByRole('link', { name: SELF_SUFFICIENT, exact: true }) });
    await inline.waitFor();
    await inline.getByText('39 % (2016)', { exact: true }).waitFor();
    await inline.getByText('Begränsade framsteg', { exact: true }).waitFor();
    await inline.getByRole('link', { name: SELF_SUFFICIENT, exact: true }).click();
    await page.waitForURL(`${app.url}/indikatorer/${selfSufficient}`);
    await context.close();
  });

  it('keeps the cohorts: the coordinator fills in a count and the share follows', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(`${app.url}/kommuner/1860/indikatorer`);
    await page.getByRole('link', { name: 'Kohorter (flyktingar efter etableringen)', exact: true }).click();
    await page.getByRole('heading', { name: 'Kohorter för Laxå', exact: true }).waitFor();
    await page.getByText(/^Antal under fem visas aldrig offentligt/).waitFor();
    await page.getByRole('button', { name: 'Ändra kohorten 2017', exact: true }).click();
    const form = page.getByRole('form', { name: 'Kohorten 2017', exact: true });
    await form.getByLabel('Självförsörjande efter 24 månader (antal)', { exact: true }).fill('22');
    await form.getByRole('button', { name: 'Spara kohorten', exact: true }).click();
    await page.getByText('Kohorten 2017 är sparad.', { exact: true }).waitFor();
    assert.equal(await page.getByRole('row', { name: /^2017 44 12 \(27,3 %\) 22 \(50 %\)/ }).count(), 1);
    await context.close();
  });

  it('fits a 375 px wide screen: nothing in the main area reaches past the edge', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    for (const path of [
      '/kommuner/1860/indikatorer',
      `/indikatorer/${selfSufficient}`,
      `/indikatorer/${kolada}`,
      '/kommuner/1860/kohorter',
    ]) {
      await page.goto(`${app.url}${path}`);
      await settled(page);
      if (path === `/indikatorer/${selfSufficient}`) {
        await page.getByRole('button', { name: 'Ändra kopplingen till Delmål 1', exact: true }).click();
        await page.getByRole('button', { name: 'Koppla till en punkt i planen', exact: true }).click();
      }
      // Wide tables scroll inside their own region; nothing else in <main> may stick out.
      const outside = (await page.evaluate(
        `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 375.5 && !e.closest('.table-scroll')).map((e) => e.tagName + '.' + e.className)`,
      )) as string[];
      assert.deepEqual(outside, [], `${path} has elements past 375 px`);
    }
    await context.close();
  });

  for (const language of ['sv', 'en'] as const) {
    it(`has no axe violations on the list, the indicator pages with their forms open, and the cohorts (${language})`, async () => {
      const context = await browser.newContext();
      await context.addInitScript(`localStorage.setItem('delaktig.lang', '${language}')`);
      const page = await context.newPage();
      await signIn(page, app.url, 'laxa.samordnare');
      await page.goto(`${app.url}/kommuner/1860/indikatorer`);
      await settled(page);
      assert.equal(await page.getAttribute('html', 'lang'), language);
      await page.locator('.ind-new summary').click();
      await expectNoAxeViolations(page, `indicators list (${language})`);

      await page.goto(`${app.url}/indikatorer/${selfSufficient}`);
      await settled(page);
      await page.locator('.ind-chart [role="img"]').waitFor();
      await page
        .getByRole('button', { name: language === 'sv' ? 'Ändra kopplingen till Delmål 1' : 'Change the link to Delmål 1', exact: true })
        .click();
      await page
        .getByRole('button', { name: language === 'sv' ? 'Koppla till en punkt i planen' : 'Link to a plan item', exact: true })
        .click();
      await page.locator('#ind-new-link-item option').nth(1).waitFor({ state: 'attached' });
      await expectNoAxeViolations(page, `indicator page with forms open (${language})`);

      await page.goto(`${app.url}/indikatorer/${kolada}`);
      await settled(page);
      await page.getByRole('button', { name: language === 'sv' ? 'Hämta från Kolada' : 'Fetch from Kolada', exact: true }).click();
      await page.locator('.ind-feedback .alert').waitFor({ timeout: 30_000 });
      await expectNoAxeViolations(page, `Kolada indicator with its forms (${language})`);

      await page.goto(`${app.url}/kommuner/1860/kohorter`);
      await settled(page);
      await page.getByRole('button', { name: language === 'sv' ? 'Ny kohort' : 'New cohort', exact: true }).click();
      await expectNoAxeViolations(page, `cohorts (${language})`);
      await context.close();
    });
  }
});
