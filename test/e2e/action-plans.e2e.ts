import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

async function kalixPlanPath(app: RunningApp): Promise<string> {
  const docs = (await (await fetch(`${app.url}/api/municipalities/2514/documents`)).json()) as { id: string; kind: string }[];
  const plan = docs.find((d) => d.kind === 'plan');
  assert.ok(plan);
  return `/planer/${plan.id}`;
}

describe("Kalix's yearly cycle in the browser: action plans, the activity plan, a revision", { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let planPath: string;
  let fokPath: string;
  let revisionPath: string;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    planPath = await kalixPlanPath(app);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const newPage = async (): Promise<Page> => (await browser.newContext()).newPage();

  it('lets the coordinator ask two units for their action plans', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'kalix.samordnare');
    await page.goto(`${app.url}${planPath}`);
    await page.getByRole('link', { name: 'Handlingsplaner', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Handlingsplaner', exact: true }).waitFor();
    await page.getByText('Inga handlingsplaner är begärda ännu.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Skicka begäran', exact: true }).click();
    await page.getByText('Välj minst en enhet.', { exact: true }).waitFor();
    await page.getByLabel('FoK', { exact: true }).check();
    await page.getByLabel('UTB', { exact: true }).check();
    await page.getByLabel('Svar senast', { exact: true }).fill('2016-10-31');
    await page.getByLabel('Meddelande till enheterna', { exact: true }).fill('Utgå från de delmål där er förvaltning har ansvar.');
    await page.getByRole('button', { name: 'Skicka begäran', exact: true }).click();
    await page.getByText('Begäran är skickad till 2 enheter.', { exact: true }).waitFor();
    const rows = page.locator('table tbody tr');
    await rows.nth(1).waitFor();
    assert.deepEqual(await rows.locator('th').allInnerTexts(), ['FoK', 'UTB']);
    assert.deepEqual(await rows.locator('.badge').allInnerTexts(), ['Begärd', 'Begärd']);
    assert.equal(await page.getByLabel('FoK (redan tillfrågad)', { exact: true }).isDisabled(), true);
    await page.context().close();
  });

  it("lets FoK's reporter add an activity under a goal and submit the action plan", async () => {
    const page = await newPage();
    await signIn(page, app.url, 'kalix.rapportor');
    await page.goto(`${app.url}${planPath}/handlingsplaner`);
    await page.getByRole('link', { name: 'Öppna handlingsplanen för FoK', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Handlingsplan FoK – Integrationsplan', exact: true }).waitFor();
    fokPath = new URL(page.url()).pathname;
    await page.getByText('Utgå från de delmål där er förvaltning har ansvar.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Lägg till aktivitet för Delmål 1', exact: true }).first().click();
    await page.getByLabel('Aktivitet', { exact: true }).fill('Språkcaféer på biblioteket varje vecka');
    await page.getByLabel('Återkommer', { exact: true }).selectOption('FREQ=MONTHLY');
    await page.getByLabel('Typ av målvärde', { exact: true }).selectOption('value');
    await page.getByLabel('Värde', { exact: true }).fill('40');
    await page.getByLabel('Enhet', { exact: true }).fill('träffar');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Aktiviteten är tillagd.', { exact: true }).waitFor();
    const activity = page.locator('li.node', { hasText: 'Språkcaféer på biblioteket varje vecka' });
    await activity.getByText('månadsvis', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Skicka in handlingsplanen', exact: true }).click();
    await page.getByText('Handlingsplanen är inskickad till samordnaren.', { exact: true }).waitFor();
    await page
      .getByText('Handlingsplanen är inskickad och låst tills samordnaren godkänner den eller skickar tillbaka den.', { exact: true })
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Lägg till aktivitet', exact: true }).count(), 0, 'locked once submitted');
    await page.context().close();
  });

  it('lets the coordinator return one action plan with a comment and accept another', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'kalix.samordnare');
    await page.goto(`${app.url}${planPath}/handlingsplaner`);
    await page.getByRole('link', { name: 'Öppna handlingsplanen för UTB', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Handlingsplan UTB – Integrationsplan', exact: true }).waitFor();
    // UTB answers on paper: the coordinator writes its activity in and submits for it.
    await page.getByRole('button', { name: 'Lägg till aktivitet för Delmål 5', exact: true }).first().click();
    await page.getByLabel('Aktivitet', { exact: true }).fill('Praktikplatser i skolans kök och vaktmästeri');
    await page.getByLabel('Senast', { exact: true }).first().fill('2017');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Aktiviteten är tillagd.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Skicka in handlingsplanen', exact: true }).click();
    await page.getByText('Handlingsplanen är inskickad till samordnaren.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await page.getByText('Handlingsplanen är godkänd.', { exact: true }).waitFor();

    await page.goto(`${app.url}${fokPath}`);
    await page.getByRole('heading', { level: 2, name: 'Samordnarens beslut', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'a submitted action plan with the decision');
    await page.getByRole('button', { name: 'Skicka tillbaka', exact: true }).click();
    await page.getByLabel('Vad behöver enheten ändra?', { exact: true }).fill('Ange vem som leder språkcaféerna.');
    await expectNoAxeViolations(page, 'the return form');
    await page.getByRole('button', { name: 'Skicka tillbaka', exact: true }).click();
    await page.getByText('Handlingsplanen är återskickad till enheten.', { exact: true }).waitFor();

    await page.goto(`${app.url}${planPath}/handlingsplaner`);
    const rows = page.locator('table tbody tr');
    await rows.nth(1).waitFor();
    assert.deepEqual(await rows.locator('.badge').allInnerTexts(), ['Återskickad', 'Godkänd']);
    await page.context().close();
  });

  it("shows the coordinator's comment to the unit, which may edit again", async () => {
    const page = await newPage();
    await signIn(page, app.url, 'kalix.rapportor');
    await page.goto(`${app.url}${fokPath}`);
    await page.getByRole('heading', { level: 2, name: 'Samordnarens kommentar', exact: true }).waitFor();
    await page.getByText('Ange vem som leder språkcaféerna.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Skicka in handlingsplanen', exact: true }).waitFor();
    await page.context().close();
  });

  it('compiles the accepted action plans into the activity plan and records its adoption', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'kalix.samordnare');
    await page.goto(`${app.url}${planPath}/handlingsplaner`);
    await page.getByRole('button', { name: 'Sammanställ aktivitetsplanen', exact: true }).click();
    await page.getByText('Aktivitetsplanen är sammanställd.', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Öppna Aktivitetsplan – Integrationsplan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Aktivitetsplan – Integrationsplan', exact: true }).waitFor();
    await page.locator('li.node', { hasText: 'Praktikplatser i skolans kök och vaktmästeri' }).last().waitFor();
    assert.equal(
      await page.getByText('Språkcaféer på biblioteket varje vecka', { exact: true }).count(),
      0,
      'the returned plan is not compiled',
    );
    await page.getByRole('button', { name: 'Redigera dokumentets uppgifter', exact: true }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('adopted');
    await page.getByLabel('Beslutande organ', { exact: true }).fill('KS');
    await page.getByLabel('Datum', { exact: true }).fill('2016-12-05');
    await page.getByLabel('§', { exact: true }).fill('§ 212');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Dokumentets uppgifter är sparade.', { exact: true }).waitFor();
    await page.reload();
    await page.getByText('KS 2016-12-05 § 212', { exact: true }).waitFor();
    await page.locator('.plan-header .badge', { hasText: 'Antagen' }).waitFor();
    await page.context().close();
  });

  it('starts a revision, shows its difference to the adopted version and adopts it, superseding the old edition', async () => {
    const page = await newPage();
    await signIn(page, app.url, 'kalix.samordnare');
    await page.goto(`${app.url}${planPath}`);
    await page.getByRole('button', { name: 'Starta revidering', exact: true }).click();
    await page.waitForURL((url) => url.pathname !== planPath && url.pathname.startsWith('/planer/'));
    revisionPath = new URL(page.url()).pathname;
    await page.locator('.plan-header .badge', { hasText: 'Utkast' }).waitFor();
    await page.getByText('Utgåva 2', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Redigera planen', exact: true }).click();
    await page
      .getByRole('group', { name: 'Åtgärder för Vision', exact: true })
      .getByRole('button', { name: 'Redigera', exact: true })
      .click();
    await page.getByLabel('Text', { exact: true }).fill('Omtänksamhet, framtidstro och delaktighet');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Ändringen är sparad.', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Ändringar mot antagen version', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Ändringar mot antagen version', exact: true }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Ändrade punkter (1)', exact: true }).waitFor();
    const changed = page.locator('.card', { has: page.getByRole('heading', { level: 4, name: 'Vision', exact: true }) });
    await changed.locator('del', { hasText: 'Omtänksamhet och framtidstro' }).waitFor();
    await changed.locator('ins', { hasText: 'Omtänksamhet, framtidstro och delaktighet' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Tillagda punkter (0)', exact: true }).waitFor();

    await expectNoAxeViolations(page, 'the diff with the adoption form');
    await page.getByLabel('Beslutande organ', { exact: true }).fill('KF');
    await page.getByLabel('Beslutsdatum', { exact: true }).fill('2020-06-15');
    await page.getByLabel('§', { exact: true }).fill('§ 77');
    await page.getByRole('button', { name: 'Registrera antagandet', exact: true }).click();
    await page.getByText('Utgåvan är antagen; den tidigare utgåvan är ersatt.', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Versioner', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Versioner', exact: true }).waitFor();
    const rows = page.locator('table tbody tr');
    await rows.nth(1).waitFor();
    assert.deepEqual(await rows.locator('.badge').allInnerTexts(), ['Antagen', 'Ersatt']);
    await page.context().close();

    // The superseded edition stays a public record.
    const anonymous = await newPage();
    await anonymous.goto(`${app.url}${planPath}`);
    await anonymous.locator('.plan-header .badge', { hasText: 'Ersatt' }).waitFor();
    await anonymous.getByText('KF 2016-06-20 §108', { exact: true }).waitFor();
    await anonymous.context().close();
  });

  for (const language of ['sv', 'en'] as const) {
    it(`has no axe violations on the new screens (${language})`, async () => {
      const context = await browser.newContext();
      await context.addInitScript(`localStorage.setItem('delaktig.lang', '${language}')`);
      const page = await context.newPage();
      await signIn(page, app.url, 'kalix.samordnare');
      const screens: { path: string; ready: string; open?: string }[] = [
        { path: `${planPath}/handlingsplaner`, ready: 'table' },
        { path: `${revisionPath}/handlingsplaner`, ready: 'form' },
        {
          path: fokPath,
          ready: 'section.card',
          open: language === 'sv' ? 'Lägg till aktivitet för Delmål 1' : 'Add activity for Delmål 1',
        },
        { path: `${revisionPath}/versioner`, ready: 'table' },
        { path: `${revisionPath}/andringar`, ready: 'del' },
        { path: revisionPath, ready: 'ol.tree' },
      ];
      for (const screen of screens) {
        await page.goto(`${app.url}${screen.path}`);
        await page.locator('h1').first().waitFor();
        await page.locator(screen.ready).first().waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), language);
        await expectNoAxeViolations(page, `${screen.path} (${language})`);
        if (screen.open) {
          await page.getByRole('button', { name: screen.open, exact: true }).first().click();
          await page.locator('form.item-form').waitFor();
          await expectNoAxeViolations(page, `${screen.path} activity form (${language})`);
        }
      }
      await context.close();
    });
  }
});
