import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGUAGES } from '../portal/languages.ts';
import {
  combineStatuses,
  confirmMail,
  emailProblem,
  followCutoffs,
  followsConcerned,
  nameOf,
  publicStatus,
  safeReturnPath,
  statusChange,
  statusChangedMail,
  unsubscribeHeaders,
  type FollowRef,
} from './rules.ts';

describe('follows: the address', () => {
  it('takes ordinary addresses, trimmed, and refuses what cannot be one', () => {
    assert.equal(emailProblem(' anna.svensson@laxa.se '), null);
    assert.equal(emailProblem('ali+plan@example.co.uk'), null);
    assert.equal(emailProblem(''), 'empty');
    assert.equal(emailProblem('   '), 'empty');
    for (const bad of [
      'anna',
      'anna@',
      '@laxa.se',
      'anna@laxa',
      'an na@laxa.se',
      'anna@@laxa.se',
      'a..b@laxa.se',
      'anna@laxa.s',
      '<a@b.se>',
    ])
      assert.equal(emailProblem(bad), 'invalid', bad);
    assert.equal(emailProblem(`${'a'.repeat(250)}@b.se`), 'invalid');
  });
});

describe('follows: the public status of an item', () => {
  it('says several reports of one cycle as one, the least advanced, as the plan pages do', () => {
    assert.equal(combineStatuses([]), null);
    assert.equal(combineStatuses(['done', 'done']), 'done');
    assert.equal(combineStatuses(['done', 'cancelled']), 'done');
    assert.equal(combineStatuses(['cancelled', 'cancelled']), 'cancelled');
    assert.equal(combineStatuses(['done', 'delayed']), 'delayed');
    assert.equal(combineStatuses(['done', 'in_progress']), 'in_progress');
    assert.equal(combineStatuses(['done', 'not_started']), 'not_started');
  });

  it('is the latest cycle with an approved report', () => {
    const r = (cycleId: string, periodTo: string, status: 'done' | 'delayed' | 'in_progress') => ({
      cycleId,
      periodFrom: `${periodTo.slice(0, 4)}-01-01`,
      periodTo,
      status,
    });
    assert.equal(publicStatus([]), null);
    assert.equal(publicStatus([r('a', '2025-06-30', 'delayed'), r('b', '2025-12-31', 'done')]), 'done');
    // An older cycle approved later does not change what the newer one says.
    assert.equal(publicStatus([r('b', '2025-12-31', 'done'), r('a', '2025-06-30', 'delayed')]), 'done');
    assert.equal(publicStatus([r('b', '2025-12-31', 'done'), r('b', '2025-12-31', 'delayed'), r('a', '2025-06-30', 'done')]), 'delayed');
  });

  it('is a change only when the status differs; a first approved status is one', () => {
    assert.equal(statusChange('done', 'done'), null);
    assert.equal(statusChange('done', null), null);
    assert.deepEqual(statusChange('in_progress', 'done'), { from: 'in_progress', to: 'done' });
    assert.deepEqual(statusChange(null, 'delayed'), { from: null, to: 'delayed' });
  });
});

describe('follows: who hears of a change', () => {
  const follow = (id: string, email: string, targetKind: 'document' | 'item', targetId: string, confirmed = true): FollowRef => ({
    id,
    email,
    lang: 'sv',
    targetKind,
    targetId,
    confirmed,
  });
  const change = { itemId: 'activity', ancestorIds: ['goal', 'area'], documentIds: ['plan', 'parent-plan'] };

  it("the item's, its goals' and its plan's confirmed follows; never another item's or an unconfirmed one", () => {
    const got = followsConcerned(change, [
      follow('1', 'a@x.se', 'item', 'activity'),
      follow('2', 'b@x.se', 'item', 'goal'),
      follow('3', 'c@x.se', 'document', 'plan'),
      follow('4', 'd@x.se', 'item', 'other-activity'),
      follow('5', 'e@x.se', 'item', 'activity', false),
      follow('6', 'f@x.se', 'document', 'other-plan'),
      follow('7', 'g@x.se', 'document', 'parent-plan'),
      follow('8', 'h@x.se', 'item', 'area'),
    ]);
    assert.deepEqual(
      got.map((r) => [r.follow.id, r.via]),
      [
        ['1', 'item'],
        ['2', 'ancestor'],
        ['8', 'ancestor'],
        ['3', 'document'],
        ['7', 'document'],
      ],
    );
  });

  it('one mail per address, through the nearest thing followed, whatever the case of the address', () => {
    const got = followsConcerned(change, [
      follow('plan', 'Anna@X.se', 'document', 'plan'),
      follow('goal', 'anna@x.se', 'item', 'goal'),
      follow('item', 'ANNA@x.se ', 'item', 'activity'),
    ]);
    assert.deepEqual(
      got.map((r) => r.follow.id),
      ['item'],
    );
  });
});

describe('follows: the mails', () => {
  const facts = {
    municipality: 'Laxå',
    name: '1.2 Språkcafé varje vecka',
    followed: 'Integrationsplan för Laxå',
    change: { from: 'in_progress' as const, to: 'done' as const },
    link: 'https://delaktig.example/ar/kommun/1860/plan/p/punkt/i',
    unsubscribeUrl: 'https://delaktig.example/ar/folj/avsluta/TOKEN',
  };

  it('say the new and old status, the item, the page and how to stop, in the reader’s language', () => {
    const sv = statusChangedMail('sv', facts);
    assert.match(sv.subject, /^Ny status: 1\.2 Språkcafé/);
    assert.match(sv.body, /Ny status: Genomförd\nTidigare: Pågår/);
    assert.match(sv.body, /Läs mer: https:\/\/delaktig\.example\/ar\/kommun\/1860\/plan\/p\/punkt\/i/);
    assert.match(sv.body, /Sluta följa: https:\/\/delaktig\.example\/ar\/folj\/avsluta\/TOKEN/);
    assert.doesNotMatch(sv.body, /på svenska/);
    const ar = statusChangedMail('ar', facts);
    assert.match(ar.body, /الحالة الجديدة: مُنجَز/);
    assert.match(ar.body, /باللغة السويدية/, 'Swedish text from the municipality is said to be Swedish');
    for (const lang of LANGUAGES) {
      const mail = statusChangedMail(lang, facts);
      assert.doesNotMatch(mail.body, /\{\w+\}/, `${lang}: every placeholder filled`);
      assert.ok(mail.body.includes(facts.unsubscribeUrl) && mail.body.includes(facts.link), lang);
      const confirm = confirmMail(lang, { municipality: 'Laxå', name: facts.name, link: 'https://x/sv/folj/bekrafta/T' });
      assert.ok(confirm.body.includes('https://x/sv/folj/bekrafta/T') && confirm.subject.includes('Laxå'), lang);
      assert.doesNotMatch(`${confirm.subject}${confirm.body}`, /\{\w+\}/, lang);
    }
    assert.match(statusChangedMail('en', { ...facts, change: { from: null, to: 'delayed' } }).body, /Before: No approved follow-up/);
  });

  it('carry RFC 8058 one-click unsubscribe headers', () => {
    assert.deepEqual(unsubscribeHeaders('https://d.example/sv/folj/avsluta/T'), {
      'List-Unsubscribe': '<https://d.example/sv/folj/avsluta/T>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('name a long item shortly', () => {
    assert.equal(nameOf({ number: '2', text: 'Kort  text\n' }), '2 Kort text');
    assert.equal(nameOf({ text: 'x'.repeat(300) }, 10), `${'x'.repeat(9)}…`);
  });
});

describe('follows: the way back and retention', () => {
  it('leads back only to a page of the same municipality', () => {
    const fallback = '/kommun/1860/plan/p';
    assert.equal(safeReturnPath('/sv/kommun/1860/plan/p/punkt/i', '1860', fallback), '/kommun/1860/plan/p/punkt/i');
    assert.equal(safeReturnPath('/kommun/1860', '1860', fallback), '/kommun/1860');
    for (const bad of [
      'https://evil.example/',
      '//evil.example/kommun/1860',
      '/sv/kommun/1864',
      '/kommun/1860?x=1',
      '/sv/kommun/1860//evil',
      undefined,
    ])
      assert.equal(safeReturnPath(bad, '1860', fallback), fallback, String(bad));
  });

  it('lets an unconfirmed request live a week and a silent follow two years', () => {
    const now = new Date('2026-06-10T12:00:00Z');
    const cut = followCutoffs(now);
    assert.equal(cut.unconfirmedBefore.toISOString(), '2026-06-03T12:00:00.000Z');
    assert.equal(cut.idleBefore.toISOString(), '2024-06-10T12:00:00.000Z');
  });
});
