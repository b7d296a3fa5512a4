import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { createUser } from '../accounts/accounts.ts';
import { systemActor } from '../audit/audit.ts';
import { seedDemoMatching } from './demo.ts';
import { purgeExpired, type RegisterExtract } from './privacy.ts';
import { matchingCounts, matchingOfItem, type MatchView, type PersonView, type ProgrammeView, type Workspace } from './service.ts';

const ITEM = 'Skapa någon form av fadderverksamhet';
const CONSENT =
  'Jag samtycker till att Laxå kommun sparar mina uppgifter för att hitta en fadder, så länge jag är med och högst två år efter det.';

await forEachStore('matching', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let unassigned: string;
  let reporter: string;
  let reader: string;
  let kalix: string;
  let admin: string;
  let itemId: string;
  let programme: ProgrammeView;

  const newcomer = {
    side: 'newcomer',
    consent: true,
    name: 'Exempel Amira Testsson',
    email: 'amira@example.org',
    phone: '070-000 00 01',
    languages: ['arabiska', 'engelska'],
    interests: ['matlagning', 'promenader'],
    area: 'Hasselfors',
    household: 'family',
    children: 2,
    availability: ['weekend'],
    wishes: 'En familj med barn i samma ålder',
  };
  const volunteer = {
    side: 'volunteer',
    consent: true,
    name: 'Exempel Bo Påhittad',
    email: null,
    languages: ['svenska', 'Arabiska'],
    interests: ['Matlagning'],
    area: 'hasselfors',
    household: 'family',
    children: 1,
    availability: ['weekend', 'weekday_evening'],
  };

  before(async () => {
    t = await startTestApp(kind);
    await createUser(t.store.db, systemActor, {
      username: 'laxa.samordnare2',
      password: 'demo-password-123',
      displayName: 'Annan samordnare, Laxå',
      role: 'coordinator',
      municipalityCode: '1860',
      unitIds: [],
    });
    [coordinator, reporter, reader, kalix, admin, unassigned] = await Promise.all([
      t.login('laxa.samordnare'),
      t.login('laxa.rapportor'),
      t.login('laxa.lasare'),
      t.login('kalix.samordnare'),
      t.login('admin', 'admin-test-password'),
      t.login('laxa.samordnare2', 'demo-password-123'),
    ]);
    itemId = (await t.store.db.selectFrom('item').select('id').where('text', 'like', `${ITEM}%`).executeTakeFirstOrThrow()).id;
    const created = await t.request('POST', '/api/municipalities/1860/matching/programmes', {
      cookie: coordinator,
      body: { name: 'Fadderverksamhet', kind: 'buddy', consentText: CONSENT, registrationOpen: true, itemIds: [itemId] },
    });
    assert.equal(created.statusCode, 201, created.body);
    programme = created.json<ProgrammeView>();
  });
  after(() => t.close());

  const ws = async (cookie = coordinator) =>
    (await t.request('GET', `/api/matching/programmes/${programme.id}/workspace`, { cookie })).json<Workspace>();

  it('assigns the coordinator who creates a programme; the public sees counts and the consent text, never people', async () => {
    assert.equal(programme.canReadPeople, true);
    assert.equal(programme.coordinators?.length, 1);
    const pub = (await t.request('GET', '/api/municipalities/1860/matching/programmes')).json<ProgrammeView[]>();
    assert.equal(pub[0]?.coordinators, null);
    assert.deepEqual(pub[0]?.counts, { active: 0, ended: 0, waiting: 0 });
    const form = await t.request('GET', `/api/municipalities/1860/matching/programmes/${programme.id}/registration`);
    assert.equal(form.json<{ consentText: string }>().consentText, CONSENT);
    const reporterCreates = await t.request('POST', '/api/municipalities/1860/matching/programmes', {
      cookie: reporter,
      body: { name: 'X', kind: 'buddy', consentText: CONSENT },
    });
    assert.equal(reporterCreates.statusCode, 403);
  });

  it('public registration requires consent, names the field, and answers with a thank-you only', async () => {
    const url = `/api/municipalities/1860/matching/programmes/${programme.id}/registrations`;
    const refused = await t.request('POST', url, { body: { ...newcomer, consent: false } });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json<{ details: { path: string }[] }>().details[0]?.path, '/consent');
    const missing = await t.request('POST', url, { body: { ...newcomer, consent: undefined } });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /consent/);
    const wrongMunicipality = await t.request('POST', `/api/municipalities/2514/matching/programmes/${programme.id}/registrations`, {
      body: newcomer,
    });
    assert.equal(wrongMunicipality.statusCode, 404);
    const ok = await t.request('POST', url, { body: newcomer });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(Object.keys(ok.json<object>()), ['message']);
    assert.doesNotMatch(ok.body, /Amira|example\.org/);
    const person = (await ws()).people[0] as PersonView;
    assert.equal(person.registeredBy, 'self');
    assert.equal(person.consentVersion, 1);
    assert.deepEqual(person.languages, ['arabiska', 'engelska']);
  });

  it('shows people only to the programme’s assigned coordinators', async () => {
    const person = (await ws()).people[0] as PersonView;
    for (const [who, cookie, status] of [
      ['public', undefined, 401],
      ['reporter', reporter, 403],
      ['reader', reader, 403],
      ['another municipality', kalix, 403],
      ['unassigned coordinator', unassigned, 403],
      ['administrator', admin, 403],
    ] as const) {
      const r = await t.request('GET', `/api/matching/programmes/${programme.id}/workspace`, cookie ? { cookie } : {});
      assert.equal(r.statusCode, status, `${who}: workspace`);
      assert.doesNotMatch(r.body, /Amira/, who);
      for (const url of [`/api/matching/people/${person.id}`, `/api/matching/people/${person.id}/extract`]) {
        const p = await t.request('GET', url, cookie ? { cookie } : {});
        assert.equal(p.statusCode, 404, `${who}: ${url}`);
        assert.doesNotMatch(p.body, /Amira/);
      }
      const erase = await t.request('DELETE', `/api/matching/people/${person.id}?version=${person.version}`, cookie ? { cookie } : {});
      assert.ok([401, 404].includes(erase.statusCode), `${who}: erase ${erase.statusCode}`);
      const programmes = await t.request('GET', '/api/municipalities/1860/matching/programmes', cookie ? { cookie } : {});
      assert.doesNotMatch(programmes.body, /Amira|amira@/);
    }
    // An administrator assigns another of the municipality's coordinators, who then sees the people; never a reporter.
    const me = async (cookie: string) => (await t.request('GET', '/api/auth/me', { cookie })).json<{ user: { id: string } }>().user.id;
    const current = (await t.request('GET', `/api/matching/programmes/${programme.id}`, { cookie: admin })).json<ProgrammeView>();
    const ids = (current.coordinators ?? []).map((c) => c.id);
    const wrong = await t.request('PATCH', `/api/matching/programmes/${programme.id}`, {
      cookie: admin,
      body: { version: current.version, coordinatorIds: [...ids, await me(reporter)] },
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json<{ details: { path: string }[] }>().details[0]?.path, '/coordinatorIds');
    const assigned = await t.request('PATCH', `/api/matching/programmes/${programme.id}`, {
      cookie: admin,
      body: { version: current.version, coordinatorIds: [...ids, await me(unassigned)] },
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal((await t.request('GET', `/api/matching/programmes/${programme.id}/workspace`, { cookie: unassigned })).statusCode, 200);
  });

  it('proposes with score and reasons, confirms (mail where there is an address), checks in, ends with a reason', async () => {
    const created = await t.request('POST', `/api/matching/programmes/${programme.id}/people`, { cookie: coordinator, body: volunteer });
    assert.equal(created.statusCode, 201, created.body);
    const noConsent = await t.request('POST', `/api/matching/programmes/${programme.id}/people`, {
      cookie: coordinator,
      body: { ...volunteer, consent: false },
    });
    assert.equal(noConsent.statusCode, 400);
    // Registered back in 2016, so the yearly counts below have a year of their own.
    await t.store.db.updateTable('matching_person').set({ registered_on: '2016-01-10' }).where('programme_id', '=', programme.id).execute();
    const w = await ws();
    const suggestion = w.suggestions[0];
    assert.ok(suggestion, 'a suggestion');
    assert.equal(suggestion.score, 35 + 10 + 15 + 8 + 10);
    assert.deepEqual(
      suggestion.reasons.map((r) => r.code),
      ['language', 'interests', 'area', 'children', 'availability'],
    );
    const proposed = await t.request('POST', `/api/matching/programmes/${programme.id}/matches`, {
      cookie: coordinator,
      body: { volunteerId: suggestion.volunteer.id, newcomerId: suggestion.newcomer.id },
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const match = proposed.json<MatchView>();
    assert.equal(match.status, 'proposed');
    assert.equal((await ws()).suggestions.length, 0, 'a proposed pair is not suggested again');

    const stale = await t.request('POST', `/api/matching/matches/${match.id}/confirm`, { cookie: coordinator, body: { version: 99 } });
    assert.equal(stale.statusCode, 409);
    const confirmed = await t.request('POST', `/api/matching/matches/${match.id}/confirm`, {
      cookie: coordinator,
      body: { version: match.version, confirmedOn: '2016-01-31' },
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    const active = confirmed.json<MatchView>();
    assert.equal(active.status, 'active');
    assert.ok(active.informedNewcomerAt, 'the newcomer has an address and was mailed');
    assert.equal(active.informedVolunteerAt, null, 'the volunteer has none: told by hand');
    assert.deepEqual(
      active.checkIns.map((c) => [c.month, c.dueOn]),
      [
        [1, '2016-02-29'],
        [3, '2016-04-30'],
        [6, '2016-07-31'],
      ],
    );
    const mail = await t.store.db.selectFrom('mail_outbox').selectAll().where('kind', '=', 'matching.confirmed').execute();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]?.to_address, 'amira@example.org');
    assert.doesNotMatch(mail[0]?.body ?? '', /Bo|Påhittad/, 'nothing of the other side');

    const informed = await t.request('POST', `/api/matching/matches/${match.id}/informed`, {
      cookie: coordinator,
      body: { side: 'volunteer', version: active.version },
    });
    assert.equal(informed.statusCode, 200, informed.body);
    const checkIn = active.checkIns[0];
    assert.ok(checkIn);
    const done = await t.request('POST', `/api/matching/check-ins/${checkIn.id}`, {
      cookie: coordinator,
      body: { version: checkIn.version, outcome: 'ok', doneOn: '2016-03-02', note: 'Träffas varje lördag' },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json<MatchView>().checkIns[0]?.state, 'done');
    assert.equal((await ws()).programme.counts.active, 1);

    const other = await t.request('POST', `/api/matching/matches/${match.id}/end`, {
      cookie: coordinator,
      body: { version: informed.json<MatchView>().version, reason: 'other' },
    });
    assert.equal(other.statusCode, 400, 'reason "other" needs a note');
    assert.equal(other.json<{ details: { path: string }[] }>().details[0]?.path, '/note');
    const ended = await t.request('POST', `/api/matching/matches/${match.id}/end`, {
      cookie: coordinator,
      body: { version: informed.json<MatchView>().version, reason: 'completed', endedOn: '2016-08-15' },
    });
    assert.equal(ended.statusCode, 200, ended.body);
    const after = await ws();
    assert.deepEqual(after.programme.counts, { active: 0, ended: 1, waiting: 0 });
    assert.deepEqual(
      after.people.map((p) => p.status),
      ['paused', 'paused'],
    );
    assert.deepEqual(
      after.programme.years.find((y) => y.year === 2016),
      { year: 2016, active: 1, ended: 1, waiting: 2 },
    );
  });

  it('feeds the plan: counts per item and the computed indicators', async () => {
    const items = await matchingOfItem(t.store.db, itemId);
    assert.deepEqual(items, [{ programmeId: programme.id, name: 'Fadderverksamhet', active: 0, ended: 1, waiting: 0 }]);
    assert.deepEqual(await matchingOfItem(t.store.db, itemId, '2016-01-01', '2016-06-30'), [
      { programmeId: programme.id, name: 'Fadderverksamhet', active: 1, ended: 0, waiting: 2 },
    ]);
    const served = (await t.request('GET', `/api/items/${itemId}/programmes?from=2016-01-01&to=2016-06-30`)).json<{
      matching: unknown[];
    }>();
    assert.deepEqual(served.matching, [{ programmeId: programme.id, name: 'Fadderverksamhet', active: 1, ended: 0, waiting: 2 }]);
    const ind = await t.request('POST', '/api/municipalities/1860/indicators', {
      cookie: coordinator,
      body: { title: 'Aktiva faddermatchningar', unit: 'antal', direction: 'higher', sourceKind: 'computed', sourceRef: 'matching:active' },
    });
    assert.equal(ind.statusCode, 201, ind.body);
    const detail = (await t.request('GET', `/api/indicators/${ind.json<{ id: string }>().id}`)).json<{
      values: { period: string; value: number; source: string }[];
    }>();
    assert.deepEqual(
      detail.values.find((v) => v.period === '2016'),
      { ...detail.values.find((v) => v.period === '2016'), value: 1, source: 'matching' },
    );
    const bad = await t.request('POST', '/api/municipalities/1860/indicators', {
      cookie: coordinator,
      body: { title: 'X', unit: 'st', direction: 'higher', sourceKind: 'computed', sourceRef: 'matching:people' },
    });
    assert.equal(bad.statusCode, 400);
    const active = await matchingCounts(t.store.db, '1860', 'active', new Date('2017-06-01T12:00:00Z'));
    assert.deepEqual(active, [
      { year: 2016, count: 1, example: false },
      { year: 2017, count: 0, example: false },
    ]);
  });

  it('gives a register extract as a download and erases a person while the counts stay', async () => {
    const before = await ws();
    const person = before.people.find((p) => p.side === 'newcomer') as PersonView;
    const detail = (await t.request('GET', `/api/matching/people/${person.id}`, { cookie: coordinator })).json<{
      matches: { status: string; endReason: string; other: { name: string } }[];
    }>();
    assert.deepEqual(
      detail.matches.map((m) => [m.status, m.endReason, m.other.name]),
      [['ended', 'completed', 'Exempel Bo Påhittad']],
    );
    const extract = await t.request('GET', `/api/matching/people/${person.id}/extract`, { cookie: coordinator });
    assert.equal(extract.statusCode, 200);
    assert.match(String(extract.headers['content-disposition']), /^attachment; filename="registerutdrag-/);
    const body = extract.json<RegisterExtract>();
    assert.equal(body.person.email, 'amira@example.org');
    assert.equal(body.consent.text, CONSENT);
    assert.equal(body.matches[0]?.otherFirstName, 'Exempel');
    assert.equal(body.matches[0]?.checkIns[0]?.note, 'Träffas varje lördag');
    assert.equal(body.messages.length, 1);

    const stale = await t.request('DELETE', `/api/matching/people/${person.id}?version=${person.version + 5}`, { cookie: coordinator });
    assert.equal(stale.statusCode, 409);
    const erased = await t.request('DELETE', `/api/matching/people/${person.id}?version=${person.version}`, { cookie: coordinator });
    assert.equal(erased.statusCode, 204, erased.body);

    const row = await t.store.db.selectFrom('matching_person').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.name, row.email, row.phone, row.area, row.wishes, row.languages, row.children], ['', null, null, '', '', [], 0]);
    assert.equal((await t.request('GET', `/api/matching/people/${person.id}`, { cookie: coordinator })).statusCode, 404);
    const after = await ws();
    assert.equal(
      after.people.some((p) => p.id === person.id),
      false,
    );
    assert.deepEqual(after.programme.years, before.programme.years, 'counts per year unchanged');
    assert.equal(after.programme.counts.ended, before.programme.counts.ended);
    const match = after.matches[0] as MatchView;
    assert.equal(match.newcomer.name, null);
    assert.deepEqual(match.reasons, []);
    assert.equal(match.checkIns[0]?.note, null);
    assert.equal((await t.store.db.selectFrom('mail_outbox').select('id').where('kind', '=', 'matching.confirmed').execute()).length, 0);

    const audit = await t.store.db.selectFrom('audit_log').selectAll().where('action', 'like', 'matching.%').execute();
    const text = JSON.stringify(audit);
    for (const personal of ['Amira', 'amira@', '070-000', 'Hasselfors', 'arabiska', 'lördag', 'Påhittad'])
      assert.doesNotMatch(text, new RegExp(personal, 'i'), `audit holds no "${personal}"`);
    assert.ok(audit.some((a) => a.action === 'matching.person.erase' && a.entity_id === person.id));
  });

  it('erases people past the retention time, once, by the clock it is given', async () => {
    const created = await t.request('POST', `/api/matching/programmes/${programme.id}/people`, {
      cookie: coordinator,
      body: { ...volunteer, name: 'Exempel Gammal Anmälan' },
    });
    const id = created.json<PersonView>().id;
    await t.store.db.updateTable('matching_person').set({ last_active_on: '2020-01-10' }).where('id', '=', id).execute();
    await purgeExpired(t.store.db, new Date('2022-01-09T12:00:00Z'));
    const kept = await t.store.db.selectFrom('matching_person').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(kept.name, 'Exempel Gammal Anmälan', 'not yet 24 months');
    // The platform retention job (privacy/retention.ts) runs this on its schedule; its runner is tested there.
    assert.ok((await purgeExpired(t.store.db, new Date('2022-01-10T12:00:00Z'))) >= 1);
    const row = await t.store.db.selectFrom('matching_person').select(['name', 'erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.name, '');
    assert.ok(row.erased_at);
    assert.equal(await purgeExpired(t.store.db, new Date('2022-01-10T12:00:00Z')), 0, 'never twice');
  });
  it('seeds a programme in each demo municipality: example people, proposals, active and ended matches, check-ins', async () => {
    assert.equal(await seedDemoMatching(t.store.db), 5);
    const rows = async () =>
      Promise.all(
        (['matching_programme', 'matching_person', 'matching_match', 'matching_check_in'] as const).map(
          async (table) =>
            (
              await t.store.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
        ),
      );
    const before = await rows();
    assert.equal(await seedDemoMatching(t.store.db), 0, 'seeded once');
    assert.deepEqual(await rows(), before, 'a second start adds nothing');
    const pub = (await t.request('GET', '/api/municipalities/2514/matching/programmes')).json<ProgrammeView[]>();
    const kalixProgramme = pub.find((p) => p.name === 'Vänfamiljer i Kalix (exempel)');
    assert.ok(kalixProgramme?.example);
    assert.equal(kalixProgramme.kind, 'friend_family');
    assert.deepEqual(kalixProgramme.counts, { active: 1, ended: 1, waiting: 2 });
    assert.equal(kalixProgramme.items.length, 1, 'serves the plan’s vänfamiljsverksamhet');
    const [ljusnarsberg, laholm, osteraker] = await Promise.all([
      t.login('ljusnarsberg.samordnare'),
      t.login('laholm.samordnare'),
      t.login('osteraker.samordnare'),
    ]);
    for (const [code, cookie] of [
      ['1860', coordinator],
      ['1864', ljusnarsberg],
      ['1381', laholm],
      ['0117', osteraker],
      ['2514', kalix],
    ] as const) {
      const list = (await t.request('GET', `/api/municipalities/${code}/matching/programmes`, { cookie })).json<ProgrammeView[]>();
      const demo = list.find((p) => p.example) as ProgrammeView;
      assert.match(demo.name, /\(exempel\)$/, `${code}: named as an example`);
      assert.equal(demo.items.length, 1, `${code}: linked to a plan item`);
      assert.equal(demo.canReadPeople, true, `${code}: the demo coordinator is assigned`);
      const w = (await t.request('GET', `/api/matching/programmes/${demo.id}/workspace`, { cookie })).json<Workspace>();
      assert.ok(w.people.length >= 6);
      assert.ok(w.people.every((p) => p.example && p.name.startsWith('Exempel') && p.email === null));
      assert.ok(w.matches.some((m) => m.status === 'active'));
      assert.ok(w.matches.some((m) => m.status === 'ended' && m.endReason !== null));
      assert.ok(w.matches.every((m) => m.example));
      assert.ok(
        w.checkIns.some((c) => c.state === 'overdue'),
        `${code}: an overdue check-in to show`,
      );
      assert.ok(w.suggestions.length > 0, `${code}: a suggestion to show`);
    }
  });
});
