import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { CycleView, TaskView } from '../follow-up/service.ts';
import { deliverOutbox, redactLinks } from '../notifications/service.ts';
import { purgeFollows } from './service.ts';

const PUBLIC_URL = 'https://delaktig.example';
const SECRET_NARRATIVE = 'HEMLIG-BERATTELSE-om-Fatima-7c1';

await forEachStore('follow by e-mail', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let plan: string;
  let task: TaskView;
  let itemId: string;
  let goalId: string;
  let residentUnsubscribe = '';

  const form = (lang: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/${lang}/folj`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const mails = (mailKind: string) =>
    t.store.db.selectFrom('mail_outbox').selectAll().where('kind', '=', mailKind).orderBy('created_at').orderBy('id').execute();
  const followRows = () => t.store.db.selectFrom('follow').selectAll().orderBy('created_at').execute();
  const tokenIn = (body: string, what: 'bekrafta' | 'avsluta') =>
    new RegExp(`/folj/${what}/([A-Za-z0-9_-]{43})`).exec(body)?.[1] ?? assert.fail(`no ${what} link in ${body}`);

  /** The coordinator reports on her own entry and approves it (Laxå's plan names no units: every entry is hers). */
  const report = async (status: 'in_progress' | 'done') => {
    const current = (await t.request('GET', `/api/tasks/${task.id}`, { cookie: coordinator })).json<TaskView>();
    let version = current.version;
    if (current.state === 'approved') {
      const reopened = await t.request('POST', `/api/tasks/${task.id}/reopen`, {
        cookie: coordinator,
        body: { version, comment: 'Ny omgång.' },
      });
      assert.equal(reopened.statusCode, 200, reopened.body);
      version = reopened.json<TaskView>().version;
    }
    const submitted = await t.request('PUT', `/api/tasks/${task.id}`, {
      cookie: coordinator,
      body: { version, status, progress: null, narrative: SECRET_NARRATIVE, targetValue: null, submit: true },
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const approved = await t.request('POST', `/api/tasks/${task.id}/approve`, {
      cookie: coordinator,
      body: { version: submitted.json<TaskView>().version },
    });
    assert.equal(approved.statusCode, 200, approved.body);
  };

  before(async () => {
    t = await startTestApp(kind, { PUBLIC_URL });
    coordinator = await t.login('laxa.samordnare');
    plan = (await t.request('GET', '/api/municipalities/1860/documents')).json<{ id: string }[]>()[0]?.id as string;
    const opened = await t.request('POST', `/api/plans/${plan}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2026-01-01', periodTo: '2026-12-31', deadline: '2027-01-31' },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const detail = (await t.request('GET', `/api/cycles/${opened.json<CycleView>().id}`, { cookie: coordinator })).json<{
      tasks: TaskView[];
    }>();
    const items = await t.store.db.selectFrom('item').select(['id', 'parent_id', 'kind']).where('document_id', '=', plan).execute();
    const kindOf = new Map(items.map((i) => [i.id, i]));
    // An activity under a goal, with one entry in the cycle (a recurring one has one per occurrence).
    task = detail.tasks.find(
      (x) =>
        x.item.kind === 'activity' &&
        detail.tasks.filter((y) => y.itemId === x.itemId).length === 1 &&
        kindOf.get(kindOf.get(x.itemId as string)?.parent_id ?? '')?.kind === 'goal',
    ) as TaskView;
    assert.ok(task, 'an activity under a goal');
    itemId = task.itemId as string;
    goalId = kindOf.get(itemId)?.parent_id as string;
  });
  after(() => t.close());

  it('refuses a malformed address with the form again, the error tied to the field, status 400', async () => {
    const res = await form('sv', { email: 'inte en adress', kind: 'item', target: itemId, returnPath: `/sv/kommun/1860/plan/${plan}` });
    assert.equal(res.statusCode, 400);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<label for="folj-epost">Din e-postadress<\/label>/);
    assert.match(res.body, /aria-describedby="folj-epost-tips folj-samtycke folj-epost-fel"/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /id="folj-epost-fel">E-postadressen har fel form/);
    assert.match(res.body, /value="inte en adress"/, 'what was typed is kept');
    assert.match(res.body, /<title>Fel: /);
    const empty = await form('en', { email: '  ', kind: 'item', target: itemId });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your e-mail address/);
    assert.equal((await followRows()).length, 0);
  });

  it('answers 404 for a draft plan or an unknown target, and keeps nothing', async () => {
    const draft = await t.request('POST', '/api/municipalities/1860/plans', {
      cookie: coordinator,
      body: { title: 'Utkast', kind: 'plan' },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    const res = await form('sv', { email: 'a@example.org', kind: 'document', target: draft.json<{ id: string }>().id });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Sidan finns inte/);
    assert.equal(
      (await form('sv', { email: 'a@example.org', kind: 'item', target: '00000000-0000-4000-8000-000000000000' })).statusCode,
      404,
    );
    assert.equal((await form('sv', { email: 'a@example.org', kind: 'people', target: itemId })).statusCode, 404);
    assert.equal((await followRows()).length, 0);
  });

  it('refuses a form posted from another site, and the API still refuses forms', async () => {
    const res = await form(
      'sv',
      { email: 'a@example.org', kind: 'item', target: itemId },
      { origin: 'https://evil.example', host: 'localhost:80' },
    );
    assert.equal(res.statusCode, 403);
    assert.equal((await followRows()).length, 0);
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=laxa.samordnare&password=demo',
    });
    assert.equal(api.statusCode, 415);
  });

  it('asks to follow: one row, one confirmation mail in the reader’s language, the same answer when asked again', async () => {
    const first = await form('ar', {
      email: ' Resident@Example.org ',
      kind: 'item',
      target: itemId,
      returnPath: `/ar/kommun/1860/plan/${plan}`,
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.match(first.body, /<html lang="ar" dir="rtl">/);
    assert.match(first.body, /تحقق من صندوق بريدك/);
    assert.equal(first.headers['cache-control'], 'no-store');
    const again = await form('ar', {
      email: 'resident@example.org',
      kind: 'item',
      target: itemId,
      returnPath: `/ar/kommun/1860/plan/${plan}`,
    });
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, first.body, 'asking twice says the same');
    const rows = await followRows();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.email, 'Resident@Example.org');
    assert.equal(rows[0]?.lang, 'ar');
    assert.equal(rows[0]?.confirmed_at, null);
    const confirm = await mails('follow-confirm');
    assert.equal(confirm.length, 1, 'one confirmation mail an hour');
    assert.equal(confirm[0]?.to_address, 'Resident@Example.org');
    assert.match(confirm[0]?.subject ?? '', /أكّد/);
    const token = tokenIn(confirm[0]?.body ?? '', 'bekrafta');
    assert.ok(confirm[0]?.body.includes(`${PUBLIC_URL}/ar/folj/bekrafta/${token}`));
    assert.notEqual(rows[0]?.confirm_token_hash, token, 'only a hash is kept');
    assert.equal(redactLinks(confirm[0]?.body ?? '').includes(token), false, 'the outbox screen hides the link');
    // The plan too, by someone else, in Swedish.
    assert.equal((await form('sv', { email: 'plan.follower@example.org', kind: 'document', target: plan })).statusCode, 200);
    const audit = await t.store.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'follow').execute();
    assert.equal(audit.length, 2);
    assert.doesNotMatch(JSON.stringify(audit), /example\.org/i, 'no address in the audit log');
  });

  it('sends nothing about changes before the address is confirmed', async () => {
    await report('in_progress');
    assert.equal((await mails('follow-status')).length, 0);
  });

  it('confirms on POST only: GET shows a button (mail scanners fetch links)', async () => {
    const [residentMail, planMail] = await mails('follow-confirm');
    const token = tokenIn(residentMail?.body ?? '', 'bekrafta');
    const page = await t.request('GET', `/ar/folj/bekrafta/${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<form [^>]*action="/ar/folj/bekrafta/${token}" method="post"`));
    assert.equal((await followRows()).filter((r) => r.confirmed_at !== null).length, 0, 'GET confirms nothing');
    const confirmed = await t.app.inject({ method: 'POST', url: `/ar/folj/bekrafta/${token}` });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.match(confirmed.body, /أنت الآن تتابع هذا/);
    assert.equal((await t.app.inject({ method: 'POST', url: `/ar/folj/bekrafta/${token}` })).statusCode, 404, 'a spent link');
    const planToken = tokenIn(planMail?.body ?? '', 'bekrafta');
    assert.equal((await t.app.inject({ method: 'POST', url: `/sv/folj/bekrafta/${planToken}` })).statusCode, 200);
    assert.equal((await followRows()).filter((r) => r.confirmed_at !== null).length, 2);
  });

  it('a changed status after approval: one mail per follower, in their language, with one-click unsubscribe', async () => {
    await report('done');
    const status = await mails('follow-status');
    assert.equal(status.length, 2);
    const ar = status.find((m) => m.to_address === 'Resident@Example.org');
    const sv = status.find((m) => m.to_address === 'plan.follower@example.org');
    assert.ok(ar && sv);
    assert.match(ar.body, /الحالة الجديدة: مُنجَز\nسابقاً: قيد التنفيذ/);
    assert.ok(ar.body.includes(`${PUBLIC_URL}/ar/kommun/1860/plan/${plan}/punkt/${itemId}`));
    assert.match(sv.body, /Ny status: Genomförd\nTidigare: Pågår/);
    for (const m of status) assert.doesNotMatch(m.body, /HEMLIG|Fatima/, 'never what the reporter wrote');
    residentUnsubscribe = tokenIn(ar.body, 'avsluta');
    assert.deepEqual(ar.headers, {
      'List-Unsubscribe': `<${PUBLIC_URL}/ar/folj/avsluta/${residentUnsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    // The worker passes the headers on to the SMTP client.
    const sent: { to: string; headers: Record<string, string> }[] = [];
    await deliverOutbox(t.store.db, { sendMail: async (m) => void sent.push(m) }, { limit: 100_000, now: new Date() });
    const delivered = sent.find((m) => m.to === 'Resident@Example.org' && m.headers['X-Delaktig-Kind'] === 'follow-status');
    assert.equal(sent.find((m) => m.headers['X-Delaktig-Kind'] === 'follow-confirm')?.headers['List-Unsubscribe'], undefined);
    assert.equal(delivered?.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.equal(delivered?.headers['Auto-Submitted'], 'auto-generated');
    assert.ok((await followRows()).every((r) => r.last_notified_at !== null));
  });

  it('an approval that leaves the status as it was sends nothing', async () => {
    await report('done');
    assert.equal((await mails('follow-status')).length, 2);
  });

  it('a goal’s follower hears of its activity', async () => {
    await form('en', { email: 'goal@example.org', kind: 'item', target: goalId });
    const token = tokenIn((await mails('follow-confirm')).at(-1)?.body ?? '', 'bekrafta');
    assert.equal((await t.app.inject({ method: 'POST', url: `/en/folj/bekrafta/${token}` })).statusCode, 200);
    await report('in_progress');
    const toGoal = (await mails('follow-status')).filter((m) => m.to_address === 'goal@example.org');
    assert.equal(toGoal.length, 1);
    assert.match(toGoal[0]?.body ?? '', /New status: In progress\nBefore: Done/);
  });

  it('unsubscribes by one-click POST: the row is gone, the GET page only asks', async () => {
    const page = await t.request('GET', `/ar/folj/avsluta/${residentUnsubscribe}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /إيقاف المتابعة/);
    assert.equal((await followRows()).filter((r) => r.email === 'Resident@Example.org').length, 1, 'GET deletes nothing');
    const res = await t.app.inject({
      method: 'POST',
      url: `/ar/folj/avsluta/${residentUnsubscribe}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /لم تعد تتابع هذا/);
    assert.equal((await followRows()).filter((r) => r.email === 'Resident@Example.org').length, 0);
    const twice = await t.app.inject({ method: 'POST', url: `/ar/folj/avsluta/${residentUnsubscribe}` });
    assert.equal(twice.statusCode, 200, 'unsubscribing is idempotent');
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'after', 'before'])
      .where('action', '=', 'follow.unsubscribe')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('retention: an unconfirmed request goes after a week, a confirmed follow stays', async () => {
    await form('so', { email: 'never.confirms@example.org', kind: 'document', target: plan });
    const inEightDays = new Date(Date.now() + 8 * 86_400_000);
    assert.equal(await purgeFollows(t.store.db, inEightDays), 1);
    const left = await followRows();
    assert.ok(left.every((r) => r.confirmed_at !== null));
    assert.equal(left.length, 2);
  });
});
