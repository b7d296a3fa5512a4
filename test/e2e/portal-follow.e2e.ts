import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/schema.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freshStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from './support.ts';

const skip = browserSkipReason();

/** Presses Tab until the element with the id has focus: proof it is reached by keyboard, in reading order. */
async function tabTo(page: Page, id: string, limit = 400): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (
      await page.evaluate(
        (wanted) => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === wanted,
        id,
      )
    )
      return;
  }
  assert.fail(`#${id} not reached by Tab`);
}

describe('follow by e-mail, in the browser', { skip }, () => {
  let url: string;
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let browser: Browser;
  let plan: string;

  const confirmToken = async (email: string) => {
    const row = await db
      .selectFrom('mail_outbox')
      .select('body')
      .where('kind', '=', 'follow-confirm')
      .where('to_address', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return /\/folj\/bekrafta\/([A-Za-z0-9_-]{43})/.exec(row.body)?.[1] ?? assert.fail('no link');
  };

  before(async () => {
    const store = await freshStore('pglite');
    const config = loadConfig({}, { DEMO: true, PORT: 0, HOST: '127.0.0.1', ...OFFLINE_SOURCES, ...TEST_LIMITS });
    const app = await buildServer({ db: store.db, store: store.kind, config, demo: true });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    db = store.db;
    close = async () => {
      await app.close();
      await store.close();
    };
    browser = await launchBrowser();
    const documents = (await (await fetch(`${url}/api/municipalities/1860/documents`)).json()) as { id: string }[];
    plan = documents[0]?.id as string;
  });
  after(async () => {
    await browser?.close();
    await close?.();
  });

  for (const lang of ['sv', 'ar'] as const) {
    it(`${lang}: a resident follows the plan by keyboard and confirms; every page passes axe`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const email = `invanare.${lang}@example.org`;
      await page.goto(`${url}/${lang}/kommun/1860/plan/${plan}`);
      await page.locator('#folj-rubrik').waitFor();

      // A mistake first: the form comes back with the error tied to the field and focusable from the summary.
      await tabTo(page, 'folj-epost');
      await page.keyboard.type('inte-en-adress');
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document.activeElement.tagName,
        ),
        'BUTTON',
      );
      await page.keyboard.press('Enter');
      await page.locator('#folj-epost-fel').waitFor();
      const field = page.locator('#folj-epost');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.match((await field.getAttribute('aria-describedby')) ?? '', /folj-epost-fel/);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      await expectNoAxeViolations(page, `the form with an error (${lang})`);

      await tabTo(page, 'folj-epost');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(email);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: lang === 'sv' ? 'Titta i din inkorg' : 'تحقق من صندوق بريدك' }).waitFor();
      await expectNoAxeViolations(page, `the "check your inbox" page (${lang})`);

      await page.goto(`${url}/${lang}/folj?kind=document&target=${plan}`);
      await page.locator('#folj-epost').waitFor();
      await expectNoAxeViolations(page, `the form page (${lang})`);

      await page.goto(`${url}/${lang}/folj/bekrafta/${await confirmToken(email)}`);
      await page
        .getByRole('heading', { level: 1, name: lang === 'sv' ? 'Bekräfta att du vill följa' : 'أكّد أنك تريد المتابعة' })
        .waitFor();
      await expectNoAxeViolations(page, `the confirm page (${lang})`);
      await page.getByRole('button', { name: lang === 'sv' ? 'Bekräfta' : 'تأكيد' }).press('Enter');
      await page.getByRole('heading', { level: 1, name: lang === 'sv' ? 'Nu följer du det här' : 'أنت الآن تتابع هذا' }).waitFor();
      await expectNoAxeViolations(page, `the confirmed page (${lang})`);
      const row = await db.selectFrom('follow').select(['confirmed_at', 'lang']).where('email', '=', email).executeTakeFirstOrThrow();
      assert.ok(row.confirmed_at);
      assert.equal(row.lang, lang);
      await context.close();
    });
  }
});
