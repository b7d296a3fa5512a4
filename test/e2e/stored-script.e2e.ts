import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { scriptInjection } from '../security/attack-strings.ts';
import { browserSkipReason, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

/**
 * Script-injection strings are stored through the API in every text field the web app shows again, then each page
 * showing them is opened in Chromium: no injected script may run, no element it carries may exist, and the strings
 * must be there as text. Two layers are under test: React's escaping (and the catalogue's HTML sanitiser), and the
 * content security policy behind them.
 */
interface Shown {
  page: string;
  texts: string[];
  /** Fields stored as sanitised HTML: their markup is cleaned, so only the absence of active parts is checked. */
  html?: boolean;
}

// Each string carries a label so its appearance on a page can be told from another field's.
const attack = (label: string, i: number) => `${label} ${scriptInjection[i % scriptInjection.length]}`;

describe('stored scripts never run in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  const shown: Shown[] = [];

  async function api<T = unknown>(cookie: string, method: string, path: string, body: unknown): Promise<T> {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'laxa.samordnare', password: 'demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const m = '/api/municipalities/1860';

    const unit = await api<{ id: string }>(cookie, 'POST', `${m}/units`, { name: attack('Enhet', 0), kind: 'unit' });
    const plan = await api<{ id: string }>(cookie, 'POST', `${m}/plans`, { title: attack('Plan', 1), kind: 'plan' });
    await api(cookie, 'POST', `/api/plans/${plan.id}/items`, {
      kind: 'area',
      label: attack('Rubrik', 3),
      text: attack('Punkt', 2),
      parentId: null,
    });
    shown.push({ page: `/planer/${plan.id}`, texts: [attack('Plan', 1), attack('Punkt', 2)] });
    shown.push({ page: '/kommuner/1860', texts: [attack('Plan', 1)] });
    const indicator = await api<{ id: string }>(cookie, 'POST', `${m}/indicators`, {
      title: attack('Indikator', 3),
      unit: 'st',
      direction: 'higher',
      sourceKind: 'manual',
      definition: attack('Definition', 4),
    });
    shown.push({ page: `/kommuner/1860/indikatorer`, texts: [attack('Indikator', 3)] });
    shown.push({ page: `/indikatorer/${indicator.id}`, texts: [attack('Indikator', 3)] });
    await api(cookie, 'POST', `${m}/trainings`, {
      kind: 'workshop',
      title: attack('Utbildning', 4),
      date: '2026-05-04',
      participants: 12,
      organiser: attack('Arrangör', 0),
    });
    shown.push({ page: '/kommuner/1860/utbildningar', texts: [attack('Utbildning', 4)] });
    await api(cookie, 'POST', `${m}/internships`, {
      unitId: unit.id,
      employer: null,
      tasks: attack('Uppgifter', 1),
      periodFrom: '2026-06-01',
      periodTo: null,
      places: 1,
    });
    shown.push({ page: '/kommuner/1860/praktik', texts: [attack('Uppgifter', 1), attack('Enhet', 0)] });
    const programme = await api<{ id: string }>(cookie, 'POST', `${m}/matching/programmes`, {
      name: attack('Program', 2),
      kind: 'buddy',
      consentText: 'Namn och e-post sparas för matchningen i ett år; bara samordnaren ser dem.',
      description: attack('Beskrivning', 3),
    });
    await api(cookie, 'POST', `/api/matching/programmes/${programme.id}/people`, {
      side: 'volunteer',
      consent: true,
      name: attack('Person', 4),
      languages: ['sv'],
      wishes: attack('Önskemål', 0),
    });
    shown.push({ page: '/kommuner/1860/matchning', texts: [attack('Program', 2)] });
    shown.push({ page: `/matchning/${programme.id}`, texts: [attack('Program', 2), attack('Person', 4)] });
    await api(cookie, 'POST', `${m}/fund/funds`, { name: attack('Fond', 1), description: attack('Fondtext', 2) });
    shown.push({ page: '/kommuner/1860/fonden', texts: [attack('Fond', 1)] });
    const activity = await api<{ id: string }>(cookie, 'POST', `${m}/activities`, {
      unitId: unit.id,
      title: attack('Aktivitet', 3),
      description: `<p>Välkommen</p>${scriptInjection.join('<br>')}<a href="javascript:window.__pwned=1">länk</a>`,
      category: 'language',
      startDate: '2026-09-01',
      startTime: '18:00',
      durationMinutes: 60,
    });
    // The catalogue keeps titles as plain text and descriptions as sanitised HTML: the markup is gone, the words stay.
    shown.push({ page: `/aktiviteter/${activity.id}`, texts: ['Aktivitet', 'Välkommen'], html: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('every page showing a stored string shows it as text and runs none of it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // Injected by the browser's debugging protocol, outside the page's policy, before any of the page's scripts.
    await page.addInitScript(() => {
      const w = globalThis as unknown as { __violations: string[]; addEventListener: (t: string, f: (e: unknown) => void) => void };
      w.__violations = [];
      w.addEventListener('securitypolicyviolation', (e) => {
        const v = e as { violatedDirective: string; blockedURI: string; sample: string };
        w.__violations.push(`${v.violatedDirective} ${v.blockedURI} ${v.sample}`);
      });
    });
    await signIn(page, app.url, 'laxa.samordnare');
    for (const s of shown) {
      await page.goto(`${app.url}${s.page}`);
      await page.locator('h1').first().waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      for (const text of s.texts) await page.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
      // An image that fails to load fires its handler on the next turn: give it the chance.
      await page.waitForTimeout(200);
      const found = await page.evaluate(() => {
        const w = globalThis as unknown as {
          __pwned?: unknown;
          __violations: string[];
          document: { querySelectorAll: (s: string) => { length: number } & Iterable<{ getAttribute: (n: string) => string | null }> };
          location: { origin: string };
        };
        const doc = w.document;
        const foreignScripts = [...doc.querySelectorAll('script')].filter(
          (el) => !(el.getAttribute('src') ?? '').startsWith('/assets/'),
        ).length;
        return {
          pwned: w.__pwned ?? null,
          violations: w.__violations.filter((v) => v.startsWith('script-src')),
          injected: doc.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:"]').length,
          foreignScripts,
        };
      });
      assert.deepEqual(
        found,
        { pwned: null, violations: [], injected: 0, foreignScripts: 0 },
        `${s.page}: a stored string became active markup`,
      );
    }
    assert.deepEqual(dialogs, [], 'no dialog opened');
    await context.close();
  });
});
