import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser, startApp, type RunningApp } from './support.ts';

/**
 * Tigrinya, Arabic and Dari must render in their own letters, not as boxes, on a phone that has no font for them:
 * the portal serves Noto Sans Ethiopic and Noto Sans Arabic as woff2 (src/capabilities/portal/assets.ts). This
 * machine has neither installed, so a glyph drawn here came from the served file. Chromium's DevTools protocol says
 * which font actually drew a node's text (CSS.getPlatformFontsForNode), the only check that sees past font stacks.
 */
const skip = browserSkipReason();

interface PlatformFont {
  familyName: string;
  postScriptName?: string;
  isCustomFont: boolean;
  glyphCount: number;
}

const cases = [
  { path: '/ti', family: 'Noto Sans Ethiopic', script: /[\u1200-\u137f]/ },
  { path: '/ar', family: 'Noto Sans Arabic', script: /[\u0600-\u06ff]/ },
  { path: '/prs', family: 'Noto Sans Arabic', script: /[\u0600-\u06ff]/ },
];

/** The fonts that drew the text directly inside each element matching the selector, in document order. */
async function fontsFor(page: Page, selector: string): Promise<PlatformFont[][]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    assert.ok(nodeIds.length > 0, `${selector} is on the page`);
    const all: PlatformFont[][] = [];
    for (const nodeId of nodeIds) all.push((await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts as PlatformFont[]);
    return all;
  } finally {
    await cdp.detach();
  }
}

/** Marks every element whose own text has a letter of the script, and returns how many such letters each has. */
function markScriptText(page: Page, script: RegExp): Promise<{ text: string; letters: number }[]> {
  return page.evaluate(
    ([source, flags]) => {
      const letter = new RegExp(source, flags);
      const found: { text: string; letters: number }[] = [];
      for (const element of document.body.querySelectorAll('*')) {
        const own = [...element.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('');
        const letters = [...own].filter((c) => letter.test(c)).length;
        if (letters === 0 || (element as HTMLElement).offsetParent === null) continue;
        element.setAttribute('data-script-text', String(found.length));
        found.push({ text: own.trim().slice(0, 40), letters });
      }
      return found;
    },
    [script.source, script.flags] as const,
  );
}

describe('the portal draws every script with a real font', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const { path, family, script } of cases) {
    it(`${path}: the h1 and every other text in the script are drawn in ${family}, served by the portal`, async () => {
      const page = await browser.newPage();
      const fontFiles: string[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('.woff2') && response.ok()) fontFiles.push(new URL(response.url()).pathname);
      });
      await page.goto(`${app.url}${path}`);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const heading = await page.locator('h1').innerText();
      assert.match(heading, script, `the h1 of ${path} is in the language's own script`);

      const [h1Fonts = []] = await fontsFor(page, 'h1');
      const drawnIn = h1Fonts.find((f) => f.familyName === family && f.glyphCount > 0);
      assert.ok(drawnIn, `${family} drew the h1 of ${path}; used: ${JSON.stringify(h1Fonts)}`);
      assert.ok(drawnIn.isCustomFont, `${family} came from the portal's woff2, not the system`);

      // Every piece of text in the script, not only the heading: the footer, the chooser, the lead, the cards.
      const texts = await markScriptText(page, script);
      const fontsOfTexts = await fontsFor(page, '[data-script-text]');
      for (const [i, { text, letters }] of texts.entries()) {
        const used = (fontsOfTexts[i] ?? []).filter((f) => f.glyphCount > 0);
        // A letter no font on the list has is drawn as a box by the last resort (here DejaVu Sans, in other builds a
        // '.notdef' or 'Last Resort' face): so the script's own font must have drawn every letter.
        for (const font of used)
          assert.doesNotMatch(`${font.familyName} ${font.postScriptName ?? ''}`, /notdef|last ?resort/i, `${path}: no box glyphs`);
        const glyphs = used.find((f) => f.familyName === family)?.glyphCount ?? 0;
        // Ethiopic has a glyph per letter; Arabic joins some letters into one glyph (lam-alef), so there: at least one.
        const needed = family === 'Noto Sans Ethiopic' ? letters : 1;
        assert.ok(glyphs >= needed, `"${text}" on ${path}: ${letters} letters, ${glyphs} drawn in ${family}; used ${JSON.stringify(used)}`);
      }
      assert.ok(texts.length >= 5, `${path} has text in its script throughout (${texts.length} elements)`);
      assert.ok(
        fontFiles.some((file) => file.startsWith(`/portal/fonts/${family.toLowerCase().replaceAll(' ', '-')}-700.`)),
        `the bold ${family} file was downloaded: ${fontFiles.join(', ')}`,
      );

      const loaded = await page.evaluate(
        ([name, text]) => document.fonts.check(`700 30px "${name}"`, text) && document.fonts.check(`400 16px "${name}"`, text),
        [family, heading] as const,
      );
      assert.equal(loaded, true, `document.fonts.check("${family}") after load on ${path}`);
      await page.close();
    });
  }

  it("a Swedish page downloads only the regular weights, for the language chooser's names", async () => {
    const page = await browser.newPage();
    const fontFiles: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.woff2')) fontFiles.push(response.url());
    });
    await page.goto(`${app.url}/sv/kommun/1860`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // ትግርኛ, العربية and دری in the chooser need their scripts; the bold files stay away (unicode-range does it).
    assert.deepEqual(fontFiles.map((url) => new URL(url).pathname.replace(/\.[0-9a-f]{12}\.woff2$/, '')).sort(), [
      '/portal/fonts/noto-sans-arabic-400',
      '/portal/fonts/noto-sans-ethiopic-400',
    ]);
    await page.close();
  });
});
