import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('rätt lösenord');
    assert.match(hash, /^scrypt\$131072\$8\$1\$/);
    assert.equal(await verifyPassword('rätt lösenord', hash), true);
    assert.equal(await verifyPassword('fel lösenord', hash), false);
  });
  it('salts: the same password hashes differently each time', async () => {
    assert.notEqual(await hashPassword('samma'), await hashPassword('samma'));
  });
  it('refuses a malformed stored hash instead of throwing', async () => {
    assert.equal(await verifyPassword('x', 'md5$abc'), false);
  });
  it('asks for at least 8 characters', () => {
    assert.ok(passwordProblem('kort'));
    assert.equal(passwordProblem('tillräckligt långt'), null);
  });
});
