import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, expectNoAxeViolations, launchBrowser, signIn, startApp, type RunningApp } from './support.ts';

const skip = browserSkipReason();

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

describe('programmes: internships, supervisors, trainings, in the browser', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('Österåker: an offer and a placement make the yearly count; a training makes the coverage', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'osteraker.samordnare');
    await page.goto(`${app.url}/kommuner/0117`);
    await page.getByRole('link', { name: 'Praktik, handledare, utbildningar och evenemang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Praktikplatser i Österåker' }).waitFor();
    await page.getByText('Inga placeringar är registrerade ännu.').waitFor();

    await page.getByRole('button', { name: 'Registrera praktikerbjudande' }).click();
    await page.getByLabel('Enhet eller arbetsgivare').selectOption({ label: 'Extern arbetsgivare …' });
    await page.getByLabel('Arbetsgivarens namn', { exact: true }).fill('Verkstaden i Rydbo');
    await page.getByLabel('Arbetsuppgifter', { exact: true }).fill('Montering');
    await page.getByLabel('Språkkrav', { exact: true }).fill('Grundläggande svenska');
    await page.getByLabel('Handledaren har gått handledarutbildning').check();
    await page.getByLabel('Från', { exact: true }).fill('2016-01-01');
    await page.getByLabel('Till (valfritt)', { exact: true }).fill('2016-12-31');
    await page.getByLabel('Platser', { exact: true }).fill('2');
    // The plan items: a filter narrows the checkboxes; one is ticked from the keyboard.
    const picker = page.getByRole('group', { name: 'Punkter i planen som den bidrar till' });
    await picker.getByLabel('Filtrera punkterna').fill('näringslivet');
    await picker.getByText(/\d+ träff(ar)? till/).waitFor();
    const dialogue = picker.getByRole('checkbox', { name: /Dialog inleds med näringslivet/ });
    await dialogue.focus();
    await page.keyboard.press('Space');
    assert.equal(await dialogue.isChecked(), true);
    await picker.getByText('1 punkt vald').waitFor();
    await expectNoAxeViolations(page, 'internships with the offer form (sv)');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Erbjudandet är sparat.').waitFor();

    await page.getByRole('button', { name: 'Registrera placering hos Verkstaden i Rydbo' }).click();
    await page.getByLabel('Startdatum', { exact: true }).fill('2016-03-07');
    await page.getByLabel('Utfall', { exact: true }).selectOption('completed');
    await page.locator('form').getByRole('button', { name: 'Registrera placering' }).click();
    await page.getByText('Placeringen är registrerad.').waitFor();
    const years = page.locator('#pg-years-table');
    assert.equal(await years.getByRole('row', { name: /^2016 1 Under målet/ }).count(), 1);
    await page.locator('svg.pg-chart[role="img"]').waitFor();

    // Editing keeps the link, and a second item can be added.
    await page.getByRole('button', { name: 'Ändra erbjudandet hos Verkstaden i Rydbo' }).click();
    const editPicker = page.getByRole('group', { name: 'Punkter i planen som den bidrar till' });
    assert.equal(await editPicker.getByRole('checkbox', { name: /Dialog inleds med näringslivet/ }).isChecked(), true);
    await editPicker.getByRole('checkbox', { checked: false }).first().check();
    await editPicker.getByText('2 punkter valda').waitFor();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Erbjudandet är sparat.').waitFor();

    // A placement registered by mistake is removed after a confirmation.
    await page.getByRole('button', { name: 'Registrera placering hos Verkstaden i Rydbo' }).click();
    const removePlacement = page.getByRole('button', { name: /^Ta bort placeringen/ });
    await removePlacement.click();
    const placementDialog = page.getByRole('alertdialog', { name: 'Ta bort placeringen?' });
    await placementDialog.waitFor();
    await expectNoAxeViolations(page, 'removing a placement (sv)');
    await placementDialog.getByRole('button', { name: 'Ta bort placeringen' }).click();
    await page.getByText('Placeringen är borttagen.').waitFor();
    await page.getByText('Inga placeringar är registrerade ännu.').waitFor();
    await page.getByRole('button', { name: 'Avbryt' }).click();

    // Removing the offer: Escape cancels and gives focus back; confirming removes it.
    const removeOffer = page.getByRole('button', { name: 'Ta bort erbjudandet hos Verkstaden i Rydbo' });
    await removeOffer.click();
    const offerDialog = page.getByRole('alertdialog', { name: 'Ta bort praktikerbjudandet hos Verkstaden i Rydbo?' });
    await offerDialog.waitFor();
    assert.equal(await offerDialog.evaluate((el) => el.contains(el.ownerDocument.activeElement)), true, 'focus moves into the dialog');
    await page.keyboard.press('Escape');
    await offerDialog.waitFor({ state: 'detached' });
    assert.equal(await removeOffer.evaluate((el) => el === el.ownerDocument.activeElement), true, 'focus returns to the button');
    await removeOffer.click();
    await offerDialog.getByRole('button', { name: 'Ta bort erbjudandet' }).click();
    await page.getByText('Praktikerbjudandet är borttaget.').waitFor();
    assert.equal(await page.getByRole('row', { name: /Verkstaden i Rydbo/ }).count(), 0);

    // Registered again for the rest of the story: the public count below.
    await page.getByRole('button', { name: 'Registrera praktikerbjudande' }).click();
    await page.getByLabel('Enhet eller arbetsgivare').selectOption({ label: 'Extern arbetsgivare …' });
    await page.getByLabel('Arbetsgivarens namn', { exact: true }).fill('Verkstaden i Rydbo');
    await page.getByLabel('Arbetsuppgifter', { exact: true }).fill('Montering');
    await page.getByLabel('Från', { exact: true }).fill('2016-01-01');
    await page.getByLabel('Platser', { exact: true }).fill('2');
    await page.getByRole('checkbox', { name: /Dialog inleds med näringslivet/ }).check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Erbjudandet är sparat.').waitFor();
    await page.getByRole('button', { name: 'Registrera placering hos Verkstaden i Rydbo' }).click();
    await page.getByLabel('Startdatum', { exact: true }).fill('2016-03-07');
    await page.locator('form').getByRole('button', { name: 'Registrera placering' }).click();
    await page.getByText('Placeringen är registrerad.').waitFor();
    assert.equal(await years.getByRole('row', { name: /^2016 1 Under målet/ }).count(), 1);

    // The public sees the count, not the offers.
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`${app.url}/kommuner/0117/praktik`);
    await settled(anonymous);
    await anonymous
      .locator('#pg-years-table')
      .getByRole('row', { name: /^2016 1/ })
      .waitFor();
    assert.equal(await anonymous.getByText('Verkstaden i Rydbo').count(), 0);

    await page.getByRole('link', { name: 'Utbildningar och evenemang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utbildningar och evenemang i Österåker' }).waitFor();
    await page.getByRole('button', { name: 'Nytt täckningsmål' }).click();
    await page.getByLabel('Mål (till exempel ”Alla chefer”)').fill('Alla enheter har en utbildad handledare');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Målet är sparat.').waitFor();
    await page.getByText(/^0 av \d+ enheter \(0 %\)/).waitFor();

    await page.getByRole('button', { name: 'Registrera utbildning eller evenemang' }).click();
    await page.getByLabel('Rubrik', { exact: true }).fill('Handledarutbildning för enheterna');
    await page.getByLabel('Datum', { exact: true }).fill('2016-02-23');
    await page.getByLabel('Deltagare', { exact: true }).fill('6');
    await page.getByLabel('Näringslivs- och utvecklingsenheten', { exact: true }).check();
    await expectNoAxeViolations(page, 'trainings with the form (sv)');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Utbildningen är sparad.').waitFor();
    await page.getByText(/^1 av \d+ enheter/).waitFor();
    await page.getByRole('rowheader', { name: 'Handledarutbildning för enheterna' }).waitFor();

    // A training registered twice by mistake is removed; the coverage does not change.
    await page.getByRole('button', { name: 'Registrera utbildning eller evenemang' }).click();
    await page.getByLabel('Rubrik', { exact: true }).fill('Dubblett');
    await page.getByLabel('Datum', { exact: true }).fill('2016-02-24');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Utbildningen är sparad.').waitFor();
    await page.getByRole('button', { name: 'Ta bort Dubblett' }).click();
    const trainingDialog = page.getByRole('alertdialog', { name: 'Ta bort Dubblett?' });
    await trainingDialog.waitFor();
    await expectNoAxeViolations(page, 'removing a training (sv)');
    await trainingDialog.getByRole('button', { name: 'Ta bort utbildningen' }).click();
    await page.getByText('Dubblett är borttagen.').waitFor();
    assert.equal(await page.getByRole('rowheader', { name: 'Dubblett' }).count(), 0);
    await page.getByText(/^1 av \d+ enheter/).waitFor();

    await page.getByRole('link', { name: 'Handledare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utbildade handledare i Österåker' }).waitFor();
    await page.getByRole('row', { name: /Näringslivs- och utvecklingsenheten 1 .* Har utbildad handledare/ }).waitFor();
    await page.getByText(/enheter saknar utbildad handledare per/).waitFor();
    await expectNoAxeViolations(page, 'supervisors (sv)');
    await context.close();
  });

  it('has no axe violations in English', async () => {
    const context = await browser.newContext();
    await context.addInitScript(`localStorage.setItem('delaktig.lang', 'en')`);
    const page = await context.newPage();
    await signIn(page, app.url, 'osteraker.samordnare');
    for (const [path, heading] of [
      ['praktik', 'Internships in Österåker'],
      ['utbildningar', 'Trainings and events in Österåker'],
      ['handledare', 'Trained supervisors in Österåker'],
    ] as const) {
      await page.goto(`${app.url}/kommuner/0117/${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      if (path === 'praktik') await page.getByRole('button', { name: 'Register an internship offer' }).click();
      if (path === 'utbildningar') await page.getByRole('button', { name: 'Register a training or event' }).click();
      await expectNoAxeViolations(page, `${path} (en)`);
    }
    await context.close();
  });
});
