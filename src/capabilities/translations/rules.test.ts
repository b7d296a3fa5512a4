import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTranslation, isTranslationLang, kindFields, kindProblem, langProblem, localText, TRANSLATION_LANGS } from './rules.ts';

describe('localText', () => {
  it('shows the translation in the reader’s language', () => {
    assert.deepEqual(localText('Fler i arbete', 'المزيد في العمل', 'ar'), { text: 'المزيد في العمل', lang: 'ar' });
  });
  it('falls back to the Swedish, marked Swedish, when nothing is translated', () => {
    assert.deepEqual(localText('Fler i arbete', undefined, 'ar'), { text: 'Fler i arbete', lang: 'sv' });
    assert.deepEqual(localText('Fler i arbete', '   ', 'so'), { text: 'Fler i arbete', lang: 'sv' });
  });
  it('gives Swedish readers the original even if a stray translation is passed', () => {
    assert.deepEqual(localText('Fler i arbete', 'More in work', 'sv'), { text: 'Fler i arbete', lang: 'sv' });
  });
});

describe('languages and kinds', () => {
  it('never accepts Swedish as a translation: it is the original', () => {
    assert.equal(isTranslationLang('sv'), false);
    assert.match(langProblem('sv')?.message ?? '', /Svenska är originaltexten/);
  });
  it('names the languages it accepts when given another', () => {
    const problem = langProblem('de');
    assert.equal(problem?.path, '/lang');
    assert.match(problem?.message ?? '', /”de”.*arabiska \(ar\).*dari \(prs\)/);
  });
  it('accepts the five public languages besides Swedish', () => {
    for (const lang of TRANSLATION_LANGS) assert.equal(langProblem(lang), null);
  });
  it('refuses an unknown kind with the ones that exist', () => {
    assert.equal(kindProblem('item'), null);
    assert.match(kindProblem('unit')?.message ?? '', /”unit”.*document, item, activity och guide/);
  });
  it('gives plans and items one text, activities and guide entries a description too', () => {
    assert.deepEqual(Object.fromEntries(Object.entries(kindFields).map(([k, f]) => [k, f.description])), {
      document: false,
      item: false,
      activity: true,
      guide: true,
    });
  });
});

describe('checkTranslation', () => {
  it('trims, and keeps an empty description as none', () => {
    assert.deepEqual(checkTranslation('item', { title: '  More in work  ', description: ' ' }), {
      value: { title: 'More in work', description: null },
      problems: [],
    });
  });
  it('refuses an empty title, naming the field in Swedish', () => {
    const { problems } = checkTranslation('document', { title: '   ' });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/title'],
    );
    assert.match(problems[0]?.message ?? '', /Rubriken får inte vara tom/);
  });
  it('refuses a description for a kind that has none', () => {
    const { problems } = checkTranslation('item', { title: 'x', description: 'more' });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/description'],
    );
    assert.match(problems[0]?.message ?? '', /Punkten har bara en text/);
  });
  it('refuses a title longer than the kind allows, saying how long', () => {
    const { problems } = checkTranslation('activity', { title: 'a'.repeat(201) });
    assert.match(problems[0]?.message ?? '', /högst 200 tecken, den har 201/);
  });
  it('sanitises an activity’s description as the catalogue does, and strips markup from its title', () => {
    const { value, problems } = checkTranslation('activity', {
      title: 'Language <b>café</b>',
      description: '<p>Practise <strong>Swedish</strong>.</p><script>alert(1)</script><img src=x onerror="alert(1)">',
    });
    assert.deepEqual(problems, []);
    assert.equal(value.title, 'Language café');
    assert.equal(value.description, '<p>Practise <strong>Swedish</strong>.</p>');
  });
  it('keeps a guide entry’s description as plain text', () => {
    assert.equal(
      checkTranslation('guide', { title: 'Employment Service', description: 'Jobs <and> training' }).value.description,
      'Jobs <and> training',
    );
  });
});
