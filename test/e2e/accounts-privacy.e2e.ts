import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

describe('accounts: register extracts and erasure in the web app', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a signed-in user download her own extract from the user menu', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, 'laxa.lasare');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Mina uppgifter (registerutdrag)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^registerutdrag-konto-[0-9a-f-]{36}\.json$/);
    const extract = JSON.parse(readFileSync((await download.path()) as string, 'utf8')) as { account: { username: string } };
    assert.equal(extract.account.username, 'laxa.lasare');
    await context.close();
  });

  it('asks before erasing, with focus on the question; Escape cancels; confirming erases', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, 'admin', 'admin-test-password');
    await page.goto(`${app.url}/admin/konton`);
    await page.getByRole('heading', { level: 1, name: 'Konton' }).waitFor();
    await expectNoAxeViolations(page, 'accounts (sv)');

    const erase = page.getByRole('button', { name: 'Radera kontot laxa.lasare' });
    await erase.click();
    const dialog = page.getByRole('alertdialog', { name: 'Radera kontot laxa.lasare?' });
    await dialog.waitFor();
    assert.equal(
      await dialog
        .getByRole('heading', { level: 2 })
        .evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
      true,
      'focus on the question',
    );
    await expectNoAxeViolations(page, 'erase confirmation (sv)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(
      await erase.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
      true,
      'focus back on the button',
    );

    await erase.click();
    await dialog.getByRole('button', { name: 'Radera kontot' }).click();
    await page.getByRole('status').getByText('Kontot laxa.lasare är raderat.').waitFor();
    const row = page.locator('tbody tr', { hasText: 'Raderat konto' });
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', /raderad-[0-9a-f]{8}.*Raderat/);

    await page.getByRole('button', { name: 'Stäng av laxa.rapportor' }).click();
    await page
      .getByRole('status')
      .getByText(/laxa\.rapportor är avstängt/)
      .waitFor();
    await page.getByRole('button', { name: 'Öppna laxa.rapportor igen' }).waitFor();

    await page.getByRole('combobox', { name: /språk/i }).selectOption('en');
    await page.getByRole('button', { name: 'Erase the account laxa.samordnare' }).waitFor();
    await expectNoAxeViolations(page, 'accounts (en)');
  });
});
