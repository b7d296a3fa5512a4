import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/kernel/config.ts';
import { issueLink } from '../../src/capabilities/notifications/links.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn } from './support.ts';

const skip = browserSkipReason();

/**
 * startApp() of support.ts does not hand out its database, and the outbox hides personal links; so this file starts
 * the same app (fresh PGlite demo database, built web app) itself and keeps the database to issue a link with issueLink.
 */
async function startAppWithDb() {
  const store = await freshStore('pglite');
  const config = loadConfig({}, { DEMO: true, PORT: 0, HOST: '127.0.0.1', ...OFFLINE_SOURCES, ...TEST_LIMITS });
  const app = await buildServer({ db: store.db, store: store.kind, config, demo: true });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db: store.db,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

async function sessionCookie(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  assert.equal(response.status, 200);
  const cookie = response.headers.getSetCookie()[0];
  assert.ok(cookie);
  return cookie.split(';')[0] as string;
}

/** A minimal valid PDF: header, one empty page, cross-reference table and trailer with correct offsets. */
function minimalPdf(): Buffer {
  const objects = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += o;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** axe in Swedish, then in English through the language menu, then back to Swedish. */
async function axeInBoth(page: Page, what: string, englishHeading: RegExp): Promise<void> {
  await expectNoAxeViolations(page, `${what} (sv)`);
  // The menu's label wraps it, so its name also holds the chosen language; it is the header's only select.
  await page.locator('.site-header select').selectOption('en');
  await page.getByRole('heading', { level: 1, name: englishHeading }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await expectNoAxeViolations(page, `${what} (en)`);
  await page.locator('.site-header select').selectOption('sv');
  await page.waitForFunction("document.documentElement.lang === 'sv'");
}

/** Nothing is wider than a 375 px phone. */
async function fitsNarrowScreen(page: Page, what: string): Promise<void> {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 375, `${what} is ${width} px wide at 375 px`);
}

describe('reporting: my reports, the report, review, timeline, personal link, outbox', { skip }, () => {
  let app: Awaited<ReturnType<typeof startAppWithDb>>;
  let browser: Browser;
  let cycleId = '';
  let taskId = '';
  let reporterTasks = 0;
  before(async () => {
    [app, browser] = await Promise.all([startAppWithDb(), launchBrowser()]);
    const coordinator = await sessionCookie(app.url, 'osteraker.samordnare');
    const docs = (await (await fetch(`${app.url}/api/municipalities/0117/documents`)).json()) as { id: string }[];
    assert.ok(docs[0]);
    const opened = await fetch(`${app.url}/api/plans/${docs[0].id}/cycles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: coordinator },
      body: JSON.stringify({ periodFrom: '2015-07-01', periodTo: '2015-12-31', deadline: '2016-01-31' }),
    });
    assert.equal(opened.status, 201, await opened.clone().text());
    cycleId = ((await opened.json()) as { id: string }).id;
    const mine = (await (
      await fetch(`${app.url}/api/my/tasks`, { headers: { cookie: await sessionCookie(app.url, 'osteraker.rapportor') } })
    ).json()) as { tasks: { cycleId: string }[] };
    reporterTasks = mine.tasks.filter((t) => t.cycleId === cycleId).length;
    assert.ok(reporterTasks >= 3, `the reporter has ${reporterTasks} tasks`);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const phonePage = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();

  it('lets the reporter find her reports, write, attach, save, submit, and see the form locked', async () => {
    const page = await phonePage();
    await signIn(page, app.url, 'osteraker.rapportor');
    await page.getByRole('link', { name: /^Mina rapporter/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina rapporter', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Åtgärdsplan för integration – Halvår 2 2015', exact: true }).waitFor();
    await page.getByText('försenad', { exact: true }).first().waitFor();
    assert.equal(await page.locator('li.task-card').count(), reporterTasks);
    assert.equal(await page.locator('li.task-card .badge', { hasText: 'Ej rapporterad' }).count(), reporterTasks);
    await fitsNarrowScreen(page, 'Mina rapporter');
    await axeInBoth(page, 'my reports', /^My reports$/);

    await page.getByRole('link', { name: 'Skriv rapporten för Åtgärd 1', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapport: Åtgärd 1', exact: true }).waitFor();
    taskId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByText('Näringslivs- och utvecklingsenheten', { exact: true }).waitFor();
    await fitsNarrowScreen(page, 'the report page');
    await axeInBoth(page, 'the report page (editable)', /^Report: Åtgärd 1$/);

    // Submitting without a status: the server's problem appears at the status group.
    await page.getByRole('button', { name: 'Skicka in', exact: true }).click();
    await page.locator('.status-group .field-error').getByText('Välj en status innan du skickar in.', { exact: true }).waitFor();
    assert.equal(await page.locator('fieldset.status-group').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Pågår', { exact: true }).check();
    await page.getByLabel('Hur stor del är klar? (procent, 0–100)', { exact: true }).fill('40');
    await page
      .getByLabel('Beskriv vad som har gjorts', { exact: true })
      .fill('Företagsrådet har haft två möten; tre praktikplatser är klara.');

    const fileInput = page.getByLabel('Bifoga en fil som underlag', { exact: true });
    await fileInput.setInputFiles({ name: 'underlag.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await page.getByText('underlag.pdf är bifogad.', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Ladda ner underlag.pdf', exact: true }).waitFor();
    // A text file named .pdf is refused by what it is, with the server's words.
    await fileInput.setInputFiles({
      name: 'falsk.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Detta är ingen PDF, bara text.\n'),
    });
    await page
      .locator('.attachments .field-error')
      .getByText(/^Filtypen tas inte emot\./)
      .waitFor();
    assert.equal(await page.locator('.attachment-list li').count(), 1);

    await page.getByRole('button', { name: 'Spara utkast', exact: true }).click();
    await page.getByText('Utkastet är sparat. Du kan fortsätta senare.', { exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Rapport: Åtgärd 1', exact: true }).waitFor();
    await page.locator('.report-head .badge', { hasText: 'Utkast' }).waitFor();
    assert.equal(await page.getByLabel('Pågår', { exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel('Hur stor del är klar? (procent, 0–100)', { exact: true }).inputValue(), '40');
    assert.equal(
      await page.getByLabel('Beskriv vad som har gjorts', { exact: true }).inputValue(),
      'Företagsrådet har haft två möten; tre praktikplatser är klara.',
    );
    await page.getByRole('link', { name: 'Ladda ner underlag.pdf', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Skicka in', exact: true }).click();
    await page.getByText('Tack! Rapporten är inskickad.', { exact: true }).waitFor();
    await page.getByText(/Rapporten är inskickad och låst\./).waitFor();
    assert.equal(await page.getByLabel('Beskriv vad som har gjorts', { exact: true }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Skicka in', exact: true }).count(), 0);
    assert.equal(await page.getByLabel('Bifoga en fil som underlag', { exact: true }).count(), 0);
    await page.locator('.report-events').getByText('skickade in', { exact: false }).waitFor();
    await axeInBoth(page, 'the report page (locked)', /^Report: Åtgärd 1$/);
    await page.context().close();
  });

  it('lets the coordinator return it with a comment, the reporter resubmit, and the coordinator approve', async () => {
    const coordinator = await (await browser.newContext()).newPage();
    await signIn(coordinator, app.url, 'osteraker.samordnare');
    await coordinator.goto(`${app.url}/rapporter/${taskId}`);
    await coordinator.getByRole('heading', { level: 2, name: 'Samordnarens granskning', exact: true }).waitFor();
    await coordinator.getByRole('button', { name: 'Skicka tillbaka', exact: true }).click();
    await coordinator.getByText('Skriv en kommentar som säger vad som behöver ändras.', { exact: true }).waitFor();
    await coordinator
      .getByLabel('Kommentar till rapportören', { exact: true })
      .fill('Skriv hur många deltagare praktikplatserna har fått.');
    await coordinator.getByRole('button', { name: 'Skicka tillbaka', exact: true }).click();
    await coordinator.getByText('Rapporten är skickad tillbaka till rapportören.', { exact: true }).waitFor();

    const reporter = await phonePage();
    await signIn(reporter, app.url, 'osteraker.rapportor');
    await reporter.goto(`${app.url}/mina-rapporter`);
    const card = reporter.locator('li.task-card.state-returned');
    await card.getByText('Återsänd', { exact: true }).waitFor();
    await card.getByText('Skriv hur många deltagare praktikplatserna har fått.', { exact: true }).waitFor();
    await card.getByRole('link', { name: 'Skriv rapporten för Åtgärd 1', exact: true }).click();
    await reporter.getByText('Samordnaren har skickat tillbaka rapporten', { exact: true }).waitFor();
    await reporter
      .getByLabel('Beskriv vad som har gjorts', { exact: true })
      .fill('Företagsrådet har haft två möten; tre praktikplatser med sju deltagare.');
    await reporter.getByRole('button', { name: 'Skicka in', exact: true }).click();
    await reporter.getByText(/Rapporten är inskickad och låst\./).waitFor();

    await coordinator.reload();
    await coordinator.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await coordinator.getByText('Rapporten är godkänd.', { exact: true }).waitFor();
    await coordinator.locator('.report-head .badge', { hasText: 'Godkänd' }).waitFor();
    await coordinator.getByRole('button', { name: 'Öppna igen', exact: true }).waitFor();
    const events = await coordinator.locator('.report-events li').allInnerTexts();
    assert.deepEqual(
      events.map((e) => e.replace(/^.*?(osteraker\.\w+)/, '$1').split('\n')[0]),
      [
        'osteraker.rapportor sparade ett utkast',
        'osteraker.rapportor skickade in',
        'osteraker.samordnare skickade tillbaka',
        'osteraker.rapportor skickade in',
        'osteraker.samordnare godkände',
      ],
    );

    await reporter.getByRole('link', { name: 'Se punktens historik i alla uppföljningar', exact: true }).click();
    await reporter.getByRole('heading', { level: 1, name: 'Historik: Åtgärd 1', exact: true }).waitFor();
    const entry = reporter.locator('li.timeline-entry', { hasText: 'Halvår 2 2015' });
    await entry.getByText('Företagsrådet har haft två möten; tre praktikplatser med sju deltagare.', { exact: true }).waitFor();
    await entry.locator('.badge', { hasText: 'Godkänd' }).waitFor();
    await reporter.locator('table.timeline-table').getByRole('cell', { name: 'Pågår', exact: true }).waitFor();
    await fitsNarrowScreen(reporter, 'the timeline');
    await axeInBoth(reporter, 'the timeline', /^History: Åtgärd 1$/);

    // The plan view links each goal and activity to its history for the municipality's own people.
    await reporter.goto(`${app.url}/mina-rapporter`);
    await reporter.getByRole('heading', { level: 1, name: 'Mina rapporter', exact: true }).waitFor();
    await reporter.goto(`${app.url}/rapporter/${taskId}`);
    await reporter.getByRole('link', { name: 'Åtgärdsplan för integration', exact: true }).click();
    await reporter.getByRole('link', { name: 'Historik för Åtgärd 1', exact: true }).click();
    await reporter.getByRole('heading', { level: 1, name: 'Historik: Åtgärd 1', exact: true }).waitFor();
    await coordinator.context().close();
    await reporter.context().close();
  });

  it('opens a personal link without signing in, submits the rest and thanks her', async () => {
    const me = (await (
      await fetch(`${app.url}/api/auth/me`, { headers: { cookie: await sessionCookie(app.url, 'osteraker.rapportor') } })
    ).json()) as { user: { id: string } };
    const token = await issueLink(app.db, { userId: me.user.id, cycleId, validDays: 14, now: new Date() });

    const page = await phonePage();
    await page.goto(`${app.url}/svara/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Hej Rapportör, Österåker!', exact: true }).waitFor();
    await page.getByText(`${reporterTasks - 1} rapporter kvar att skicka in.`, { exact: true }).waitFor();
    assert.equal(await page.locator('li.link-task').count(), reporterTasks, 'the approved one is shown too, locked');
    assert.equal(await page.getByRole('link', { name: 'Logga ut' }).count(), 0);
    await fitsNarrowScreen(page, 'the link page');
    await axeInBoth(page, 'the link page', /^Hello Rapportör, Österåker!$/);

    const open = page.locator('form.entry-form').filter({ has: page.getByRole('button', { name: 'Skicka in', exact: true }) });
    // A draft through the link first.
    const first = open.first();
    await first.getByLabel('Försenad', { exact: true }).check();
    await first.getByLabel('Beskriv vad som har gjorts', { exact: true }).fill('Väntar på besked om EU-medel.');
    await first.getByRole('button', { name: 'Spara utkast', exact: true }).click();
    await first.getByText('Utkastet är sparat. Du kan fortsätta senare.', { exact: true }).waitFor();
    // An item with a measurable target asks for the value, its label saying the target.
    const withTarget = page.locator('form.entry-form').filter({ has: page.getByLabel(/^Uppnått värde \(mål: /) });
    if ((await withTarget.count()) > 0)
      await withTarget
        .first()
        .getByLabel(/^Uppnått värde \(mål: /)
        .fill('3');
    for (let left = reporterTasks - 1; left > 0; left--) {
      const form = open.first();
      await form.getByLabel('Genomförd', { exact: true }).check();
      await form.getByRole('button', { name: 'Skicka in', exact: true }).click();
      if (left > 1) {
        await page
          .getByText(left - 1 === 1 ? '1 rapport kvar att skicka in.' : `${left - 1} rapporter kvar att skicka in.`, { exact: true })
          .waitFor();
      }
    }
    await page.getByRole('heading', { level: 1, name: 'Tack! Alla dina rapporter är inskickade.', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the link page, thanks');

    // Spent and made-up links say why and offer to sign in.
    await page.goto(`${app.url}/svara/${token}`);
    await page.getByText(/^Länken är redan använd/).waitFor();
    await page.getByRole('link', { name: 'Logga in', exact: true }).first().waitFor();
    await page.goto(`${app.url}/svara/inte-en-riktig-lank`);
    await page.getByText(/^Länken är ogiltig/).waitFor();
    await expectNoAxeViolations(page, 'the link page, invalid');
    await page.context().close();
  });

  it('shows the outbox to the coordinator, in Swedish and English', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, 'osteraker.samordnare');
    await page.getByRole('link', { name: 'Utskick', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Utskick', exact: true }).waitFor();
    await page.locator('table.outbox, .alert.ok').first().waitFor();
    await axeInBoth(page, 'the outbox', /^Outbox$/);
    await page.context().close();

    const reporter = await (await browser.newContext()).newPage();
    await signIn(reporter, app.url, 'osteraker.rapportor');
    assert.equal(await reporter.getByRole('link', { name: 'Utskick', exact: true }).count(), 0);
    await reporter.context().close();
  });
});
