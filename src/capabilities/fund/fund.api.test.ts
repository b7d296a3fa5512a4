import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { freshStore } from '../../../test/support/stores.ts';
import type { ApplicationView } from './applications.ts';
import type { CallApplications } from './decisions.ts';
import { seedDemoFund } from './demo.ts';
import { grantedPerYear, type CallView, type FundOverview, type GrantView } from './service.ts';

// A one-pixel PNG: the type is read from these bytes, never from the name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const FUND_ITEM = 'Distribuera medel från';

function multipart(fileName: string, bytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----fundtest';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

await forEachStore('fund', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let reader: string;
  let other: string;
  let itemId: string;
  let call: CallView;

  before(async () => {
    t = await startTestApp(kind);
    [coordinator, reporter, reader, other] = await Promise.all([
      t.login('laxa.samordnare'),
      t.login('laxa.rapportor'),
      t.login('laxa.lasare'),
      t.login('kalix.samordnare'),
    ]);
    const item = await t.store.db.selectFrom('item').select('id').where('text', 'like', `${FUND_ITEM}%`).executeTakeFirstOrThrow();
    itemId = item.id;
  });
  after(() => t.close());

  const register = (orgNumber: string, email: string, extra: Record<string, unknown> = {}) =>
    t.request('POST', '/api/municipalities/1860/fund/register', {
      body: {
        orgNumber,
        name: `Föreningen ${email}`,
        kind: 'association',
        contactName: 'Kim Kontakt',
        contactEmail: email,
        contactPhone: '0584-100 00',
        password: 'ett-langt-losenord',
        ...extra,
      },
    });

  const callBody = {
    title: 'Integrationsfonden 2030',
    description: 'Stöd till föreningar',
    year: 2030,
    budgetSek: 100000,
    opensOn: '2020-01-01',
    deadline: '2099-12-31',
    periodFrom: '2020-01-01',
    periodTo: '2099-12-31',
    eligibleKinds: ['association', 'faith_community'],
    criteria: [
      { name: 'Bidrar till planens mål', weight: 2 },
      { name: 'Når målgruppen', weight: 1 },
    ],
    priorityRule: 'none',
  };

  const application = (title: string, amount: number) => ({
    title,
    purpose: 'Mötesplats för nya och gamla Laxåbor',
    targetGroup: 'Nyanlända vuxna',
    startDate: '2030-03-01',
    endDate: '2030-11-30',
    activities: [{ description: 'Första träffen', date: '2030-03-08' }],
    budgetLines: [
      { description: 'Lokalhyra', amountSek: amount },
      { description: 'Material', amountSek: 5000 },
    ],
    coFinancing: [{ source: 'Studieförbundet', amountSek: 5000 }],
    itemIds: [itemId],
  });

  it('coordinator creates a fund and a call; the public sees it only once opened', async () => {
    const fund = await t.request('POST', '/api/municipalities/1860/fund/funds', {
      cookie: coordinator,
      body: { name: 'Integrationsfonden' },
    });
    assert.equal(fund.statusCode, 201, fund.body);
    const fundId = fund.json<FundOverview>().funds[0]?.id as string;
    assert.equal((await t.request('POST', '/api/municipalities/1860/fund/funds', { cookie: reader, body: { name: 'X' } })).statusCode, 403);
    assert.equal((await t.request('POST', '/api/municipalities/1860/fund/funds', { cookie: other, body: { name: 'X' } })).statusCode, 403);

    const bad = await t.request('POST', `/api/fund/funds/${fundId}/calls`, {
      cookie: coordinator,
      body: { ...callBody, deadline: '2019-01-01', eligibleKinds: [] },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json<{ details: { path: string }[] }>()
        .details.map((d) => d.path)
        .sort(),
      ['/deadline', '/eligibleKinds'],
    );

    const created = await t.request('POST', `/api/fund/funds/${fundId}/calls`, { cookie: coordinator, body: callBody });
    assert.equal(created.statusCode, 201, created.body);
    call = created.json<CallView>();
    assert.equal(call.status, 'draft');
    assert.deepEqual(
      call.criteria.map((c) => c.key),
      ['c1', 'c2'],
    );
    assert.equal((await t.request('GET', '/api/municipalities/1860/fund')).json<FundOverview>().funds[0]?.calls.length, 0);
    assert.equal((await t.request('GET', `/api/fund/calls/${call.id}`)).statusCode, 404);

    const opened = await t.request('PATCH', `/api/fund/calls/${call.id}`, { cookie: coordinator, body: { version: 1, status: 'open' } });
    assert.equal(opened.statusCode, 200, opened.body);
    call = opened.json<CallView>();
    assert.equal(call.phase, 'open');
    const stale = await t.request('PATCH', `/api/fund/calls/${call.id}`, { cookie: coordinator, body: { version: 1, budgetSek: 5 } });
    assert.equal(stale.statusCode, 409);
    assert.equal(
      (await t.request('PATCH', `/api/fund/calls/${call.id}`, { cookie: reader, body: { version: 2, budgetSek: 5 } })).statusCode,
      403,
    );

    const overview = (await t.request('GET', '/api/municipalities/1860/fund')).json<FundOverview>();
    assert.equal(overview.funds[0]?.calls[0]?.phase, 'open');
    assert.deepEqual(overview.funds[0]?.years, [{ year: 2030, budgetSek: 100000, grantedSek: 0, overrideSek: 0, leftSek: 100000 }]);
    assert.equal(overview.canManage, false);
  });

  it('registers an organisation only with a valid organisation number, once', async () => {
    const wrong = await register('802400-1234', 'fel@example.se');
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json<{ details: { path: string; message: string }[] }>().details[0]?.path, '/orgNumber');
    assert.match(wrong.json<{ message: string }>().message, /kontrollsiffran/);
    const weak = await register('802400-1235', 'svag@example.se', { password: 'kort' });
    assert.equal(weak.json<{ details: { path: string }[] }>().details[0]?.path, '/password');

    const ok = await register('8024001235', 'Kassor@Foreningen.se');
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json<{ username: string }>().username, 'kassor@foreningen.se');
    assert.equal((await register('802400-1235', 'annan@example.se')).statusCode, 400, 'the same organisation twice');
    assert.equal((await register('802511-1116', 'kassor@foreningen.se')).statusCode, 400, 'the same e-mail twice');
    const audit = await t.store.db.selectFrom('audit_log').select('action').where('action', '=', 'fund.organisation.register').execute();
    assert.equal(audit.length, 1);
  });

  it('the applicant applies with budget lines, plan goals and an attachment; nobody else sees the draft', async () => {
    assert.equal((await register('802511-1116', 'grannar@example.se')).statusCode, 201);
    const applicant = await t.login('kassor@foreningen.se', 'ett-langt-losenord');
    const neighbour = await t.login('grannar@example.se', 'ett-langt-losenord');

    const created = await t.request('POST', `/api/fund/calls/${call.id}/applications`, {
      cookie: applicant,
      body: { ...application('Språkcafé', 30000), purpose: '' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json<ApplicationView>();
    assert.equal(draft.requestedSek, 30000, 'costs 35 000 less 5 000 co-financing');
    assert.equal(draft.items[0]?.id, itemId);
    assert.equal(draft.can.submit, true);

    for (const cookie of [neighbour, coordinator, reader, undefined])
      assert.equal((await t.request('GET', `/api/fund/applications/${draft.id}`, cookie ? { cookie } : {})).statusCode, 404);
    assert.equal(
      (await t.request('PATCH', `/api/fund/applications/${draft.id}`, { cookie: neighbour, body: { version: 1, title: 'x' } })).statusCode,
      404,
    );
    assert.deepEqual(
      (await t.request('GET', '/api/fund/mine', { cookie: neighbour })).json<{ applications: unknown[] }>().applications,
      [],
    );

    const { payload, headers } = multipart('budget.png', PNG);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/fund/applications/${draft.id}/attachments`,
      payload,
      headers: { ...headers, cookie: applicant },
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const refused = multipart('virus.png', Buffer.from('MZ not an image'));
    const badUpload = await t.app.inject({
      method: 'POST',
      url: `/api/fund/applications/${draft.id}/attachments`,
      payload: refused.payload,
      headers: { ...refused.headers, cookie: applicant },
    });
    assert.equal(badUpload.statusCode, 400);

    const incomplete = await t.request('POST', `/api/fund/applications/${draft.id}/submit`, { cookie: applicant, body: { version: 1 } });
    assert.equal(incomplete.statusCode, 400);
    assert.equal(incomplete.json<{ details: { path: string }[] }>().details[0]?.path, '/purpose');
    const edited = await t.request('PATCH', `/api/fund/applications/${draft.id}`, {
      cookie: applicant,
      body: { version: 1, purpose: 'Öva svenska tillsammans' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const submitted = await t.request('POST', `/api/fund/applications/${draft.id}/submit`, { cookie: applicant, body: { version: 2 } });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json<ApplicationView>().status, 'submitted');
    assert.equal(
      (await t.request('PATCH', `/api/fund/applications/${draft.id}`, { cookie: applicant, body: { version: 3, title: 'x' } })).statusCode,
      409,
    );

    // Now the municipality reads it, attachment included; the neighbour still does not.
    const seen = await t.request('GET', `/api/fund/applications/${draft.id}`, { cookie: reader });
    assert.equal(seen.statusCode, 200);
    const attachmentId = seen.json<ApplicationView>().attachments[0]?.id as string;
    const download = await t.request('GET', `/api/fund/attachments/${attachmentId}`, { cookie: coordinator });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.equal((await t.request('GET', `/api/fund/attachments/${attachmentId}`, { cookie: neighbour })).statusCode, 404);
    assert.equal((await t.request('GET', `/api/fund/attachments/${attachmentId}`)).statusCode, 404);
    assert.equal((await t.request('GET', `/api/fund/applications/${draft.id}`, { cookie: other })).statusCode, 404);
    assert.equal((await t.request('GET', `/api/fund/calls/${call.id}/applications`, { cookie: applicant })).statusCode, 403);
    assert.equal((await t.request('GET', `/api/fund/calls/${call.id}/applications`)).statusCode, 403);

    // A second, larger application from the neighbour, to rank against.
    const second = (
      await t.request('POST', `/api/fund/calls/${call.id}/applications`, { cookie: neighbour, body: application('Läxhjälp', 80000) })
    ).json<ApplicationView>();
    assert.equal(
      (await t.request('POST', `/api/fund/applications/${second.id}/submit`, { cookie: neighbour, body: { version: 1 } })).statusCode,
      200,
    );
  });

  it('readers and reporters read but cannot assess or decide; the coordinator ranks within the budget and decides', async () => {
    const list = await t.request('GET', `/api/fund/calls/${call.id}/applications`, { cookie: reporter });
    assert.equal(list.statusCode, 200, list.body);
    const [a, b] = ['Språkcafé', 'Läxhjälp'].map(
      (title) => list.json<CallApplications>().applications.find((x) => x.title === title)?.id as string,
    );
    assert.ok(a && b);
    const scores = { c1: 5, c2: 4 };
    for (const cookie of [reporter, reader]) {
      assert.equal((await t.request('PUT', `/api/fund/applications/${a}/assessment`, { cookie, body: { scores } })).statusCode, 403);
      const decision = { outcome: 'granted', decidedBy: 'KS', decidedOn: '2030-05-01', grantedSek: 1, version: 3 };
      assert.equal((await t.request('POST', `/api/fund/applications/${a}/decision`, { cookie, body: decision })).statusCode, 403);
      assert.equal(
        (await t.request('POST', `/api/fund/applications/${a}/payments`, { cookie, body: { paidOn: '2030-05-02', amountSek: 1 } }))
          .statusCode,
        403,
      );
    }
    const badScore = await t.request('PUT', `/api/fund/applications/${a}/assessment`, { cookie: coordinator, body: { scores: { c1: 5 } } });
    assert.equal(badScore.statusCode, 400);
    assert.equal(badScore.json<{ details: { path: string }[] }>().details[0]?.path, '/scores/c2');
    assert.equal(
      (await t.request('PUT', `/api/fund/applications/${a}/assessment`, { cookie: coordinator, body: { scores, comment: 'Bra' } }))
        .statusCode,
      200,
    );
    assert.equal(
      (await t.request('PUT', `/api/fund/applications/${b}/assessment`, { cookie: coordinator, body: { scores: { c1: 3, c2: 3 } } }))
        .statusCode,
      200,
    );
    const again = await t.request('PUT', `/api/fund/applications/${b}/assessment`, {
      cookie: coordinator,
      body: { scores: { c1: 2, c2: 3 } },
    });
    assert.equal(again.statusCode, 409, 'changing one’s own assessment needs its version');

    const ranked = (await t.request('GET', `/api/fund/calls/${call.id}/applications`, { cookie: coordinator })).json<CallApplications>();
    assert.deepEqual(
      ranked.applications.map((x) => [x.title, x.rank, x.score, x.withinBudget]),
      [
        ['Språkcafé', 1, 4.67, true],
        ['Läxhjälp', 2, 3, false],
      ],
    );

    const view = (await t.request('GET', `/api/fund/applications/${a}`, { cookie: coordinator })).json<ApplicationView>();
    const decide = (id: string, body: Record<string, unknown>) =>
      t.request('POST', `/api/fund/applications/${id}/decision`, {
        cookie: coordinator,
        body: { decidedBy: 'KS', decidedOn: '2030-05-01', minutesParagraph: '§ 45', ...body },
      });
    const granted = await decide(a, {
      outcome: 'granted',
      grantedSek: 30000,
      conditions: 'Slutrapport senast 2030-12-31',
      version: view.version,
    });
    assert.equal(granted.statusCode, 200, granted.body);
    assert.equal(granted.json<ApplicationView>().status, 'granted');

    const secondView = (await t.request('GET', `/api/fund/applications/${b}`, { cookie: coordinator })).json<ApplicationView>();
    const over = await decide(b, { outcome: 'granted', grantedSek: 80000, version: secondView.version });
    assert.equal(over.statusCode, 400);
    assert.match(over.json<{ message: string }>().message, /överstiger vad som finns kvar i budgeten \(70 000 kr\)/);
    const overridden = await decide(b, {
      outcome: 'granted',
      grantedSek: 80000,
      overrideReason: 'KS utökade ramen, § 46',
      version: secondView.version,
    });
    assert.equal(overridden.statusCode, 200, overridden.body);
    const overrides = await t.store.db.selectFrom('audit_log').select('action').where('action', '=', 'fund.decision.override').execute();
    assert.equal(overrides.length, 1);

    const overview = (await t.request('GET', '/api/municipalities/1860/fund')).json<FundOverview>();
    assert.deepEqual(overview.funds[0]?.years, [
      { year: 2030, budgetSek: 100000, grantedSek: 110000, overrideSek: 10000, leftSek: -10000 },
    ]);
    assert.deepEqual(await grantedPerYear(t.store.db, '1860'), [{ year: 2030, count: 110000, example: false }]);

    const tooMuch = await t.request('POST', `/api/fund/applications/${a}/payments`, {
      cookie: coordinator,
      body: { paidOn: '2030-05-10', amountSek: 30001 },
    });
    assert.equal(tooMuch.statusCode, 400);
    const paid = await t.request('POST', `/api/fund/applications/${a}/payments`, {
      cookie: coordinator,
      body: { paidOn: '2030-05-10', amountSek: 20000 },
    });
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json<ApplicationView>().paidSek, 20000);

    // Decided grants are public records: no contact person, no attachments, no override reason.
    const grants = (await t.request('GET', '/api/municipalities/1860/fund/grants')).json<GrantView[]>();
    assert.deepEqual(grants.map((g) => [g.title, g.grantedSek, g.minutesParagraph]).sort(), [
      ['Läxhjälp', 80000, '§ 45'],
      ['Språkcafé', 30000, '§ 45'],
    ]);
    assert.ok(!JSON.stringify(grants).includes('Kim Kontakt'));

    // Funded projects appear under the plan item they serve.
    const served = (await t.request('GET', `/api/items/${itemId}/programmes`)).json<{
      projects: { title: string; grantedSek: number }[];
    }>();
    assert.deepEqual(
      served.projects.map((p) => [p.title, p.grantedSek]),
      [
        ['Läxhjälp', 80000],
        ['Språkcafé', 30000],
      ],
    );
  });

  it('the applicant sees its status and files the final report; the project is then completed', async () => {
    const applicant = await t.login('kassor@foreningen.se', 'ett-langt-losenord');
    const mine = (await t.request('GET', '/api/fund/mine', { cookie: applicant })).json<{
      applications: { id: string; status: string; grantedSek: number }[];
    }>();
    assert.deepEqual(
      mine.applications.map((x) => [x.status, x.grantedSek]),
      [['granted', 30000]],
    );
    const id = mine.applications[0]?.id as string;
    const view = (await t.request('GET', `/api/fund/applications/${id}`, { cookie: applicant })).json<ApplicationView>();
    assert.deepEqual(view.assessments, [], 'the applicant does not see the assessors’ scores');
    assert.equal(view.score, null);
    assert.equal(view.decision?.minutesParagraph, '§ 45');
    assert.equal(view.can.report, true);
    const report = await t.request('POST', `/api/fund/applications/${id}/final-report`, {
      cookie: applicant,
      body: { summary: 'Tio träffar', results: 'Fyrtio deltagare', participants: 40, spentSek: 29500, version: view.version },
    });
    assert.equal(report.statusCode, 200, report.body);
    assert.equal(report.json<ApplicationView>().status, 'completed');
    assert.equal(report.json<ApplicationView>().finalReport?.spentSek, 29500);
    const twice = await t.request('POST', `/api/fund/applications/${id}/final-report`, {
      cookie: applicant,
      body: { summary: 'Igen', spentSek: 1, version: view.version + 1 },
    });
    assert.equal(twice.statusCode, 409);
  });

  it('an applicant gets nothing staff get: drafts, unit heads, follow-up, cohorts answer as to the public', async () => {
    const applicant = await t.login('kassor@foreningen.se', 'ett-langt-losenord');
    const draft = await t.request('POST', '/api/municipalities/1860/plans', {
      cookie: coordinator,
      body: { title: 'Hemligt utkast', kind: 'plan' },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    const draftId = draft.json<{ id: string }>().id;
    for (const url of [
      `/api/plans/${draftId}`,
      '/api/municipalities/1860/documents',
      '/api/municipalities/1860/units',
      '/api/municipalities/1860/internships',
      '/api/municipalities/1860/cohorts',
      '/api/municipalities/1860/programme-items',
      '/api/municipalities/1860/fund',
    ]) {
      const asPublic = await t.request('GET', url);
      const asApplicant = await t.request('GET', url, { cookie: applicant });
      assert.equal(asApplicant.statusCode, asPublic.statusCode, url);
      if (asPublic.statusCode === 200 && !url.endsWith('/fund')) assert.equal(asApplicant.body, asPublic.body, url);
    }
    assert.ok(!(await t.request('GET', '/api/municipalities/1860/documents', { cookie: applicant })).body.includes('Hemligt utkast'));
    const tasks = await t.request('GET', '/api/my/tasks', { cookie: applicant });
    if (tasks.statusCode === 200) assert.deepEqual(tasks.json<{ cycles: unknown[] }>().cycles, []);
    assert.equal((await t.request('GET', '/api/users?municipality=1860', { cookie: applicant })).statusCode, 403);
    assert.equal(
      (await t.request('PATCH', `/api/fund/calls/${call.id}`, { cookie: applicant, body: { version: 2, status: 'closed' } })).statusCode,
      403,
    );
  });

  it('seeds Kalix’s fund as its plan describes it: everyone may apply, municipal projects first, marked example', async () => {
    await seedDemoFund(t.store.db);
    await seedDemoFund(t.store.db);
    const kalix = (await t.request('GET', '/api/municipalities/2514/fund')).json<FundOverview>();
    assert.equal(kalix.funds.length, 1);
    const calls = kalix.funds[0]?.calls ?? [];
    assert.ok(calls.every((c) => c.example && c.priorityRule === 'municipal_units_first' && c.eligibleKinds.length === 5));
    assert.ok(calls.some((c) => c.phase === 'open'));
    const grants = (await t.request('GET', '/api/municipalities/2514/fund/grants')).json<GrantView[]>();
    assert.ok(grants.length >= 2 && grants.every((g) => g.example && g.minutesParagraph.startsWith('§')));
    const association = await t.login('kalix.forening');
    const mine = (await t.request('GET', '/api/fund/mine', { cookie: association })).json<{ applications: { title: string }[] }>();
    assert.deepEqual(
      mine.applications.map((a) => a.title),
      ['Kulturkvällar'],
    );
  });

  it('seeds an example fund in each of the five demo municipalities, once', async () => {
    // Its own database: the tests above gave Laxå a fund of its own, which the seed rightly leaves alone.
    const store = await freshStore(kind);
    try {
      await seedDemoFund(store.db);
      const tables = [
        'fund',
        'fund_call',
        'fund_organisation',
        'fund_application',
        'fund_decision',
        'fund_payment',
        'fund_final_report',
      ] as const;
      const rows = async () =>
        Promise.all(
          tables.map(async (table) =>
            Number(
              (
                await store.db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          ),
        );
      const before = await rows();
      await seedDemoFund(store.db);
      assert.deepEqual(await rows(), before, 'a second start adds nothing');
      for (const code of ['1860', '1864', '1381', '0117', '2514']) {
        const funds = await store.db.selectFrom('fund').select(['id', 'name', 'example']).where('municipality_code', '=', code).execute();
        assert.equal(funds.length, 1, code);
        assert.ok(funds[0]?.example, code);
        const applications = await store.db
          .selectFrom('fund_application')
          .innerJoin('fund_call', 'fund_call.id', 'fund_application.call_id')
          .leftJoin('fund_payment', 'fund_payment.application_id', 'fund_application.id')
          .leftJoin('fund_final_report', 'fund_final_report.application_id', 'fund_application.id')
          .leftJoin('fund_application_item', 'fund_application_item.application_id', 'fund_application.id')
          .select([
            'fund_application.title',
            'fund_application.status',
            'fund_application.example',
            'fund_call.example as callExample',
            'fund_call.status as callStatus',
            'fund_payment.example as paymentExample',
            'fund_final_report.example as reportExample',
            'fund_application_item.item_id',
          ])
          .where('fund_call.fund_id', '=', funds[0]?.id as string)
          .execute();
        assert.ok(applications.length >= 2, code);
        assert.ok(
          applications.every((a) => a.example && a.callExample && a.item_id !== null),
          `${code}: example rows tied to the plan`,
        );
        assert.ok(
          applications.some((a) => a.callStatus === 'decided'),
          code,
        );
        // Laxå's two example projects were both granted.
        if (code !== '1860')
          assert.ok(
            applications.some((a) => a.status === 'rejected'),
            `${code}: one rejected`,
          );
        assert.ok(
          applications.some((a) => a.status === 'completed' && a.paymentExample && a.reportExample),
          `${code}: one paid and reported`,
        );
        if (code !== '1860' && code !== '2514') {
          // The three whose plans adopt no fund: every name says it is an example.
          assert.match(funds[0]?.name ?? '', /\(exempel\)$/, code);
          assert.ok(
            applications.every((a) => a.title.endsWith('(exempel)')),
            code,
          );
          const orgs = await store.db
            .selectFrom('fund_organisation')
            .select(['name', 'example'])
            .where('municipality_code', '=', code)
            .execute();
          assert.ok(orgs.length >= 2 && orgs.every((o) => o.example && o.name.endsWith('(exempel)')), code);
        }
      }
    } finally {
      await store.close();
    }
    const association = await t.login('laholm.forening');
    const mine = (await t.request('GET', '/api/fund/mine', { cookie: association })).json<{ applications: { title: string }[] }>();
    assert.deepEqual(
      mine.applications.map((a) => a.title),
      ['Prova på-fotboll för nya Laholmare (exempel)'],
    );
  });

  it('refuses applications after the deadline and from kinds the call does not name', async () => {
    const closed = await t.request('PATCH', `/api/fund/calls/${call.id}`, {
      cookie: coordinator,
      body: { version: call.version, deadline: '2021-01-31' },
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<CallView>().phase, 'closed');
    const applicant = await t.login('grannar@example.se', 'ett-langt-losenord');
    const late = await t.request('POST', `/api/fund/calls/${call.id}/applications`, {
      cookie: applicant,
      body: application('För sent', 1000),
    });
    assert.equal(late.statusCode, 409);
    assert.match(late.json<{ message: string }>().message, /sista ansökningsdag var 2021-01-31/);
    assert.equal(
      (await t.request('POST', `/api/fund/calls/${call.id}/applications`, { cookie: coordinator, body: application('Ej sökande', 1000) }))
        .statusCode,
      403,
    );
  });
});
