import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGuideEntry, looksPersonalEmail, moveTo, normaliseGuideEntry, ordered, responsibilityLines } from './rules.ts';

const valid = {
  actor: 'Arbetsförmedlingen',
  responsibilities: 'Etableringsplan\nValidering',
  help: 'Kundtjänst: 0771-416 416',
  url: 'https://arbetsformedlingen.se',
};
const paths = (input: typeof valid | (Omit<typeof valid, 'url'> & { url: string | null })) => checkGuideEntry(input).map((p) => p.path);

describe('newcomer guide rules', () => {
  it('accepts an organisation with what it does and where to get help', () => {
    assert.deepEqual(checkGuideEntry(valid), []);
    assert.deepEqual(checkGuideEntry({ ...valid, url: null }), []);
    assert.deepEqual(checkGuideEntry({ ...valid, url: '  ' }), []);
  });

  it('names the field of each problem, in Swedish', () => {
    assert.deepEqual(paths({ ...valid, actor: '  ' }), ['/actor']);
    assert.deepEqual(paths({ ...valid, actor: 'x'.repeat(201) }), ['/actor']);
    assert.deepEqual(paths({ ...valid, responsibilities: '', help: ' ' }), ['/responsibilities']);
    assert.deepEqual(paths({ ...valid, url: 'arbetsformedlingen' }), ['/url']);
    assert.deepEqual(paths({ ...valid, url: 'javascript:alert(1)' }), ['/url']);
    assert.match(checkGuideEntry({ ...valid, actor: '' })[0]?.message ?? '', /aktör/);
  });

  it('refuses what would expose a private person on a public page', () => {
    assert.deepEqual(paths({ ...valid, help: 'Ring handläggaren, 19850101-1234' }), ['/help']);
    assert.deepEqual(paths({ ...valid, responsibilities: 'Kontakt: anna.andersson@kalix.se' }), ['/responsibilities']);
    assert.deepEqual(paths({ ...valid, help: 'E-post: integration.mottagning@kalix.se eller kontakt@kalix.se' }), []);
    assert.equal(looksPersonalEmail('anna.andersson@kalix.se'), true);
    assert.equal(looksPersonalEmail('info@kalix.se'), false);
    assert.equal(looksPersonalEmail('kontakt.center@laxa.se'), false);
    // A phone number with an area code is not a personal identity number.
    assert.deepEqual(paths({ ...valid, help: 'Växel 0923-650 00, 08-540 810 00' }), []);
  });

  it('saves trimmed text with one kind of line break and an empty address as none', () => {
    assert.deepEqual(normaliseGuideEntry({ actor: ' Skatteverket ', responsibilities: 'a\r\nb\r\n', help: ' ', url: ' ' }), {
      actor: 'Skatteverket',
      responsibilities: 'a\nb',
      help: '',
      url: null,
    });
  });

  it('reads responsibilities as a list, one a line, bullets dropped', () => {
    assert.deepEqual(responsibilityLines('- Etableringsplan\n\n• Bosättning\n1. Validering\n  Lokal överenskommelse  '), [
      'Etableringsplan',
      'Bosättning',
      'Validering',
      'Lokal överenskommelse',
    ]);
    assert.deepEqual(responsibilityLines(''), []);
  });

  it('orders by position, ties by name, and moves one entry to a new place', () => {
    const rows = [
      { id: 'c', position: 2, actor: 'C' },
      { id: 'b', position: 0, actor: 'Ö' },
      { id: 'a', position: 0, actor: 'A' },
    ];
    assert.deepEqual(
      ordered(rows).map((r) => r.id),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(moveTo(['a', 'b', 'c', 'd'], 'd', 0), ['d', 'a', 'b', 'c']);
    assert.deepEqual(moveTo(['a', 'b', 'c', 'd'], 'a', 2), ['b', 'c', 'a', 'd']);
    assert.deepEqual(moveTo(['a', 'b', 'c'], 'a', 99), ['b', 'c', 'a']);
    assert.deepEqual(moveTo(['a', 'b', 'c'], 'x', 0), ['a', 'b', 'c']);
  });
});
