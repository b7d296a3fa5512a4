import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPIRED_LINK_GRACE_DAYS, isAccountDueForErasure, retentionCutoffs, type RetentionPolicy } from './rules.ts';

const policy: RetentionPolicy = { mailDays: 365, accountDays: 730, sessionIdleMinutes: 120, linkGraceDays: EXPIRED_LINK_GRACE_DAYS };
const now = new Date('2026-06-15T10:00:00Z');

describe('retention cut-offs', () => {
  it('counts each period back from now', () => {
    const cut = retentionCutoffs(now, policy);
    assert.equal(cut.sessionsExpiredBefore.toISOString(), '2026-06-15T10:00:00.000Z');
    assert.equal(cut.sessionsIdleBefore.toISOString(), '2026-06-15T08:00:00.000Z');
    assert.equal(cut.linksExpiredBefore.toISOString(), '2026-05-16T10:00:00.000Z');
    assert.equal(cut.mailCreatedBefore.toISOString(), '2025-06-15T10:00:00.000Z');
    assert.equal(cut.accountsDisabledBefore.toISOString(), '2024-06-15T10:00:00.000Z');
  });

  it('follows the configured periods', () => {
    const cut = retentionCutoffs(now, { ...policy, mailDays: 30, accountDays: 1 });
    assert.equal(cut.mailCreatedBefore.toISOString(), '2026-05-16T10:00:00.000Z');
    assert.equal(cut.accountsDisabledBefore.toISOString(), '2026-06-14T10:00:00.000Z');
  });
});

describe('accounts due for erasure', () => {
  const before = retentionCutoffs(now, policy).accountsDisabledBefore;
  const longAgo = new Date('2024-01-01T00:00:00Z');
  const cases: [string, Parameters<typeof isAccountDueForErasure>[0], boolean][] = [
    ['disabled past the period', { disabled: true, disabledSince: longAgo, erasedAt: null }, true],
    ['disabled exactly at the cut-off', { disabled: true, disabledSince: before, erasedAt: null }, false],
    ['disabled recently', { disabled: true, disabledSince: new Date('2026-01-01T00:00:00Z'), erasedAt: null }, false],
    ['enabled again, although once disabled long ago', { disabled: false, disabledSince: longAgo, erasedAt: null }, false],
    ['already erased', { disabled: true, disabledSince: longAgo, erasedAt: new Date('2025-01-01T00:00:00Z') }, false],
    ['disabled with no recorded time', { disabled: true, disabledSince: null, erasedAt: null }, false],
  ];
  for (const [name, account, due] of cases)
    it(`${due ? 'erases' : 'keeps'} an account ${name}`, () => assert.equal(isAccountDueForErasure(account, before), due));
});
