import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { ADMIN_PASSWORD } from '../../../test/support/stores.ts';
import { systemActor } from '../audit/audit.ts';
import { seedDemoFollowUp } from '../follow-up/demo.ts';
import { seedDemoFund } from '../fund/demo.ts';
import { eraseAccount, type AccountExtract } from './register.ts';

await forEachStore('account register extract and erasure', (kind) => {
  let t: TestApp;
  let admin: string;
  const idOf = async (username: string) =>
    (await t.store.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  before(async () => {
    t = await startTestApp(kind);
    await seedDemoFollowUp(t.store.db);
    await seedDemoFund(t.store.db);
    admin = await t.login('admin', ADMIN_PASSWORD);
  });
  after(() => t.close());

  it('gives the signed-in user her own extract as a download, with times but no token or password hash', async () => {
    assert.equal((await t.request('GET', '/api/auth/me/extract')).statusCode, 401);
    const cookie = await t.login('laxa.lasare');
    const res = await t.request('GET', '/api/auth/me/extract', { cookie });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="registerutdrag-konto-[0-9a-f-]{36}\.json"$/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const extract = res.json<AccountExtract>();
    assert.equal(extract.account.username, 'laxa.lasare');
    assert.equal(extract.account.municipalityCode, '1860');
    assert.ok(extract.sessions.length >= 1 && extract.sessions.every((s) => Object.keys(s).join() === 'createdAt,lastSeenAt,expiresAt'));
    const id = await idOf('laxa.lasare');
    const stored = await t.store.db.selectFrom('session').select('id').where('user_id', '=', id).execute();
    const user = await t.store.db.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    for (const secret of [...stored.map((s) => s.id), user.password_hash, cookie.split('=')[1] ?? ''])
      assert.ok(!res.body.includes(secret));
  });

  it('lets administrators and the holder take an extract of an account, and nobody else', async () => {
    const reporterId = await idOf('laxa.rapportor');
    const coordinator = await t.login('laxa.samordnare');
    assert.equal((await t.request('GET', `/api/users/${reporterId}/extract`, { cookie: coordinator })).statusCode, 403);
    assert.equal((await t.request('GET', `/api/users/${reporterId}/extract`, { cookie: await t.login('laxa.rapportor') })).statusCode, 200);
    const byAdmin = await t.request('GET', `/api/users/${reporterId}/extract`, { cookie: admin });
    assert.equal(byAdmin.statusCode, 200);
    const extract = byAdmin.json<AccountExtract>();
    assert.equal(extract.units.length, 1);
    // The demo's reports were written by the program, so the activity is the sign-ins' audit only if any; the list exists.
    assert.ok(Array.isArray(extract.activity));
    assert.equal((await t.request('GET', `/api/users/00000000-0000-4000-8000-000000000000/extract`, { cookie: admin })).statusCode, 404);
  });

  it('refuses erasure to everyone but administrators, of one’s own account, and of the last administrator', async () => {
    const readerId = await idOf('laxa.lasare');
    for (const who of ['laxa.samordnare', 'laxa.lasare'])
      assert.equal((await t.request('DELETE', `/api/users/${readerId}`, { cookie: await t.login(who) })).statusCode, 403);
    assert.equal((await t.request('DELETE', `/api/users/${readerId}`)).statusCode, 401);
    const adminId = await idOf('admin');
    const self = await t.request('DELETE', `/api/users/${adminId}`, { cookie: admin });
    assert.equal(self.statusCode, 409);
    assert.match(self.json<{ message: string }>().message, /eget konto/);
    // Only a program-run erasure could reach the last administrator; it is refused too.
    await assert.rejects(eraseAccount(t.store.db, systemActor, adminId), /sista aktiva administratören/);
  });

  it('erases a fund applicant: personal fields and drafts gone, submitted applications and the balances unchanged', async () => {
    const id = await idOf('laxa.forening');
    const email = 'kassor.laxa@example.org';
    await t.store.db.updateTable('app_user').set({ email }).where('id', '=', id).execute();
    const applicant = await t.login('laxa.forening');
    const link = await t.store.db
      .selectFrom('fund_organisation_user')
      .select('organisation_id')
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    // As if she had written them herself (the demo's are by "exempel"): authors are named by username.
    await t.store.db
      .updateTable('fund_application')
      .set({ created_by: 'laxa.forening' })
      .where('organisation_id', '=', link.organisation_id)
      .execute();
    const submitted = await t.store.db
      .selectFrom('fund_application')
      .selectAll()
      .where('organisation_id', '=', link.organisation_id)
      .orderBy('id')
      .execute();
    assert.ok(submitted.length > 0 && submitted.every((a) => a.status !== 'draft'));
    const draft = await t.store.db
      .insertInto('fund_application')
      .values({
        call_id: submitted[0]?.call_id as string,
        organisation_id: link.organisation_id,
        title: 'Halvfärdigt utkast',
        activities: '[]',
        budget_lines: '[]',
        co_financing: '[]',
        created_by: 'laxa.forening',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.store.db
      .insertInto('mail_outbox')
      .values({ kind: 'test', dedupe_key: `test:${id}`, to_address: email.toUpperCase(), subject: 'Hej', body: 'Till dig', state: 'sent' })
      .execute();
    const balances = (await t.request('GET', '/api/municipalities/1860/fund', { cookie: admin })).body;

    const res = await t.request('DELETE', `/api/users/${id}`, { cookie: admin });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { erased: true, sessionsEnded: 1, linksDeleted: 0, messagesDeleted: 1, draftsDeleted: 1 });

    const row = await t.store.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.username, `raderad-${id.slice(0, 8)}`);
    assert.equal(row.display_name, 'Raderat konto');
    assert.equal(row.email, null);
    assert.equal(row.disabled, true);
    assert.ok(row.erased_at);
    assert.equal((await t.request('GET', '/api/auth/me', { cookie: applicant })).json<{ user: unknown }>().user, null, 'signed out');
    assert.equal((await t.request('POST', '/api/auth/login', { body: { username: 'laxa.forening', password: 'demo' } })).statusCode, 401);
    const reopen = await t.request('PUT', `/api/users/${id}/disabled`, { cookie: admin, body: { disabled: false } });
    assert.equal(reopen.statusCode, 409, 'an erased account is not opened again');
    const kept = await t.store.db
      .selectFrom('fund_application')
      .selectAll()
      .where('organisation_id', '=', link.organisation_id)
      .orderBy('id')
      .execute();
    assert.deepEqual(kept, submitted, 'submitted applications are public records: unchanged, naming their author as written');
    assert.equal(await t.store.db.selectFrom('fund_application').select('id').where('id', '=', draft.id).executeTakeFirst(), undefined);
    assert.equal((await t.request('GET', '/api/municipalities/1860/fund', { cookie: admin })).body, balances, 'balances unchanged');
    assert.equal(
      await t.store.db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', `test:${id}`).executeTakeFirst(),
      undefined,
    );

    const audit = await t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.erase')
      .where('entity_id', '=', id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.username, 'admin');
    assert.doesNotMatch(JSON.stringify([audit[0]?.before, audit[0]?.after]), /laxa\.forening|kassor|example\.org/i, 'facts only');
    assert.equal((await t.request('DELETE', `/api/users/${id}`, { cookie: admin })).statusCode, 409, 'never twice');
  });

  it('erases a reporter: units, links and sessions gone, every report she wrote and the cycle board unchanged', async () => {
    const writers = { id: await idOf('laxa.rapportor'), username: 'laxa.rapportor' };
    const id = writers.id;
    // Reports name their author by username, as written when submitted (the demo's are by "exempel").
    const cycle = await t.store.db
      .selectFrom('follow_up_cycle')
      .select('id as cycle_id')
      .where('municipality_code', '=', '1860')
      .executeTakeFirstOrThrow();
    await t.store.db
      .updateTable('report_task')
      .set({ submitted_by: writers.username })
      .where('cycle_id', '=', cycle.cycle_id)
      .where('submitted_by', 'is not', null)
      .execute();
    await t.store.db
      .insertInto('access_link')
      .values({ user_id: id, cycle_id: cycle.cycle_id, expires_at: new Date(Date.now() + 86_400_000), created_at: new Date() })
      .execute();
    const tasksBefore = await t.store.db.selectFrom('report_task').selectAll().orderBy('id').execute();
    const boardOf = async () => {
      const board = (await t.request('GET', `/api/cycles/${cycle.cycle_id}`, { cookie: admin })).json<Record<string, unknown>>();
      return JSON.stringify(board).replace(new RegExp(writers.username, 'g'), '');
    };
    const boardBefore = await boardOf();

    const res = await t.request('DELETE', `/api/users/${id}`, { cookie: admin });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ linksDeleted: number }>().linksDeleted, 1);
    assert.deepEqual(await t.store.db.selectFrom('report_task').selectAll().orderBy('id').execute(), tasksBefore, 'reports as written');
    assert.equal(await boardOf(), boardBefore, 'the board counts the same');
    assert.deepEqual(await t.store.db.selectFrom('user_unit').select('unit_id').where('user_id', '=', id).execute(), []);
    assert.deepEqual(await t.store.db.selectFrom('access_link').select('id').where('user_id', '=', id).execute(), []);
    const extract = (await t.request('GET', `/api/users/${id}/extract`, { cookie: admin })).json<AccountExtract>();
    assert.deepEqual(
      [extract.account.displayName, extract.account.email, extract.units, extract.sessions],
      ['Raderat konto', null, [], []],
    );
  });
});
