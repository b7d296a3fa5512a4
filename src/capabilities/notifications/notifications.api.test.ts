import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { forEachStore } from '../../../test/support/each-store.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { ADMIN_PASSWORD } from '../../../test/support/stores.ts';
import { loadConfig, type Config } from '../../kernel/config.ts';
import { issueLink, markLinkUsed, resolveLink } from './links.ts';
import { createTransport, deliverOutbox, notifyCycleOpened, notifyReturned, runReminders, type OutboxEntry } from './service.ts';
import { startNotificationWorker } from './worker.ts';

interface Received {
  to: string;
  subject: string;
  text: string;
  autoSubmitted: unknown;
}

/** A real SMTP server on a free port; each message is parsed before the server accepts it, so a resolved send is readable. */
async function startSmtp(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 100,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          for (const rcpt of session.envelope.rcptTo)
            received.push({
              to: rcpt.address,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              autoSubmitted: mail.headers.get('auto-submitted'),
            });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const at = (iso: string) => new Date(iso);
const tokenIn = (text: string) => /\/svara\/([A-Za-z0-9._-]+)/.exec(text)?.[1];

await forEachStore('notifications', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let config: Config;
  let transport: NonNullable<ReturnType<typeof createTransport>>;
  let planId: string;
  let cycleId: string;
  let unitId: string;
  let reporterId: string;
  let silentId: string;
  let coordinatorId: string;
  const taskIds: Record<'a' | 'b' | 'done' | 'coordinators', string> = { a: '', b: '', done: '', coordinators: '' };

  const db = () => t.store.db;
  const mailTo = (to: string, subject: RegExp) => smtp.received.filter((m) => m.to === to && subject.test(m.subject));

  before(async () => {
    smtp = await startSmtp();
    config = loadConfig(
      {},
      { SMTP_URL: `smtp://127.0.0.1:${smtp.port}/?ignoreTLS=true`, PUBLIC_URL: 'https://delaktig.test', DEMO: true, WORKER_INTERVAL_MS: 0 },
    );
    transport = createTransport(config) as NonNullable<ReturnType<typeof createTransport>>;
    // The test's own SMTP server; workers off (startTestApp), so nothing sends the test's mail on the real clock.
    t = await startTestApp(kind, { SMTP_URL: config.SMTP_URL, PUBLIC_URL: config.PUBLIC_URL });

    const plan = await db()
      .selectFrom('document')
      .select('id')
      .where('municipality_code', '=', '1860')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    planId = plan.id;
    const items = await db()
      .selectFrom('item')
      .select(['id', 'label', 'number', 'text'])
      .where('document_id', '=', planId)
      .orderBy('position')
      .limit(4)
      .execute();
    const reporter = await db()
      .selectFrom('app_user')
      .innerJoin('user_unit', 'user_unit.user_id', 'app_user.id')
      .select(['app_user.id', 'user_unit.unit_id'])
      .where('username', '=', 'laxa.rapportor')
      .executeTakeFirstOrThrow();
    reporterId = reporter.id;
    unitId = reporter.unit_id;
    await db().updateTable('app_user').set({ email: 'rapportor@laxa.test' }).where('id', '=', reporterId).execute();
    coordinatorId = (
      await db()
        .updateTable('app_user')
        .set({ email: 'samordnare@laxa.test' })
        .where('username', '=', 'laxa.samordnare')
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // A second reporter of the unit without an address: skipped, and named as unreachable.
    silentId = (
      await db()
        .insertInto('app_user')
        .values({ username: 'laxa.tyst', display_name: 'Tyst Rapportör', password_hash: 'x', role: 'reporter', municipality_code: '1860' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db().insertInto('user_unit').values({ user_id: silentId, unit_id: unitId }).execute();
    await db().updateTable('unit').set({ head_name: 'Karin Chef', head_email: 'chef@laxa.test' }).where('id', '=', unitId).execute();

    cycleId = (
      await db()
        .insertInto('follow_up_cycle')
        .values({
          document_id: planId,
          municipality_code: '1860',
          label: 'Uppföljning 2016',
          period_from: '2016-01-01',
          period_to: '2016-12-31',
          deadline: '2017-01-15',
          state: 'open',
          created_by: 'laxa.samordnare',
          created_at: at('2017-01-02T08:00:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const task = (item: (typeof items)[number] | undefined, unit: string | null, state: 'open' | 'draft' | 'submitted') => {
      assert.ok(item);
      return db()
        .insertInto('report_task')
        .values({
          cycle_id: cycleId,
          item_id: item.id,
          unit_id: unit,
          unit_name: unit === null ? null : 'Enheten',
          item_kind: 'activity',
          item_label: item.label,
          item_number: item.number,
          item_text: item.text,
          state,
          submitted_by: state === 'submitted' ? 'laxa.rapportor' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((r) => r.id);
    };
    taskIds.a = await task(items[0], unitId, 'open');
    taskIds.b = await task(items[1], unitId, 'draft');
    taskIds.done = await task(items[2], unitId, 'submitted');
    taskIds.coordinators = await task(items[3], null, 'open');
  });
  after(async () => {
    transport.close();
    await smtp.close().catch(() => undefined);
    await t.close();
  });

  it('sends each reporter and coordinator with open entries a message with a personal link when the cycle opens', async () => {
    const opened = await db()
      .transaction()
      .execute((trx) => notifyCycleOpened(trx, config, cycleId, at('2017-01-02T08:00:00Z')));
    assert.equal(opened.enqueued, 2);
    assert.deepEqual(opened.unreachable, [{ kind: 'user', userId: silentId, name: 'Tyst Rapportör', reason: 'no_email' }]);

    const delivered = await deliverOutbox(db(), transport, { limit: 50, now: at('2017-01-02T08:00:05Z') });
    assert.deepEqual(delivered, { sent: 2, retrying: 0, failed: 0, notConfigured: 0 });
    const [toReporter] = mailTo('rapportor@laxa.test', /^Dags att följa upp/);
    assert.ok(toReporter, JSON.stringify(smtp.received));
    assert.match(toReporter.subject, /\(Uppföljning 2016\)$/);
    assert.match(toReporter.text, /2 punkter som din enhet ansvarar för/);
    assert.match(toReporter.text, /15 januari 2017/);
    assert.match(toReporter.text, /https:\/\/delaktig\.test\/logga-in/);
    assert.match(toReporter.text, /Delaktig — Laxå/);
    assert.equal(toReporter.autoSubmitted, 'auto-generated');
    const [toCoordinator] = mailTo('samordnare@laxa.test', /^Dags att följa upp/);
    assert.ok(toCoordinator);
    assert.match(toCoordinator.text, /1 punkt som kommunens samordnare rapporterar/);

    const token = tokenIn(toReporter.text);
    assert.ok(token);
    assert.deepEqual(await resolveLink(db(), token, at('2017-01-03T10:00:00Z')), {
      ok: true,
      linkId: token.split('.')[0],
      userId: reporterId,
      cycleId,
    });
    const coordinatorToken = tokenIn(toCoordinator.text);
    assert.ok(coordinatorToken);
    const resolved = await resolveLink(db(), coordinatorToken, at('2017-01-03T10:00:00Z'));
    assert.ok(resolved.ok && resolved.userId === coordinatorId);

    // Opening again (a retried transaction, say) queues nothing twice.
    const again = await db()
      .transaction()
      .execute((trx) => notifyCycleOpened(trx, config, cycleId, at('2017-01-02T09:00:00Z')));
    assert.equal(again.enqueued, 0);
  });

  it('spends a link once, logs the use, and refuses expired, tampered and disabled-user links', async () => {
    const now = at('2017-01-03T10:00:00Z');
    const token = await issueLink(db(), { userId: reporterId, cycleId, validDays: 21, now });
    const link = await resolveLink(db(), token, now);
    assert.ok(link.ok);
    assert.equal(
      await db()
        .transaction()
        .execute((trx) => markLinkUsed(trx, link.linkId, now)),
      true,
    );
    assert.equal(await markLinkUsed(db(), link.linkId, now), false);
    assert.deepEqual(await resolveLink(db(), token, now), { ok: false, reason: 'used' });
    const log = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', link.linkId).execute();
    assert.deepEqual(
      log.map((l) => [l.action, l.username]),
      [['access_link.use', 'laxa.rapportor']],
    );

    const fresh = await issueLink(db(), { userId: reporterId, cycleId, validDays: 21, now });
    assert.deepEqual(await resolveLink(db(), fresh, at('2017-01-24T10:00:00Z')), { ok: false, reason: 'expired' });
    const [id, expires] = fresh.split('.');
    assert.deepEqual(await resolveLink(db(), `${id}.${Number(expires) + 86_400}.${fresh.split('.')[2]}`, now), {
      ok: false,
      reason: 'invalid',
    });
    // Its row shortened by hand (a link withdrawn) wins over the expiry the token claims.
    await db()
      .updateTable('access_link')
      .set({ expires_at: now })
      .where('id', '=', id as string)
      .execute();
    assert.deepEqual(await resolveLink(db(), fresh, now), { ok: false, reason: 'expired' });

    const silents = await issueLink(db(), { userId: silentId, cycleId, validDays: 21, now });
    assert.equal((await resolveLink(db(), silents, now)).ok, true);
    await db().updateTable('app_user').set({ disabled: true }).where('id', '=', silentId).execute();
    assert.deepEqual(await resolveLink(db(), silents, now), { ok: false, reason: 'invalid' });
    await db().updateTable('app_user').set({ disabled: false }).where('id', '=', silentId).execute();
  });

  it('sends a reminder before the deadline once, however often the reminders run', async () => {
    assert.equal((await runReminders(db(), config, at('2017-01-07T07:00:00Z'))).enqueued, 0);
    const first = await runReminders(db(), config, at('2017-01-08T07:00:00Z'));
    assert.equal(first.enqueued, 2);
    assert.deepEqual(first.unreachable, [
      { cycleId, unreachable: [{ kind: 'user', userId: silentId, name: 'Tyst Rapportör', reason: 'no_email' }] },
    ]);
    assert.equal((await runReminders(db(), config, at('2017-01-08T07:00:02Z'))).enqueued, 0);
    await deliverOutbox(db(), transport, { limit: 50, now: at('2017-01-08T07:00:05Z') });
    assert.equal((await runReminders(db(), config, at('2017-01-12T07:00:00Z'))).enqueued, 0);
    await deliverOutbox(db(), transport, { limit: 50, now: at('2017-01-12T07:00:05Z') });

    const reminders = mailTo('rapportor@laxa.test', /^Påminnelse/);
    assert.equal(reminders.length, 1);
    assert.match(reminders[0]?.text ?? '', /om 7 dagar, 15 januari 2017/);
    const token = tokenIn(reminders[0]?.text ?? '');
    assert.ok(token);
    assert.equal((await resolveLink(db(), token, at('2017-01-08T08:00:00Z'))).ok, true);
    assert.equal(mailTo('samordnare@laxa.test', /^Påminnelse/).length, 1);
  });

  it('sends an overdue notice from the day after the deadline', async () => {
    assert.equal((await runReminders(db(), config, at('2017-01-15T20:00:00Z'))).enqueued, 0);
    // 23:30 UTC on the 15th is already the 16th in Sweden.
    const run = await runReminders(db(), config, at('2017-01-15T23:30:00Z'));
    assert.deepEqual([run.enqueued, run.escalated], [2, 0]);
    await deliverOutbox(db(), transport, { limit: 50, now: at('2017-01-16T00:00:00Z') });
    const [overdue] = mailTo('rapportor@laxa.test', /^Försenad rapport/);
    assert.ok(overdue);
    assert.match(overdue.text, /var 15 januari 2017/);
    assert.match(overdue.text, /2 punkter saknar fortfarande rapport/);
    assert.ok(tokenIn(overdue.text));
    assert.equal(mailTo('samordnare@laxa.test', /^Försenad rapport/).length, 1);
  });

  it('escalates to the unit head three days after the deadline, flags the entries and records it', async () => {
    assert.equal((await runReminders(db(), config, at('2017-01-17T07:00:00Z'))).escalated, 0);
    const run = await runReminders(db(), config, at('2017-01-18T07:00:00Z'));
    assert.deepEqual([run.enqueued, run.escalated], [1, 1]);
    assert.equal((await runReminders(db(), config, at('2017-01-19T07:00:00Z'))).enqueued, 0);
    await deliverOutbox(db(), transport, { limit: 50, now: at('2017-01-18T07:00:05Z') });

    const toHead = mailTo('chef@laxa.test', /rapporter saknas/);
    assert.equal(toHead.length, 1);
    const text = toHead[0]?.text ?? '';
    assert.match(text, /^Hej Karin Chef,/);
    assert.match(text, /Rapportörer för enheten: Rapportör, Laxå, Tyst Rapportör\./);
    assert.ok(text.includes(`https://delaktig.test/planer/${planId}/uppfoljning/${cycleId}`));
    assert.equal(tokenIn(text), undefined);

    const tasks = await db().selectFrom('report_task').select(['id', 'escalated_at']).where('cycle_id', '=', cycleId).execute();
    const escalated = (id: string) => tasks.find((x) => x.id === id)?.escalated_at !== null;
    assert.deepEqual(
      [escalated(taskIds.a), escalated(taskIds.b), escalated(taskIds.done), escalated(taskIds.coordinators)],
      [true, true, false, false],
    );
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'follow_up.escalate').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.entity_id, cycleId);
    assert.equal(audit[0]?.username, 'system');
    assert.deepEqual((audit[0]?.after as { unitId: string }).unitId, unitId);
  });

  it("tells the reporter her report was returned, with the coordinator's comment", async () => {
    await db().updateTable('report_task').set({ state: 'returned', version: 2 }).where('id', '=', taskIds.done).execute();
    const result = await db()
      .transaction()
      .execute((trx) => notifyReturned(trx, config, taskIds.done, 'Ange hur många som deltog.', at('2017-01-19T09:00:00Z')));
    // Only the reporter who submitted it, not every reporter of the unit.
    assert.deepEqual(result, { enqueued: 1, unreachable: [] });
    await deliverOutbox(db(), transport, { limit: 50, now: at('2017-01-19T09:00:05Z') });
    const [returned] = mailTo('rapportor@laxa.test', /skickats tillbaka/);
    assert.ok(returned);
    assert.match(returned.text, /> Ange hur många som deltog\./);
    assert.match(returned.text, /så snart du kan/);
    assert.ok(tokenIn(returned.text));
  });

  it('shows the outbox to administrators and the municipality’s coordinators, without the personal links', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const all = await t.request('GET', '/api/mail', { cookie: admin });
    assert.equal(all.statusCode, 200, all.body);
    const entries = all.json<OutboxEntry[]>();
    assert.ok(entries.length >= 8);
    assert.ok(entries.every((e) => !/\/svara\/[A-Za-z0-9]/.test(e.body)));
    assert.ok(entries.some((e) => e.kind === 'escalation' && e.to === 'chef@laxa.test' && e.state === 'sent'));

    const coordinator = await t.login('laxa.samordnare');
    const own = await t.request('GET', '/api/mail', { cookie: coordinator });
    assert.equal(own.statusCode, 200);
    assert.equal(own.json<OutboxEntry[]>().length, entries.length);
    assert.equal((await t.request('GET', '/api/mail?municipality=1860&limit=2', { cookie: coordinator })).json<OutboxEntry[]>().length, 2);
    assert.equal((await t.request('GET', '/api/mail?municipality=1864', { cookie: coordinator })).statusCode, 403);
    assert.equal((await t.request('GET', '/api/mail', { cookie: await t.login('laxa.rapportor') })).statusCode, 403);
    assert.equal((await t.request('GET', '/api/mail')).statusCode, 401);
    assert.equal((await t.request('GET', '/api/mail?municipality=laxa', { cookie: admin })).statusCode, 400);
  });

  it('keeps mail queued with its attempts counted while the SMTP server is gone, then gives up after five', async () => {
    await smtp.close();
    await db().updateTable('report_task').set({ version: 3 }).where('id', '=', taskIds.done).execute();
    const created = at('2017-01-20T09:00:00Z');
    await db()
      .transaction()
      .execute((trx) => notifyReturned(trx, config, taskIds.done, 'Saknas fortfarande.', created));
    const row = () =>
      db()
        .selectFrom('mail_outbox')
        .select(['state', 'attempts', 'error'])
        .where('dedupe_key', 'like', `returned:${taskIds.done}:3:%`)
        .executeTakeFirstOrThrow();

    assert.deepEqual(await deliverOutbox(db(), transport, { limit: 50, now: created }), {
      sent: 0,
      retrying: 1,
      failed: 0,
      notConfigured: 0,
    });
    const first = await row();
    assert.equal(first.state, 'queued');
    assert.equal(first.attempts, 1);
    assert.ok(first.error);
    // Backing off: not tried again at once.
    await deliverOutbox(db(), transport, { limit: 50, now: at('2017-01-20T09:00:30Z') });
    assert.equal((await row()).attempts, 1);
    // Each wait runs from the failure before it: 1, 5 and 30 minutes, so the attempts fall at +1, +6 and +36.
    for (const minutes of [1, 6, 36])
      await deliverOutbox(db(), transport, { limit: 50, now: new Date(created.getTime() + minutes * 60_000) });
    assert.deepEqual(await row().then((r) => [r.state, r.attempts]), ['queued', 4]);
    await deliverOutbox(db(), transport, { limit: 50, now: new Date(created.getTime() + 120 * 60_000) });
    assert.equal((await row()).attempts, 4, 'two hours after the fourth failure, not after queueing');
    const last = await deliverOutbox(db(), transport, { limit: 50, now: new Date(created.getTime() + 156 * 60_000) });
    assert.equal(last.failed, 1);
    assert.deepEqual(await row().then((r) => [r.state, r.attempts]), ['failed', 5]);
  });

  it('marks mail not_configured when no SMTP server is set, and the worker runs it all without overlapping', async () => {
    await db().updateTable('report_task').set({ version: 4 }).where('id', '=', taskIds.done).execute();
    await db()
      .transaction()
      .execute((trx) => notifyReturned(trx, config, taskIds.done, 'Tredje gången.', at('2017-01-21T09:00:00Z')));
    const logged: string[] = [];
    const log = {
      info: (m: string) => logged.push(`info ${m}`),
      warn: (m: string) => logged.push(`warn ${m}`),
      error: (m: string) => logged.push(`error ${m}`),
    };
    const worker = startNotificationWorker({
      db: db(),
      config: { ...config, WORKER_INTERVAL_MS: 0 },
      log,
      transport: null,
      now: () => at('2017-01-21T09:00:05Z'),
    });
    const [a, b] = [worker.runOnce(), worker.runOnce()];
    assert.equal(a, b);
    await a;
    await worker.runOnce();
    await worker.stop();
    const states = await db()
      .selectFrom('mail_outbox')
      .select('state')
      .where('dedupe_key', 'like', `returned:${taskIds.done}:4:%`)
      .execute();
    assert.deepEqual(
      states.map((s) => s.state),
      ['not_configured'],
    );
    assert.equal(logged.filter((l) => l.startsWith('warn') && l.includes('SMTP_URL')).length, 1);
    assert.deepEqual(
      logged.filter((l) => l.startsWith('error')),
      [],
    );
  });

  it('runs on its interval without two runs at once, and stops cleanly', async () => {
    for (const version of [5, 6]) {
      await db().updateTable('report_task').set({ version }).where('id', '=', taskIds.done).execute();
      await db()
        .transaction()
        .execute((trx) => notifyReturned(trx, config, taskIds.done, `Gång ${version}.`, at('2017-01-22T09:00:00Z')));
    }
    let inFlight = 0;
    let most = 0;
    const sent: string[] = [];
    // Each send outlasts many intervals: overlapping runs would send the second message alongside the first.
    const slow = {
      sendMail: async (m: { subject: string }) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 60));
        sent.push(m.subject);
        inFlight--;
      },
    };
    const errors: string[] = [];
    const worker = startNotificationWorker({
      db: db(),
      config: { ...config, WORKER_INTERVAL_MS: 5 },
      log: { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
      transport: slow,
      now: () => at('2017-01-22T09:00:05Z'),
    });
    const deadline = Date.now() + 5000;
    while (sent.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    assert.equal(sent.length, 2);
    assert.equal(most, 1);
    assert.deepEqual(errors, []);
  });
});
