import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();
const pdfjsDir = fileURLToPath(new URL('../../node_modules/pdfjs-dist/legacy/build/', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

interface Task {
  id: string;
  cycleId: string;
  version: number;
  state: string;
  item: { text: string };
}

async function planId(app: RunningApp, code: string): Promise<string> {
  const docs = (await (await fetch(`${app.url}/api/municipalities/${code}/documents`)).json()) as { id: string }[];
  assert.ok(docs[0]);
  return docs[0].id;
}

/** Calls the API with the context's session, as the web app does. */
async function call<T>(context: BrowserContext, app: RunningApp, method: string, path: string, data?: unknown): Promise<T> {
  const response = await context.request.fetch(`${app.url}${path}`, { method, ...(data !== undefined ? { data } : {}) });
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Opens a cycle from the proposal form on the plan's follow-up page, overriding the proposed dates. */
async function openCycleFromForm(
  page: Page,
  url: string,
  cycle: { from: string; to: string; deadline: string; label: string },
): Promise<string> {
  await page.goto(url);
  const form = page.getByRole('form', { name: 'Öppna uppföljning', exact: true });
  await form.waitFor();
  // The form is prefilled from the plan's follow-up rule.
  assert.match(await form.getByLabel('Perioden börjar', { exact: true }).inputValue(), /^\d{4}-\d{2}-\d{2}$/);
  await form.getByLabel('Perioden börjar', { exact: true }).fill(cycle.from);
  await form.getByLabel('Perioden slutar', { exact: true }).fill(cycle.to);
  await form.getByLabel('Sista dag för rapportering', { exact: true }).fill(cycle.deadline);
  await form.getByLabel('Namn', { exact: true }).fill(cycle.label);
  await form.getByRole('button', { name: 'Öppna uppföljning', exact: true }).click();
  await page.waitForURL(/\/uppfoljning\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: `Uppföljning: ${cycle.label}`, exact: true }).waitFor();
  return page.url().split('/').at(-1) as string;
}

/** Makes the report in one format through the board's buttons, waits for the job and downloads the file. */
async function makeReport(page: Page, format: 'Word (.docx)' | 'PDF', extension: string): Promise<Buffer> {
  await page.getByRole('button', { name: `Ta fram rapporten som ${format}`, exact: true }).click();
  await page.locator('.fu-job progress').waitFor();
  const link = page.getByRole('link', { name: new RegExp(`^Ladda ner .*\\.${extension}$`) });
  await link.waitFor({ timeout: 60_000 });
  await page.getByText('Rapporten är klar.').waitFor();
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.ok(download.suggestedFilename().endsWith(`.${extension}`));
  const path = await download.path();
  return readFile(path);
}

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Renders page 1 of a PDF with pdfjs-dist inside Chromium (served on a fake origin) and screenshots the canvas. */
async function renderFirstPage(browser: Browser, pdf: Buffer, path: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const origin = 'https://pdf-render.test';
  const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Rapport</title></head><body style="margin:0">
<canvas id="page"></canvas>
<script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
try {
  const pdf = await pdfjs.getDocument('/report.pdf').promise;
  const first = await pdf.getPage(1);
  const viewport = first.getViewport({ scale: 1.5 });
  const canvas = document.getElementById('page');
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  await first.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  window.rendered = true;
} catch (error) {
  window.renderError = String(error);
}
</script></body></html>`;
  await page.route(`${origin}/**`, async (route) => {
    const pathname = new URL(route.request().url()).pathname;
    if (pathname === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    if (pathname === '/pdf.mjs' || pathname === '/pdf.worker.mjs')
      return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: await readFile(`${pdfjsDir}${pathname.slice(1)}`) });
    if (pathname === '/report.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction('window.rendered === true || window.renderError !== undefined', null, { timeout: 30_000 });
  assert.equal(await page.evaluate('window.renderError ?? null'), null);
  await mkdir(artifacts, { recursive: true });
  await page.locator('#page').screenshot({ path });
  await context.close();
}

describe("the coordinator's follow-up board, in the browser", { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  let osteraker: string;
  let laxa: string;
  let cycleA = '';
  let cycleB = '';
  let laxaCycle = '';
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    [osteraker, laxa] = await Promise.all([planId(app, '0117'), planId(app, '1860')]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens a cycle from the proposal, judges reports, makes the report as Word and PDF', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, 'osteraker.samordnare');
    await page.goto(`${app.url}/planer/${osteraker}`);
    await page.getByRole('link', { name: 'Uppföljning', exact: true }).click();
    await page.getByRole('heading', { name: 'Uppföljning', exact: true }).waitFor();
    await page.getByText('Planen har inga uppföljningar ännu.').waitFor();
    cycleA = await openCycleFromForm(page, `${app.url}/planer/${osteraker}/uppfoljning`, {
      from: '2015-07-01',
      to: '2015-12-31',
      deadline: '2016-01-31',
      label: 'Halvår 2 2015',
    });

    // The reporter writes and submits two reports (through the API, with her own session).
    const reporter = await browser.newContext();
    await call(reporter, app, 'POST', '/api/auth/login', { username: 'osteraker.rapportor', password: 'demo' });
    const mine = (await call<{ tasks: Task[] }>(reporter, app, 'GET', '/api/my/tasks')).tasks.filter((t) => t.cycleId === cycleA);
    assert.ok(mine.length >= 2, 'the reporter has at least two tasks in the cycle');
    const [first, second] = mine as [Task, Task];
    const narrative = 'Arbetet pågår enligt plan.';
    await call<Task>(reporter, app, 'PUT', `/api/tasks/${first.id}`, {
      version: first.version,
      status: 'in_progress',
      progress: 60,
      narrative,
      targetValue: null,
      submit: true,
    });
    await call<Task>(reporter, app, 'PUT', `/api/tasks/${second.id}`, {
      version: second.version,
      status: 'done',
      progress: 100,
      narrative: 'Genomfört under hösten.',
      targetValue: null,
      submit: true,
    });
    await reporter.close();

    // The board shows them waiting for approval.
    await page.reload();
    await page.getByRole('heading', { name: 'Uppföljning: Halvår 2 2015', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Vem har inte rapporterat?', exact: true }).waitFor();
    await page.getByLabel('Visa', { exact: true }).selectOption('submitted');
    await page.getByText(/^Visar 2 av \d+ rapporter\.$/).waitFor();
    assert.equal(await page.locator('.fu-tasks tbody tr').count(), 2);
    assert.equal(await page.locator('.fu-tasks tbody').getByText('Inskickad', { exact: true }).count(), 2);

    // From the board to each report page: return one with a comment, approve the other.
    const board = page.url();
    await page.locator(`a[href="/rapporter/${first.id}"]`).click();
    await page.getByLabel('Kommentar till rapportören', { exact: true }).fill('Beskriv vad som återstår.');
    await page.getByRole('button', { name: 'Skicka tillbaka', exact: true }).click();
    await page.getByText('Rapporten är skickad tillbaka till rapportören.', { exact: true }).waitFor();
    await page.goto(board);
    await page.locator(`a[href="/rapporter/${second.id}"]`).click();
    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await page.getByText('Rapporten är godkänd.', { exact: true }).waitFor();
    await page.goto(board);
    await page.getByLabel('Visa', { exact: true }).selectOption('all');
    const tasks = page.locator('.fu-tasks tbody');
    await tasks.getByText('Återsänd', { exact: true }).waitFor();
    await tasks.getByText('Godkänd', { exact: true }).waitFor();
    assert.ok((await page.getByRole('link', { name: /^Öppna rapporten för/ }).count()) >= 2);
    // At a glance: one submitted-and-approved of twelve; the status chart's table says the same as the picture.
    const chartTable = page.locator('.fu-chart-table table').first();
    assert.equal(await chartTable.getByRole('row', { name: 'Pågår 1', exact: true }).count(), 1);
    assert.equal(await chartTable.getByRole('row', { name: 'Genomförd 1', exact: true }).count(), 1);
    assert.equal(await page.locator('.fu-chart svg rect.fu-bar').count(), 6);

    const docx = await makeReport(page, 'Word (.docx)', 'docx');
    const pdf = await makeReport(page, 'PDF', 'pdf');
    // Both files are kept with the cycle.
    await page.locator('.fu-section table a[href^="/api/report-files/"]').nth(1).waitFor();

    const itemText = words(first.item.text).split(' ').slice(0, 4).join(' ');
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string');
    assert.ok(xml, 'the .docx has word/document.xml');
    const docText = words(
      xml
        .replace(/<w:tab\/>/g, ' ')
        .replace(/<\/w:p>/g, ' ')
        .replace(/<[^>]+>/g, ''),
    );
    assert.ok(docText.includes(itemText), `the Word report names "${itemText}"`);
    assert.ok(/Pågår|Genomförd/.test(docText), 'the Word report says a status in words');

    const pdfDocument = await getDocument({ data: new Uint8Array(pdf) }).promise;
    let pdfText = '';
    for (let n = 1; n <= pdfDocument.numPages; n++) {
      const content = await (await pdfDocument.getPage(n)).getTextContent();
      pdfText += ` ${content.items.map((i) => ('str' in i ? `${i.str}${i.hasEOL ? ' ' : ''}` : '')).join('')}`;
    }
    pdfText = words(pdfText);
    assert.ok(pdfText.includes(itemText), `the PDF report names "${itemText}"`);
    assert.ok(/Pågår|Genomförd/.test(pdfText), 'the PDF report says a status in words');
    await pdfDocument.destroy();
    await renderFirstPage(browser, pdf, `${artifacts}report-page-1.png`);
    const png = await readFile(`${artifacts}report-page-1.png`);
    assert.ok(png.length > 5000, 'page 1 rendered to a PNG');

    // Close and reopen, recorded on the board.
    await page.getByRole('button', { name: 'Stäng uppföljningen', exact: true }).click();
    await page.getByText('Uppföljningen är stängd.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Öppna igen', exact: true }).click();
    await page.getByText('Uppföljningen är öppen igen.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Uppdatera omfattningen', exact: true }).click();
    await page.getByText(/^Omfattningen är uppdaterad: 0 tillagda, 0 borttagna och 0 behållna/).waitFor();
    await context.close();
  });

  it('assesses a goal from its proposal and shows the saved assessment on a conflict', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'laxa.samordnare');
    laxaCycle = await openCycleFromForm(page, `${app.url}/planer/${laxa}/uppfoljning`, {
      from: '2015-07-01',
      to: '2015-12-31',
      deadline: '2016-01-31',
      label: 'Halvår 2 2015',
    });
    // All Laxå's tasks go to the coordinator: she reports one activity herself.
    const detail = await call<{
      tasks: (Task & { item: { label: string; number: string | null; text: string } })[];
      goals: { itemId: string; reference: string }[];
    }>(context, app, 'GET', `/api/cycles/${laxaCycle}`);
    assert.ok(detail.goals.length > 0, 'Laxå has goals');
    const activity = detail.tasks.find((t) => t.item.label === 'Aktivitet');
    assert.ok(activity);
    await call(context, app, 'PUT', `/api/tasks/${activity.id}`, {
      version: activity.version,
      status: 'done',
      progress: 100,
      narrative: 'Klart.',
      targetValue: null,
      submit: true,
    });
    await page.reload();
    const goal = detail.goals.find((g) => g.reference === 'Delmål 1') ?? (detail.goals[0] as { itemId: string; reference: string });
    const form = page.getByRole('form', { name: `Bedöm ${goal.reference}`, exact: true });
    await form.getByLabel('Delvis uppfyllt', { exact: true }).check();
    await form.getByLabel('Motivering', { exact: true }).fill('Halva vägen: fadderverksamheten har inte startat.');
    await form.getByRole('button', { name: 'Spara bedömningen', exact: true }).click();
    await page.getByText(`Bedömningen av ${goal.reference} är sparad.`, { exact: true }).waitFor();
    const card = page.locator('article.fu-goal').filter({ has: page.getByRole('heading', { name: goal.reference, exact: true }) });
    await card.getByText('Halva vägen: fadderverksamheten har inte startat.', { exact: false }).first().waitFor();

    // Someone else saves meanwhile; the form shows the saved assessment and saves on top of it after a look.
    await call(context, app, 'PUT', `/api/cycles/${laxaCycle}/assessments/${goal.itemId}`, {
      assessment: 'not_met',
      rationale: 'Ändrat av en kollega.',
      version: 1,
    });
    await form.getByLabel('Motivering', { exact: true }).fill('Mitt andra försök.');
    await form.getByRole('button', { name: 'Spara bedömningen', exact: true }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('Ändrat av en kollega.').waitFor();
    await alert.getByText('Ej uppfyllt', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Utgå från den sparade', exact: true }).click();
    await form.getByRole('button', { name: 'Spara bedömningen', exact: true }).click();
    await page.getByText(`Bedömningen av ${goal.reference} är sparad.`, { exact: true }).waitFor();
    await context.close();
  });

  it('compares two cycles: movements as a chart and a table', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'osteraker.samordnare');
    cycleB = (
      await call<{ id: string }>(context, app, 'POST', `/api/plans/${osteraker}/cycles`, {
        periodFrom: '2016-01-01',
        periodTo: '2016-06-30',
        deadline: '2016-07-31',
        label: 'Halvår 1 2016',
      })
    ).id;
    await page.goto(`${app.url}/planer/${osteraker}/uppfoljning`);
    await page.getByRole('link', { name: 'Halvår 1 2016', exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Jämför två uppföljningar', exact: true });
    assert.equal(await form.getByLabel('Uppföljning A (tidigare)', { exact: true }).inputValue(), cycleA);
    assert.equal(await form.getByLabel('Uppföljning B (senare)', { exact: true }).inputValue(), cycleB);
    await form.getByRole('button', { name: 'Jämför', exact: true }).click();
    await page.waitForURL(/\/uppfoljning\/jamfor\?a=/);
    await page.getByRole('heading', { name: 'Halvår 2 2015 jämfört med Halvår 1 2016', exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'I Halvår 2 2015', exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'I Halvår 1 2016', exact: true }).waitFor();
    assert.equal(await page.locator('.fu-chart svg rect.fu-bar').count(), 7);
    assert.ok((await page.locator('.fu-section table.compact').last().locator('tbody tr').count()) > 0);
    await context.close();
  });

  // The site header (layout.tsx, not follow-up's) is measured apart: its name and sign-out button are wider than 375 px today.
  it('fits a 375 px wide screen: nothing in the main area reaches past the edge', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await signIn(page, app.url, 'osteraker.samordnare');
    for (const path of [
      `/planer/${osteraker}/uppfoljning`,
      `/planer/${osteraker}/uppfoljning/${cycleA}`,
      `/planer/${osteraker}/uppfoljning/jamfor?a=${cycleA}&b=${cycleB}`,
    ]) {
      await page.goto(`${app.url}${path}`);
      await page.locator('h2').first().waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      // Wide tables scroll inside their own region; nothing else in <main> may stick out.
      const outside = (await page.evaluate(
        `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 375.5 && !e.closest('.table-scroll')).map((e) => e.tagName + '.' + e.className)`,
      )) as string[];
      assert.deepEqual(outside, [], `${path} has elements past 375 px`);
    }
    await context.close();
  });

  for (const language of ['sv', 'en'] as const) {
    it(`has no axe violations on the cycles page, the board and the comparison (${language})`, async () => {
      const context = await browser.newContext();
      await context.addInitScript(`localStorage.setItem('delaktig.lang', '${language}')`);
      const page = await context.newPage();
      await signIn(page, app.url, 'osteraker.samordnare');
      for (const path of [
        `/planer/${osteraker}/uppfoljning`,
        `/planer/${osteraker}/uppfoljning/${cycleA}`,
        `/planer/${osteraker}/uppfoljning/jamfor?a=${cycleA}&b=${cycleB}`,
      ]) {
        await page.goto(`${app.url}${path}`);
        await page.locator('h2').first().waitFor();
        await page.locator('.loading').waitFor({ state: 'detached' });
        assert.equal(await page.getAttribute('html', 'lang'), language);
        await expectNoAxeViolations(page, `${path} (${language})`);
      }
      await context.close();
      const laxaContext = await browser.newContext();
      await laxaContext.addInitScript(`localStorage.setItem('delaktig.lang', '${language}')`);
      const laxaPage = await laxaContext.newPage();
      await signIn(laxaPage, app.url, 'laxa.samordnare');
      await laxaPage.goto(`${app.url}/planer/${laxa}/uppfoljning/${laxaCycle}`);
      await laxaPage.locator('article.fu-goal').first().waitFor();
      await expectNoAxeViolations(laxaPage, `Laxå board with goals (${language})`);
      await laxaContext.close();
    });
  }
});
