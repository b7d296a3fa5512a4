import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  claimValues,
  decideExisting,
  decideNew,
  issuerProblem,
  roleFromClaims,
  safeReturnPath,
  usernameFromClaims,
  verifiedEmail,
  type ExistingAccount,
} from './oidc-rules.ts';

describe('safeReturnPath', () => {
  it('keeps a path on this site with its query and fragment', () => {
    assert.equal(safeReturnPath('/plans/abc?tab=2#x'), '/plans/abc?tab=2#x');
  });
  it('turns anything that could leave the site into the start page', () => {
    for (const value of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%0d%0aLocation: x'.replace('%0d%0a', '\r\n'),
      '',
      undefined,
      42,
      'evil.example',
    ])
      assert.equal(safeReturnPath(value), '/', String(value));
  });
});

describe('issuerProblem', () => {
  it('accepts https anywhere and http only on this machine', () => {
    assert.equal(issuerProblem('https://login.microsoftonline.com/tenant/v2.0'), null);
    assert.equal(issuerProblem('http://127.0.0.1:4000'), null);
    assert.equal(issuerProblem('http://localhost:8080/realms/laxa'), null);
    assert.match(issuerProblem('http://idp.laxa.se') ?? '', /https/);
    assert.match(issuerProblem('inte en adress') ?? '', /ingen adress/);
    assert.match(issuerProblem('https://idp.laxa.se/?x=1') ?? '', /frågedel/);
  });
});

describe('roleFromClaims', () => {
  const mapping = [
    { value: 'delaktig-samordnare', role: 'coordinator' as const },
    { value: 'delaktig-lasare', role: 'reader' as const },
    { value: 'delaktig-rapportor', role: 'reporter' as const },
  ];
  it('reads a list, a space-separated string or a nested claim', () => {
    assert.deepEqual(claimValues({ groups: ['a', 'b', 3] }, 'groups'), ['a', 'b']);
    assert.deepEqual(claimValues({ roles: 'a b' }, 'roles'), ['a', 'b']);
    assert.deepEqual(claimValues({ realm_access: { roles: ['x'] } }, 'realm_access.roles'), ['x']);
    assert.deepEqual(claimValues({ realm_access: ['x'] }, 'realm_access.roles'), []);
  });
  it('gives the strongest mapped role the person holds, or none', () => {
    assert.equal(roleFromClaims({ groups: ['delaktig-lasare', 'delaktig-samordnare'] }, 'groups', mapping), 'coordinator');
    assert.equal(roleFromClaims({ groups: ['delaktig-lasare', 'delaktig-rapportor'] }, 'groups', mapping), 'reporter');
    assert.equal(roleFromClaims({ groups: ['annat'] }, 'groups', mapping), null);
    assert.equal(roleFromClaims({ groups: ['delaktig-lasare'] }, null, mapping), null);
  });
  it('never gives the administrator role, whatever the mapping says', () => {
    const forged = [{ value: 'it', role: 'admin' as unknown as 'reader' }];
    assert.equal(roleFromClaims({ groups: ['it'] }, 'groups', forged), null);
  });
});

describe('decideExisting and decideNew', () => {
  const reader: ExistingAccount = { role: 'reader', municipalityCode: '1860', disabled: false, unitIds: [] };
  it("lets the claims' role win, else keeps the administrator's", () => {
    assert.deepEqual(decideExisting(reader, '1860', 'coordinator'), { ok: true, role: 'coordinator' });
    assert.deepEqual(decideExisting(reader, '1860', null), { ok: true, role: 'reader' });
  });
  it('refuses another municipality, a disabled account, administrators, applicants and reporters without units', () => {
    assert.deepEqual(decideExisting(reader, '2514', null), { ok: false, reason: 'wrong_municipality' });
    assert.deepEqual(decideExisting({ ...reader, disabled: true }, '1860', null), { ok: false, reason: 'disabled' });
    assert.deepEqual(decideExisting({ ...reader, role: 'admin', municipalityCode: null }, '1860', 'coordinator'), {
      ok: false,
      reason: 'wrong_municipality',
    });
    assert.deepEqual(decideExisting({ ...reader, role: 'applicant' }, '1860', 'coordinator'), { ok: false, reason: 'no_role' });
    assert.deepEqual(decideExisting(reader, '1860', 'reporter'), { ok: false, reason: 'reporter_needs_units' });
    assert.deepEqual(decideExisting({ ...reader, role: 'reporter', unitIds: ['u'] }, '1860', null), { ok: true, role: 'reporter' });
  });
  it('creates accounts only where allowed, with a role, and never reporters', () => {
    assert.deepEqual(decideNew(false, 'coordinator'), { ok: false, reason: 'no_account' });
    assert.deepEqual(decideNew(true, null), { ok: false, reason: 'no_role' });
    assert.deepEqual(decideNew(true, 'reporter'), { ok: false, reason: 'reporter_needs_units' });
    assert.deepEqual(decideNew(true, 'reader'), { ok: true, role: 'reader' });
  });
});

describe('claims about the person', () => {
  it('makes a username in the local accounts’ form', () => {
    assert.equal(usernameFromClaims({ preferred_username: 'Åsa.Öberg@laxa.se' }), 'asa.oberg');
    assert.equal(usernameFromClaims({ email: 'x@laxa.se' }), 'sso.konto');
    assert.match(usernameFromClaims({ preferred_username: '--Karl Gustav--' }), /^[a-z0-9][a-z0-9._-]{1,62}$/);
  });
  it('links by e-mail only when the provider has verified it', () => {
    assert.equal(verifiedEmail({ email: 'Anna@Laxa.se', email_verified: true }), 'anna@laxa.se');
    assert.equal(verifiedEmail({ email: 'anna@laxa.se', email_verified: 'true' }), null);
    assert.equal(verifiedEmail({ email: 'anna@laxa.se' }), null);
  });
});
