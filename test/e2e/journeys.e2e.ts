import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

async function planUrl(app: RunningApp, code: string): Promise<string> {
  const docs = (await (await fetch(`${app.url}/api/municipalities/${code}/documents`)).json()) as { id: string }[];
  assert.ok(docs[0]);
  return `${app.url}/planer/${docs[0].id}`;
}

describe('a coordinator at work, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const newPage = async (): Promise<Page> => (await browser.newContext()).newPage();

  it('refuses a wrong password with a message, then signs in', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill('laxa.samordnare');
    await page.getByLabel('Lösenord').fill('fel');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fel användarnamn eller lösenord' }).waitFor();
    await page.getByLabel('Lösenord').fill('demo');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('Integrationssamordnare, Laxå').waitFor();
    await page.context().close();
  });

  it("opens Laxå's plan as its own tree: Delmål, activities, recurrences in words", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Laxå', exact: true }).first().click();
    await page.getByRole('link', { name: /Integrationsplan Laxå/ }).click();
    await page.getByRole('heading', { level: 1, name: /Integrationsplan Laxå/ }).waitFor();
    assert.equal(await page.title(), 'Integrationsplan Laxå kommun 2015-2018 – Delaktig');
    await page.getByText('Delmål 1', { exact: true }).waitFor();
    const sfi = page.locator('li.node', { hasText: 'Kvartalsvisa samtal med Sydnärkes utbildningsförbund angående SFI' }).last();
    await sfi.getByText('kvartalsvis', { exact: true }).waitFor();
    await page.getByText('KS 2015-03-03 §41').waitFor();
    await page.locator('li.node', { hasText: 'Medborgarceremoni' }).last().getByText('varje år den 6 juni', { exact: true }).waitFor();
    await page.context().close();
  });

  it('edits an item by keyboard alone and finds it saved after a reload', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(await planUrl(app, '1860'));
    await page.getByRole('button', { name: 'Redigera planen' }).focus();
    await page.keyboard.press('Enter');
    const toolbar = page.getByRole('group', { name: 'Åtgärder för Aktivitet 3' }).first();
    await toolbar.getByRole('button', { name: 'Redigera' }).focus();
    await page.keyboard.press('Enter');
    const text = page.getByLabel('Text', { exact: true });
    await text.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Genomföra handledarutbildningar för alla enheter och bolag senast under 2016');
    await page.getByLabel('Senast', { exact: true }).first().focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2016-12-31');
    await page.getByRole('button', { name: 'Spara' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Ändringen är sparad.').waitFor();
    await page.reload();
    await page.getByText('Genomföra handledarutbildningar för alla enheter och bolag senast under 2016').waitFor();
    await page.getByText('senast 31 december 2016').waitFor();
    await page.context().close();
  });

  it('shows a field problem next to the field', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(await planUrl(app, '1860'));
    await page.getByRole('button', { name: 'Redigera planen' }).click();
    await page.getByRole('group', { name: 'Åtgärder för Aktivitet 1' }).first().getByRole('button', { name: 'Redigera' }).click();
    await page.getByLabel('Senast', { exact: true }).first().fill('snart');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Kontrollera de markerade fälten.').waitFor();
    assert.equal(await page.getByLabel('Senast', { exact: true }).first().getAttribute('aria-invalid'), 'true');
    await page.context().close();
  });

  it("marks Kalix's empty matrix by clicking, and the mark survives a reload", async () => {
    const page = await newPage();
    await signIn(page, app.url, 'kalix.samordnare');
    await page.goto(`${await planUrl(app, '2514')}/ansvar`);
    await page.locator('table.matrix tbody tr').first().waitFor();
    const headers = page.locator('table.matrix thead th');
    assert.deepEqual(await headers.allInnerTexts(), ['Punkt', 'FoK', 'KS', 'SBF', 'SOC', 'UTB']);
    assert.equal(await page.locator('td.cell.lead, td.cell.contributor').count(), 0, 'empty, as in the source');
    const cell = page.locator('table.matrix tbody tr').first().locator('td.cell').nth(1).getByRole('button');
    await cell.click();
    await page.getByText(/Sparat: KS – Ansvarig/).waitFor();
    await cell.click();
    await page.getByText(/Sparat: KS – Medverkar/).waitFor();
    await page.reload();
    await page.locator('table.matrix tbody tr').first().locator('td.cell.contributor').waitFor();
    assert.equal(await page.locator('td.cell.contributor').count(), 1);
    await page.context().close();
  });

  it('refuses the second of two concurrent saves and shows the saved text', async () => {
    const [first, second] = [await newPage(), await newPage()];
    const url = await planUrl(app, '0117');
    for (const page of [first, second]) {
      await signIn(page, app.url, 'osteraker.samordnare');
      await page.goto(url);
      await page.getByRole('button', { name: 'Redigera planen' }).click();
      await page.getByRole('group', { name: 'Åtgärder för Åtgärd 6' }).getByRole('button', { name: 'Redigera' }).click();
    }
    await first.getByLabel('Text', { exact: true }).fill('Dialog med näringslivet om 15 praktikplatser per år.');
    await first.getByRole('button', { name: 'Spara' }).click();
    await first.getByText('Ändringen är sparad.').waitFor();
    await second.getByLabel('Text', { exact: true }).fill('En annan formulering.');
    await second.getByRole('button', { name: 'Spara' }).click();
    const alert = second.getByRole('alert');
    await alert.getByText(/Någon annan har sparat ändringar/).waitFor();
    await alert.getByText('Dialog med näringslivet om 15 praktikplatser per år.').waitFor();
    await second.getByRole('button', { name: 'Visa den sparade versionen' }).click();
    await second.locator('li.node', { hasText: 'Dialog med näringslivet om 15 praktikplatser per år.' }).first().waitFor();
    await first.context().close();
    await second.context().close();
  });

  it('shows a reporter which items are hers and lets her edit only those', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'osteraker.rapportor');
    await page.goto(await planUrl(app, '0117'));
    await page.getByText('Din enhet ansvarar för 6 punkter i planen').waitFor();
    assert.equal(await page.locator('li.node.mine').count(), 6);
    await page.getByRole('button', { name: 'Redigera planen' }).click();
    const toolbars = page.getByRole('group', { name: /^Åtgärder för/ });
    await toolbars.first().waitFor();
    assert.equal(await toolbars.count(), 6);
    assert.deepEqual(await toolbars.first().getByRole('button').allInnerTexts(), ['Redigera']);
    await toolbars.first().getByRole('button', { name: 'Redigera' }).click();
    await page.locator('form.item-form').waitFor();
    assert.equal(await page.getByLabel('Nivånamn').count(), 0, 'a reporter edits content, not structure');
    await page.getByLabel('Text', { exact: true }).fill('Samarbetet med det lokala näringslivet är etablerat genom ett företagsråd.');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringen är sparad.').waitFor();
    await expectNoAxeViolations(page, 'reporter view');
    await page.context().close();
  });

  it('lets an administrator create a reporter account that can then sign in', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'admin', 'admin-test-password');
    await page.getByRole('link', { name: 'Konton' }).click();
    await page.getByRole('button', { name: 'Nytt konto' }).click();
    await page.getByLabel('Användarnamn').fill('kalix.ny.rapportor');
    await page.getByLabel('Namn', { exact: true }).fill('Ny rapportör');
    await page.getByLabel('Lösenord').fill('ett-långt-lösenord');
    await page.getByLabel('Roll', { exact: true }).selectOption('reporter');
    await page.getByLabel('Kommun', { exact: true }).selectOption('2514');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('En rapportör behöver minst en enhet att rapportera för.').waitFor();
    await page.getByLabel('Kommunstyrelsen (KS)', { exact: true }).check();
    await expectNoAxeViolations(page, 'new account form');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Kontot kalix.ny.rapportor är skapat.').waitFor();
    await page.getByRole('cell', { name: 'kalix.ny.rapportor', exact: true }).waitFor();
    const other = await newPage();
    await signIn(other, app.url, 'kalix.ny.rapportor', 'ett-långt-lösenord');
    await other.getByText('Ny rapportör').waitFor();
    await page.context().close();
    await other.context().close();
  });

  it("records a plan's adoption in its details", async () => {
    const page = await newPage();
    await signIn(page, app.url, 'osteraker.samordnare');
    await page.goto(await planUrl(app, '0117'));
    await page.getByRole('button', { name: 'Redigera dokumentets uppgifter' }).click();
    await expectNoAxeViolations(page, 'document form');
    await page.getByLabel('Status').selectOption('adopted');
    await page.getByLabel('Datum', { exact: true }).fill('2015-09-02');
    await page.getByLabel('§').fill('§ 7:12');
    await page.getByLabel('Revidering, vart … år').fill('4');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Dokumentets uppgifter är sparade.').waitFor();
    await page.reload();
    await page.getByText('KS 2015-09-02 § 7:12 dnr KS 2015/0200').waitFor();
    await page.getByText('vart 4:e år').waitFor();
    await page.context().close();
  });

  it('shows which EU principles the plan covers, with a table beside the picture', async () => {
    const page = await newPage();
    await page.goto(`${await planUrl(app, '1860')}/ramverk`);
    await page.getByRole('heading', { name: 'Koppling till ramverk' }).waitFor();
    await page.getByText('0 av 11 täcks av någon punkt').waitFor();
    const eccar = page.locator('section.framework').filter({ has: page.getByRole('heading', { name: /ECCAR/ }) });
    await eccar.getByText('Punkter kopplade till hela ramverket:').waitFor();
    assert.ok((await page.locator('table').count()) >= 3);
    await page.context().close();
  });
});

describe('every screen passes axe in Swedish and English', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const language of ['sv', 'en'] as const) {
    it(`has no violations on any screen (${language})`, async () => {
      const context = await browser.newContext();
      await context.addInitScript(`localStorage.setItem('delaktig.lang', '${language}')`);
      const page = await context.newPage();
      const laxa = await planUrl(app, '1860');
      const kalix = await planUrl(app, '2514');
      const publicScreens = [
        '/',
        '/kommuner/1860',
        laxa.replace(app.url, ''),
        `${kalix.replace(app.url, '')}/ansvar`,
        `${laxa.replace(app.url, '')}/ramverk`,
        '/logga-in',
        '/finns-inte',
      ];
      for (const path of publicScreens) {
        await page.goto(`${app.url}${path}`);
        await page.locator('h1').first().waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), language);
        await expectNoAxeViolations(page, `${path} (${language}, public)`);
      }
      await signIn(page, app.url, 'admin', 'admin-test-password');
      for (const path of [
        '/kommuner/2514',
        laxa.replace(app.url, ''),
        `${kalix.replace(app.url, '')}/ansvar`,
        '/admin/logg',
        '/admin/konton',
      ]) {
        await page.goto(`${app.url}${path}`);
        await page.locator('h1').first().waitFor();
        if (path === laxa.replace(app.url, '')) {
          // Every editing panel: item form, responsibility, frameworks, translations, delete confirmation.
          await page.getByRole('button', { name: language === 'sv' ? 'Redigera planen' : 'Edit the plan' }).click();
          const toolbar = page.locator('.toolbar[role=group]').first();
          for (const [index, selector] of [
            [0, 'form.item-form'],
            [7, 'form.item-form'],
            [8, 'form.item-form'],
            [9, 'section.translations'],
            [10, '[role=alertdialog]'],
          ] as const) {
            await toolbar.getByRole('button').nth(index).click();
            await page.locator(selector).first().waitFor();
            await expectNoAxeViolations(page, `${path} panel ${index} (${language})`);
          }
        }
        await expectNoAxeViolations(page, `${path} (${language}, signed in)`);
      }
      await context.close();
    });
  }
});
