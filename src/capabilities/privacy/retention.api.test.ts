import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { ADMIN_PASSWORD } from '../../../test/support/stores.ts';
import { seedDemoFollowUp } from '../follow-up/demo.ts';
import { purgePersonalData, retentionPolicy, startPrivacyRetention } from './retention.ts';

const DAY = 86_400_000;
/** The job's clock: far enough ahead that everything the test made "now" is old. */
const now = new Date('2031-03-01T09:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);

await forEachStore('platform retention job', (kind) => {
  let t: TestApp;
  const policy = retentionPolicy({ MAIL_RETENTION_DAYS: 365, ACCOUNT_RETENTION_DAYS: 730, SESSION_IDLE_MINUTES: 120 });
  const ids: Record<string, string> = {};

  before(async () => {
    t = await startTestApp(kind);
    await seedDemoFollowUp(t.store.db);
    const db = t.store.db;
    for (const u of ['laxa.lasare', 'laxa.rapportor', 'kalix.lasare', 'kalix.rapportor'])
      ids[u] = (await db.selectFrom('app_user').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    const userId = ids['laxa.lasare'] as string;
    const cycle = await db.selectFrom('follow_up_cycle').select('id').executeTakeFirstOrThrow();
    await db.deleteFrom('session').execute();
    await db.deleteFrom('access_link').execute();
    await db
      .insertInto('session')
      .values([
        { id: 'expired', user_id: userId, created_at: ago(2), last_seen_at: ago(2), expires_at: ago(1) },
        { id: 'idle', user_id: userId, created_at: ago(0.2), last_seen_at: ago(0.1), expires_at: ago(-0.3) },
        { id: 'live', user_id: userId, created_at: ago(0.01), last_seen_at: ago(0.01), expires_at: ago(-0.4) },
      ])
      .execute();
    await db
      .insertInto('access_link')
      .values([
        { user_id: userId, cycle_id: cycle.id, created_at: ago(80), expires_at: ago(40) },
        { user_id: userId, cycle_id: cycle.id, created_at: ago(30), expires_at: ago(10) },
        { user_id: userId, cycle_id: cycle.id, created_at: ago(1), expires_at: ago(-20) },
      ])
      .execute();
    const mail = (key: string, state: 'sent' | 'queued' | 'failed', days: number) => ({
      kind: 'test',
      dedupe_key: `retention:${key}`,
      to_address: `${key}@example.org`,
      subject: `Ämne ${key}`,
      body: `Hej ${key}, här är din länk`,
      state,
      error: state === 'failed' ? `550 <${key}@example.org> rejected` : null,
      created_at: ago(days),
    });
    await db
      .insertInto('mail_outbox')
      .values([
        mail('old-sent', 'sent', 400),
        mail('old-failed', 'failed', 366),
        mail('old-queued', 'queued', 400),
        mail('new', 'sent', 30),
      ])
      .execute();
  });
  after(() => t.close());

  it('deletes dead sessions and long-expired links, blanks old mail and erases long-disabled accounts — once', async () => {
    const db = t.store.db;
    // Disabled through the API: the audit log's entry (at the real time now, years before the job's clock) starts the period.
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const laxaReporter = ids['laxa.rapportor'] as string;
    const res = await t.request('PUT', `/api/users/${laxaReporter}/disabled`, { cookie: admin, body: { disabled: true } });
    assert.equal(res.statusCode, 200, res.body);
    // Disabled just a month before the job's clock: kept. Disabled long ago but enabled again: kept.
    const recent = ids['kalix.rapportor'] as string;
    await db.updateTable('app_user').set({ disabled: true }).where('id', '=', recent).execute();
    await db
      .insertInto('audit_log')
      .values({
        at: ago(30),
        user_id: null,
        username: 'system',
        municipality_code: '2514',
        action: 'user.disable',
        entity_type: 'user',
        entity_id: recent,
        before: '{}',
        after: '{}',
      })
      .execute();
    const reEnabled = ids['kalix.lasare'] as string;
    await t.request('PUT', `/api/users/${reEnabled}/disabled`, { cookie: admin, body: { disabled: true } });
    await t.request('PUT', `/api/users/${reEnabled}/disabled`, { cookie: admin, body: { disabled: false } });
    const tasksBefore = await db.selectFrom('report_task').selectAll().orderBy('id').execute();

    const first = await purgePersonalData(db, policy, now);
    // The admin's own session (signed in above, at the real time) has long expired by the job's clock.
    assert.deepEqual(first, {
      sessionsDeleted: 3,
      linksDeleted: 1,
      messagesBlanked: 2,
      accountsErased: 1,
      matchingPeopleErased: 0,
      followsDeleted: 0,
    });
    assert.deepEqual(
      (await db.selectFrom('session').select('id').execute()).map((s) => s.id),
      ['live'],
    );
    assert.equal((await db.selectFrom('access_link').select('id').execute()).length, 2, 'expired 10 days ago: still kept');
    const outbox = await db
      .selectFrom('mail_outbox')
      .select(['dedupe_key', 'to_address', 'body', 'subject', 'state', 'error'])
      .where('kind', '=', 'test')
      .orderBy('dedupe_key')
      .execute();
    assert.deepEqual(outbox, [
      {
        dedupe_key: 'retention:new',
        to_address: 'new@example.org',
        body: 'Hej new, här är din länk',
        subject: 'Ämne new',
        state: 'sent',
        error: null,
      },
      { dedupe_key: 'retention:old-failed', to_address: '', body: '', subject: 'Ämne old-failed', state: 'failed', error: null },
      {
        dedupe_key: 'retention:old-queued',
        to_address: 'old-queued@example.org',
        body: 'Hej old-queued, här är din länk',
        subject: 'Ämne old-queued',
        state: 'queued',
        error: null,
      },
      { dedupe_key: 'retention:old-sent', to_address: '', body: '', subject: 'Ämne old-sent', state: 'sent', error: null },
    ]);
    const accounts = await db
      .selectFrom('app_user')
      .select(['id', 'username', 'display_name', 'erased_at'])
      .where('id', 'in', [laxaReporter, recent, reEnabled])
      .execute();
    const byId = new Map(accounts.map((a) => [a.id, a]));
    assert.equal(byId.get(laxaReporter)?.display_name, 'Raderat konto');
    assert.ok(byId.get(laxaReporter)?.erased_at);
    assert.equal(byId.get(recent)?.erased_at, null);
    assert.equal(byId.get(reEnabled)?.erased_at, null);
    const audit = await db.selectFrom('audit_log').select(['username', 'after']).where('action', '=', 'user.erase').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.username, 'system');
    assert.equal((audit[0]?.after as { reason: string }).reason, 'retention');
    assert.deepEqual(await db.selectFrom('report_task').selectAll().orderBy('id').execute(), tasksBefore, 'follow-up unchanged');

    const second = await purgePersonalData(db, policy, now);
    assert.deepEqual(second, {
      sessionsDeleted: 0,
      linksDeleted: 0,
      messagesBlanked: 0,
      accountsErased: 0,
      matchingPeopleErased: 0,
      followsDeleted: 0,
    });
  });

  it('runs on a schedule with its own clock, logs counts only, and stops cleanly', async () => {
    const lines: string[] = [];
    const job = startPrivacyRetention({
      db: t.store.db,
      policy: { ...policy, accountDays: 1 },
      intervalMs: 60_000,
      now: () => new Date(now.getTime() + 40 * DAY),
      log: { info: (m) => void lines.push(m), error: (m) => void lines.push(`ERROR ${m}`) },
    });
    const report = await job.runOnce();
    await job.stop();
    assert.ok(report);
    // Ten more days on: the link that expired 10 days before the first run is now past its grace, and the account
    // disabled a month before is past a one-day period.
    assert.equal(report.linksDeleted, 1);
    assert.equal(report.accountsErased, 1);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^retention: \d+ session\(s\), 1 personal link\(s\) deleted; \d+ message\(s\) blanked; 1 account\(s\)/);
    assert.doesNotMatch(lines.join('\n'), /@|kalix|laxa/);
  });
});
