import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

// A one-pixel PNG for the attachment.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function inDays(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

describe('integration fund, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  const callTitle = `Integrationsfonden ${new Date().getUTCFullYear()}`;
  let applicationUrl = '';

  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the coordinator creates the fund and opens a call', async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(`${app.url}/kommuner/1860`);
    await page.getByRole('link', { name: 'Integrationsfond: utlysningar och beviljade bidrag' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrationsfond – Laxå' }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Skapa fonden' }).click();
    await page.getByText('Fonden är skapad.').waitFor();
    await page.getByRole('button', { name: 'Ny utlysning' }).click();
    await page.getByLabel('Utlysning', { exact: true }).fill(callTitle);
    await page.getByLabel('Budget för året (kronor)').fill('100000');
    await page.getByLabel('Öppnar').fill(inDays(-1));
    await page.getByLabel('Sista ansökningsdag').fill(inDays(60));
    await page.getByLabel('Projekten genomförs från').fill(inDays(0));
    await page.getByLabel('Projekten genomförs till').fill(inDays(365));
    await page.getByRole('button', { name: 'Lägg till kriterium' }).click();
    await page.getByLabel('Kriterium 2', { exact: true }).fill('Når målgruppen');
    await expectNoAxeViolations(page, 'the call form (sv)');
    await page.getByRole('button', { name: 'Spara som utkast' }).click();
    await page.getByText('Utlysningen är sparad som utkast.').waitFor();
    await page.getByRole('button', { name: `Öppna ${callTitle}` }).click();
    await page.getByText(`${callTitle} är öppen.`).waitFor();
    await page.getByRole('button', { name: `Ändra ${callTitle}` }).click();
    await page.getByLabel('Budget för året (kronor)').fill('120000');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Utlysningen är ändrad.').waitFor();
    await page
      .getByRole('cell', { name: /120\s000\skr/ })
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'the fund overview (sv)');
    await page.close();
  });

  it('an association registers, applies with budget lines and an attachment, and submits', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/kommuner/1860/fonden`);
    await settled(page);
    await page.getByRole('link', { name: callTitle }).waitFor();
    await page.getByRole('link', { name: 'Registrera er organisation för att söka' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrera organisation' }).waitFor();
    await page.getByLabel('Organisationsnummer').fill('802400-1234');
    await page.getByLabel('Organisationens namn').fill('Laxå Schackklubb');
    await page.getByLabel('Kontaktperson').fill('Sara Schack');
    await page.getByLabel('E-post').fill('sara@schack.example');
    await page.getByLabel('Lösenord').fill('schackmatt-123');
    await page.getByRole('button', { name: 'Registrera och logga in' }).click();
    await page.getByText('kontrollsiffran (den sista) är fel').first().waitFor();
    await expectNoAxeViolations(page, 'the registration form with a problem (sv)');
    await page.getByLabel('Organisationsnummer').fill('802400-1235');
    await page.getByRole('button', { name: 'Registrera och logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina ansökningar' }).waitFor();
    await settled(page);

    await page.getByRole('link', { name: 'Utlysningar' }).click();
    await page.getByRole('link', { name: callTitle }).click();
    await page.getByRole('button', { name: 'Ansök i den här utlysningen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Ansökan' }).waitFor();
    await page.getByLabel('Projektets namn').fill('Schack för alla');
    await page.getByLabel('Syfte').fill('Mötas över schackbrädet');
    await page.getByLabel('Målgrupp').fill('Nyanlända barn och vuxna');
    await page.getByLabel('Startdatum').fill(inDays(10));
    await page.getByLabel('Slutdatum').fill(inDays(200));
    await page.getByLabel('Mål i integrationsplanen som projektet stöder').selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Lägg till aktivitet' }).click();
    await page.getByLabel('Aktivitet 1', { exact: true }).fill('Turnering');
    await page.getByLabel('Datum för aktivitet 1 (ÅÅÅÅ-MM-DD)').fill(inDays(30));
    await page.getByRole('button', { name: 'Lägg till budgetrad' }).click();
    await page.getByLabel('Budgetrad 1', { exact: true }).fill('Schackbräden');
    await page.getByLabel('Belopp för budgetrad 1 (kronor)').fill('15000');
    await page.getByRole('button', { name: 'Lägg till budgetrad' }).click();
    await page.getByLabel('Budgetrad 2', { exact: true }).fill('Lokal');
    await page.getByLabel('Belopp för budgetrad 2 (kronor)').fill('12000');
    await page.getByRole('button', { name: 'Ta bort Budgetrad 2' }).click();
    await page.getByRole('button', { name: 'Lägg till budgetrad' }).click();
    await page.getByLabel('Budgetrad 2', { exact: true }).fill('Fika');
    await page.getByLabel('Belopp för budgetrad 2 (kronor)').fill('5000');
    await page.getByRole('button', { name: 'Lägg till medfinansiering' }).click();
    await page.getByLabel('Medfinansiär 1', { exact: true }).fill('Schackförbundet');
    await page.getByLabel('Belopp från medfinansiär 1 (kronor)').fill('2000');
    await page.getByText(/Sökt belopp: 18\s000\skr/).waitFor();
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await page.getByText('Utkastet är sparat.').waitFor();
    await page.getByLabel('Bifoga fil').setInputFiles({ name: 'budget.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('budget.png är bifogad.').waitFor();
    await expectNoAxeViolations(page, 'the application form (sv)');
    applicationUrl = page.url();
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await page.getByText('Ansökan är inskickad.').waitFor();
    await page.locator('.fund-status', { hasText: 'Inskickad' }).first().waitFor();
    await page.getByRole('link', { name: 'budget.png' }).waitFor();
    await context.close();
  });

  it('the coordinator scores, sees the ranking within the budget, decides and records a payment', async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    await page.goto(`${app.url}/kommuner/1860/fonden`);
    await page.getByRole('link', { name: callTitle }).click();
    await page.getByRole('heading', { level: 2, name: 'Ansökningar i rangordning' }).waitFor();
    const row = page.getByRole('row', { name: /Schack för alla/ });
    await row.getByText('Inom budget').waitFor();
    await expectNoAxeViolations(page, 'the ranking (sv)');
    await row.getByRole('link', { name: 'Schack för alla' }).click();
    await page.getByRole('heading', { level: 2, name: 'Bedöm ansökan' }).waitFor();
    await page.getByLabel(/^Bidrar till integrationsplanens mål/).selectOption('5');
    await page.getByLabel(/^Når målgruppen/).selectOption('4');
    await page.getByLabel('Kommentar').fill('Tydlig plan');
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.getByText('Bedömningen är sparad.').waitFor();
    await page.getByText('Viktat medelbetyg: 4.5').waitFor();
    await page.getByLabel('Beslutsdatum').fill(inDays(70));
    await page.getByLabel('Protokollsparagraf').fill('§ 45');
    await page.getByLabel('Beviljat belopp (kronor)').fill('200000');
    await page.getByRole('button', { name: 'Spara beslutet' }).click();
    await page
      .getByText(/överstiger vad som finns kvar i budgeten/)
      .first()
      .waitFor();
    await page.getByLabel('Beviljat belopp (kronor)').fill('18000');
    await page.getByRole('button', { name: 'Spara beslutet' }).click();
    await page.getByText('Beslutet är registrerat.').waitFor();
    await page.getByLabel('Utbetalningsdag').fill(inDays(75));
    await page.getByRole('button', { name: 'Spara utbetalningen' }).click();
    await page.getByText('Utbetalningen är registrerad.').waitFor();
    await page.getByText(/Utbetalt 18\s000\skr av 18\s000\skr/).waitFor();
    await expectNoAxeViolations(page, 'the decided application (sv)');
    await page.close();
  });

  it('the applicant sees the status and files the final report', async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, 'sara@schack.example', 'schackmatt-123');
    await page.goto(`${app.url}/fonden/mina`);
    await settled(page);
    const row = page.getByRole('row', { name: /Schack för alla/ });
    await row.locator('.fund-status', { hasText: 'Beviljad' }).waitFor();
    await row.getByRole('link', { name: 'Schack för alla' }).click();
    await page.getByRole('heading', { level: 2, name: 'Lämna slutrapport' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Bedömningar' }).count(), 0, 'the applicant sees no scores');
    await page.getByLabel('Vad genomfördes').fill('Tolv träffar och en turnering');
    await page.getByLabel('Antal deltagare').fill('28');
    await page.getByLabel('Förbrukat belopp (kronor)').fill('17500');
    await page.getByRole('button', { name: 'Skicka slutrapporten' }).click();
    await page.getByText('Slutrapporten är inskickad.').waitFor();
    await page.locator('.fund-status', { hasText: 'Slutrapporterad' }).first().waitFor();
    await expectNoAxeViolations(page, 'the completed application (sv)');
    assert.equal(page.url(), applicationUrl);
    await page.close();
  });

  it('reads in English without axe violations: the public fund page, the call and the applicant’s own pages', async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: "localStorage.setItem('delaktig.lang', 'en');" });
    const page = await context.newPage();
    await page.goto(`${app.url}/kommuner/1860/fonden`);
    await page.getByRole('heading', { level: 1, name: 'Integration fund – Laxå' }).waitFor();
    await settled(page);
    await page
      .getByRole('cell', { name: /18,000\skr/ })
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'the fund overview (en)');
    await page.getByRole('link', { name: callTitle }).click();
    await page.getByRole('heading', { level: 2, name: 'Assessment criteria' }).waitFor();
    await expectNoAxeViolations(page, 'the call (en)');
    await page.goto(`${app.url}/kommuner/1860/fonden/registrera`);
    await page.getByRole('heading', { level: 1, name: 'Register an organisation' }).waitFor();
    await expectNoAxeViolations(page, 'the registration (en)');
    await signIn(page, app.url, 'sara@schack.example', 'schackmatt-123');
    await page.goto(applicationUrl);
    await page.getByRole('heading', { level: 2, name: 'Final report' }).waitFor();
    await expectNoAxeViolations(page, 'the application (en)');
    await page.goto(`${app.url}/fonden/mina`);
    await page.getByRole('heading', { level: 1, name: 'My applications' }).waitFor();
    await settled(page);
    await expectNoAxeViolations(page, 'my applications (en)');
    await context.close();
  });
});
