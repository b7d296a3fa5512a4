import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { signLinkToken, verifyLinkToken } from './links.ts';

const secret = randomBytes(32);
const id = '3f2b8c1e-9d4a-4b6f-8e2a-1c5d7e9f0a1b';
const otherId = '3f2b8c1e-9d4a-4b6f-8e2a-1c5d7e9f0a1c';
const now = 1_700_000_000;
const expires = now + 21 * 86_400;

describe('personal link tokens', () => {
  it('verify when signed with the same key and within their time', () => {
    const token = signLinkToken(secret, id, expires);
    assert.match(token, /^[0-9a-f-]{36}\.[0-9]+\.[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(verifyLinkToken(secret, token, now), { ok: true, id, expires });
  });

  it('refuse a tampered signature, however small the change', () => {
    const token = signLinkToken(secret, id, expires);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    assert.deepEqual(verifyLinkToken(secret, token.slice(0, -1) + last, now), { ok: false, reason: 'invalid' });
    assert.deepEqual(verifyLinkToken(secret, token.slice(0, -1), now), { ok: false, reason: 'invalid' });
  });

  it('refuse a signature moved to another link id', () => {
    const signature = signLinkToken(secret, id, expires).split('.')[2];
    assert.deepEqual(verifyLinkToken(secret, `${otherId}.${expires}.${signature}`, now), { ok: false, reason: 'invalid' });
  });

  it('refuse a lengthened expiry', () => {
    const signature = signLinkToken(secret, id, expires).split('.')[2];
    assert.deepEqual(verifyLinkToken(secret, `${id}.${expires + 86_400}.${signature}`, now), { ok: false, reason: 'invalid' });
  });

  it('refuse a token signed with another key', () => {
    assert.deepEqual(verifyLinkToken(randomBytes(32), signLinkToken(secret, id, expires), now), { ok: false, reason: 'invalid' });
  });

  it('expire at the second they name', () => {
    const token = signLinkToken(secret, id, expires);
    assert.equal(verifyLinkToken(secret, token, expires - 1).ok, true);
    assert.deepEqual(verifyLinkToken(secret, token, expires), { ok: false, reason: 'expired' });
  });

  it('refuse malformed tokens without throwing', () => {
    for (const token of [
      '',
      'abc',
      `${id}.${expires}`,
      `not-a-uuid.${expires}.${'A'.repeat(43)}`,
      `${id}.-1.${'A'.repeat(43)}`,
      `${id}.1.2.3`,
    ])
      assert.deepEqual(verifyLinkToken(secret, token, now), { ok: false, reason: 'invalid' }, token);
  });
});
