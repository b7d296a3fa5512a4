import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskPath, safeError, scrubText } from './logging.ts';

const token = '3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f.1796383199.CtKbSMEb24RG3I-lOKRV7fKlzmul0Zp0BjpgrtTtFXg';

describe('paths in the log', () => {
  const cases: [string, string][] = [
    ['/api/plans/3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f/items?sok=Anna', '/api/plans/3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f/items'],
    [`/api/links/${token}`, '/api/links/…'],
    [`/api/links/${token}/tasks/3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f`, '/api/links/…/tasks/3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f'],
    [`/svara/${token}#x`, '/svara/…'],
    ['/api/links/kort', '/api/links/…'],
    ['/api/users/anna%40example.org/extract', '/api/users/…/extract'],
    ['/sok/19800101-1234', '/sok/…'],
    ['/api/municipalities/1860/fund', '/api/municipalities/1860/fund'],
  ];
  for (const [url, logged] of cases) it(`logs ${url} as ${logged}`, () => assert.equal(maskPath(url), logged));
});

describe('texts in the log', () => {
  it('masks addresses, tokens, identity numbers and quoted values, and keeps the rest', () => {
    assert.equal(
      scrubText(`550 <anna@example.org> rejected; link ${token}; pnr 19800101-1234; invalid input syntax for type integer: "Anna"`),
      '550 <[e-post]> rejected; link …; pnr …; invalid input syntax for type integer: "…"',
    );
    assert.equal(scrubText('job 3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f done'), 'job 3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f done');
  });

  it('keeps of an error its type, scrubbed message and stack, code and schema names — never detail, query or parameters', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "app_user_username_key"'), {
      code: '23505',
      constraint: 'app_user_username_key',
      detail: 'Key (username)=(anna) already exists.',
      query: 'insert into app_user …',
      params: ['anna', 'anna@example.org'],
      cause: new Error('to "bo@example.org"'),
    });
    const safe = safeError(error);
    assert.deepEqual(Object.keys(safe).sort(), ['cause', 'code', 'constraint', 'message', 'stack', 'type']);
    assert.equal(safe.code, '23505');
    assert.equal(safe.constraint, 'app_user_username_key');
    assert.match(safe.stack ?? '', /logging\.test\.ts/);
    assert.doesNotMatch(JSON.stringify(safe), /anna|bo@/);
  });
});
