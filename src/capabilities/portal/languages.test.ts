import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseLanguage, formatDate, formatNumber, isLang, languageInfo, LANGUAGES, pathInLanguage } from './languages.ts';
import { commonMessages } from './messages/common.ts';
import { fill } from './messages/define.ts';
import { homeMessages } from './messages/home.ts';

describe('portal languages', () => {
  it('keeps a chosen language over the browser’s', () => {
    assert.equal(chooseLanguage('ar', 'sv-SE,sv;q=0.9'), 'ar');
  });

  it('takes the first browser language we have, by weight', () => {
    assert.equal(chooseLanguage(undefined, 'de-DE,de;q=0.9,so;q=0.8,en;q=0.7'), 'so');
    assert.equal(chooseLanguage(undefined, 'en;q=0.5, ti;q=0.9'), 'ti');
    assert.equal(chooseLanguage(undefined, 'ar-SY'), 'ar');
  });

  it('reads Persian as Dari, the Persian offered', () => {
    assert.equal(chooseLanguage(undefined, 'fa-IR,fa;q=0.9'), 'prs');
  });

  it('falls back to Swedish for unknown or refused languages and a forged cookie', () => {
    assert.equal(chooseLanguage('xx', 'de,fr;q=0.5'), 'sv');
    assert.equal(chooseLanguage(undefined, 'en;q=0'), 'sv');
    assert.equal(chooseLanguage(undefined, undefined), 'sv');
  });

  it('swaps only the language prefix and keeps the query', () => {
    assert.equal(
      pathInLanguage('/sv/kommun/1860/plan/abc?visa=mal&status=delayed', 'ar'),
      '/ar/kommun/1860/plan/abc?visa=mal&status=delayed',
    );
    assert.equal(pathInLanguage('/prs', 'en'), '/en');
    assert.equal(pathInLanguage('/logga-in', 'so'), '/so');
  });

  it('writes right-to-left for Arabic and Dari only', () => {
    assert.deepEqual(
      LANGUAGES.filter((l) => languageInfo[l].dir === 'rtl'),
      ['ar', 'prs'],
    );
    assert.ok(isLang('prs') && !isLang('fa') && !isLang(undefined));
  });

  it('formats numbers and calendar days in the reader’s language without shifting the day', () => {
    assert.equal(formatNumber('sv', 1234.5).replace(/\s/g, ' '), '1 234,5');
    assert.equal(formatNumber('ar', 12), '12');
    assert.equal(formatNumber('prs', 1.5), '1.5');
    // Afghan Persian counts years in the solar calendar by default; plans and follow-ups are dated in the Gregorian one.
    assert.match(formatDate('prs', '2026-12-03'), /2026/);
    assert.equal(formatDate('sv', '2026-01-01'), '1 januari 2026');
    assert.equal(formatDate('en', '2025-12-31'), '31 December 2025');
  });

  it('has every word of the frame in every language, none left in Swedish by mistake', () => {
    for (const messages of [commonMessages, homeMessages]) {
      const swedish = messages('sv');
      for (const lang of LANGUAGES) {
        const words = messages(lang);
        assert.deepEqual(Object.keys(words).sort(), Object.keys(swedish).sort(), lang);
        for (const [key, text] of Object.entries(words)) assert.ok(text.trim().length > 0, `${lang}.${key} is empty`);
        if (lang !== 'sv')
          assert.ok(
            Object.keys(swedish).filter(
              (k) =>
                words[k as keyof typeof words] === swedish[k as keyof typeof swedish] &&
                /[a-zåäö]{4}/.test(swedish[k as keyof typeof swedish]),
            ).length <= 2,
            `${lang} copies Swedish texts`,
          );
      }
    }
  });

  it('fills named places and leaves unknown ones visible', () => {
    assert.equal(fill('Om {municipality} ({n})', { municipality: 'Kalix', n: 3 }), 'Om Kalix (3)');
    assert.equal(fill('{missing}', {}), '{missing}');
  });
});
