import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { seedDemoCatalogue } from './demo.ts';
import { addDays, stockholmDay } from './rules.ts';
import type { ActivityView, ItemActivities, SearchResult } from './service.ts';

/** The VEVENTs of an iCalendar text, each as its unfolded property lines. */
function vevents(ics: string): string[][] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const events: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else current?.push(line);
  }
  return events;
}

await forEachStore('activity catalogue', (kind) => {
  let t: TestApp;
  let laxa: string;
  let reporter: string;
  let ljusnarsberg: string;
  let reporterUnit: string;
  const today = stockholmDay(new Date());
  const nextTuesday = (() => {
    for (let i = 1; i <= 7; i++) {
      const d = addDays(today, i);
      if (new Date(`${d}T12:00:00Z`).getUTCDay() === 2) return d;
    }
    return today;
  })();
  const search = async (query = '', cookie?: string) => {
    const res = await t.request('GET', `/api/municipalities/1860/activities${query}`, cookie ? { cookie } : {});
    assert.equal(res.statusCode, 200, res.body);
    return res.json<SearchResult>();
  };
  const body = {
    title: 'Pyssel <b>för</b> alla',
    description: '<p>Vi pysslar.<script>alert("x")</script></p><img src=x onerror="alert(1)">',
    category: 'crafts',
    languages: ['sv', 'uk'],
    placeName: 'Fritidsgården',
    address: 'Skolgatan 1, Laxå',
    startDate: nextTuesday,
    startTime: '15:00',
    durationMinutes: 60,
    rrule: 'FREQ=WEEKLY',
    contact: 'Fritidsgården',
  };

  before(async () => {
    t = await startTestApp(kind);
    await seedDemoCatalogue(t.store.db);
    laxa = await t.login('laxa.samordnare');
    reporter = await t.login('laxa.rapportor');
    ljusnarsberg = await t.login('ljusnarsberg.samordnare');
    const me = (await t.request('GET', '/api/auth/me', { cookie: reporter })).json<{ user: { unitIds: string[] } }>();
    reporterUnit = me.user.unitIds[0] as string;
  });
  after(() => t.close());

  it('the public finds the published example activities by language, category, place, age and text', async () => {
    const all = await search();
    const titles = all.activities.map((a) => a.title);
    assert.ok(titles.includes('Språkcafé på biblioteket'), titles.join(', '));
    assert.ok(all.activities.every((a) => a.status === 'published' && a.example));
    const cafe = all.activities.find((a) => a.title === 'Språkcafé på biblioteket') as ActivityView;
    assert.ok(
      cafe.occurrences.every((o) => o.date >= today),
      'past occurrences drop off',
    );
    assert.ok(
      cafe.occurrences.some((o) => o.cancelled && o.cancelReason),
      'the demo has a cancelled occurrence to come',
    );
    assert.equal(cafe.moderationNote, null);
    assert.ok(!JSON.stringify(all).includes('ordforande@example.org'), "the association's private contact is not published");
    assert.deepEqual(
      (await search('?language=ti&category=language')).activities.map((a) => a.title),
      ['Språkcafé på biblioteket'],
    );
    assert.deepEqual(
      (await search('?category=sport')).activities.map((a) => a.title),
      ['Fotboll för alla'],
    );
    assert.deepEqual(
      (await search('?place=bibliotek')).activities.map((a) => a.title),
      ['Språkcafé på biblioteket'],
    );
    assert.ok(!(await search('?age=10')).activities.some((a) => a.title === 'Språkcafé på biblioteket'));
    assert.deepEqual(
      (await search(`?q=${encodeURIComponent('coffee')}&lang=en`)).activities.map((a) => a.title),
      ['Språkcafé på biblioteket'],
    );
    assert.equal((await search('?q=coffee')).activities.length, 0);
    const june = `${Number(today.slice(0, 4)) + 1}-06`;
    const range = await search(`?from=${june}-01&to=${june}-10`);
    assert.ok(range.activities.some((a) => a.title === 'Medborgarceremoni på nationaldagen'));
    assert.equal((await search('?from=2016-06-01&to=2016-06-10')).activities.length, 0, 'past occurrences drop off');
    assert.equal((await t.request('GET', '/api/municipalities/1860/activities?to=2015-01-01&from=2016-01-01')).statusCode, 400);
  });

  it('the demo fills the catalogue of all five municipalities, as examples linked to their plans', async () => {
    const expected: Record<string, number> = { '1860': 4, '1864': 2, '1381': 2, '0117': 2, '2514': 2 };
    for (const [code, n] of Object.entries(expected)) {
      const res = await t.request('GET', `/api/municipalities/${code}/activities?to=${addDays(today, 366)}`);
      const { activities } = res.json<SearchResult>();
      assert.equal(activities.length, n, code);
      assert.ok(activities.every((a) => a.example && a.organiser.name !== ''));
    }
    const links = await t.store.db
      .selectFrom('activity_item')
      .innerJoin('activity', 'activity.id', 'activity_item.activity_id')
      .select(['activity.municipality_code', 'activity.title'])
      .execute();
    assert.deepEqual([...new Set(links.map((l) => l.municipality_code))].sort(), ['0117', '1381', '1860', '1864', '2514']);
    assert.equal(links.filter((l) => l.title === 'Språkcafé på biblioteket').length, 2, 'Laxå Delmål 2 aktivitet 1 and 3');
    assert.equal(await seedDemoCatalogue(t.store.db), 0, 'seeding again changes nothing');
  });

  it('a unit reporter submits, sanitised; the public sees nothing until the coordinator publishes', async () => {
    const res = await t.request('POST', '/api/municipalities/1860/activities', {
      cookie: reporter,
      body: { ...body, unitId: reporterUnit, submit: true },
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<ActivityView>();
    assert.equal(created.status, 'pending');
    assert.equal(created.title, 'Pyssel för alla');
    assert.equal(created.description, '<p>Vi pysslar.</p>');
    assert.ok(!created.description.includes('script'));
    assert.equal(created.organiser.unitId, reporterUnit);

    assert.equal((await t.request('GET', `/api/activities/${created.id}`)).statusCode, 404);
    assert.ok(!(await search()).activities.some((a) => a.id === created.id));
    const queue = (await t.request('GET', '/api/municipalities/1860/activities/managed', { cookie: laxa })).json<{
      canModerate: boolean;
      activities: ActivityView[];
    }>();
    assert.equal(queue.canModerate, true);
    assert.ok(queue.activities.some((a) => a.id === created.id && a.status === 'pending'));

    // Another municipality's coordinator: not hers to see or moderate.
    assert.equal(
      (
        await t.request('POST', `/api/activities/${created.id}/moderate`, {
          cookie: ljusnarsberg,
          body: { version: created.version, decision: 'publish' },
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (await t.request('POST', '/api/municipalities/1860/activities', { cookie: ljusnarsberg, body: { ...body, unitId: reporterUnit } }))
        .statusCode,
      403,
    );
    assert.equal((await t.request('GET', '/api/municipalities/1860/activities/managed', { cookie: ljusnarsberg })).statusCode, 403);
    // The reporter cannot publish her own.
    assert.equal(
      (
        await t.request('POST', `/api/activities/${created.id}/moderate`, {
          cookie: reporter,
          body: { version: created.version, decision: 'publish' },
        })
      ).statusCode,
      403,
    );
    // A rejection needs a reason.
    assert.equal(
      (
        await t.request('POST', `/api/activities/${created.id}/moderate`, {
          cookie: laxa,
          body: { version: created.version, decision: 'reject' },
        })
      ).statusCode,
      400,
    );

    const published = await t.request('POST', `/api/activities/${created.id}/moderate`, {
      cookie: laxa,
      body: { version: created.version, decision: 'publish' },
    });
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json<ActivityView>().status, 'published');
    assert.equal((await t.request('GET', `/api/activities/${created.id}`)).statusCode, 200);
    assert.deepEqual(
      (await search('?language=uk')).activities.map((a) => a.title),
      ['Pyssel för alla'],
    );

    // A stale version is refused with the current object.
    const stale = await t.request('PATCH', `/api/activities/${created.id}`, {
      cookie: reporter,
      body: { version: created.version, title: 'X' },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: ActivityView }>().current.version, created.version + 1);

    // Another municipality's coordinator may read a published activity but not moderate it.
    const current = published.json<ActivityView>();
    assert.equal(
      (
        await t.request('POST', `/api/activities/${created.id}/moderate`, {
          cookie: ljusnarsberg,
          body: { version: current.version, decision: 'reject', note: 'Nej' },
        })
      ).statusCode,
      403,
    );

    // The organiser's edit of a published activity goes back to the coordinator.
    const edited = await t.request('PATCH', `/api/activities/${created.id}`, {
      cookie: reporter,
      body: { version: current.version, description: '<p>Nu med <em>lim</em>.</p>' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json<ActivityView>().status, 'pending');
    assert.equal((await t.request('GET', `/api/activities/${created.id}`)).statusCode, 404);
  });

  it("a unit reporter edits only her unit's activities", async () => {
    const cafe = (await search()).activities.find((a) => a.title === 'Språkcafé på biblioteket') as ActivityView;
    assert.equal(cafe.organiser.kind, 'association');
    const res = await t.request('PATCH', `/api/activities/${cafe.id}`, {
      cookie: reporter,
      body: { version: cafe.version, title: 'Mitt' },
    });
    assert.equal(res.statusCode, 403);
    const mine = (await t.request('GET', '/api/municipalities/1860/activities/managed', { cookie: reporter })).json<{
      canModerate: boolean;
      activities: ActivityView[];
    }>();
    assert.equal(mine.canModerate, false);
    assert.ok(mine.activities.length > 0);
    assert.ok(mine.activities.every((a) => a.organiser.unitId === reporterUnit));
    assert.equal((await t.request('GET', '/api/municipalities/1860/activities/managed')).statusCode, 401);
    // The coordinator registers associations; the reporter may not.
    assert.equal(
      (await t.request('POST', '/api/municipalities/1860/organisers', { cookie: reporter, body: { name: 'Schackklubben' } })).statusCode,
      403,
    );
    const org = await t.request('POST', '/api/municipalities/1860/organisers', {
      cookie: laxa,
      body: { name: 'Schackklubben', orgNumber: '802400-9999', contact: 'schack@example.org' },
    });
    assert.equal(org.statusCode, 201, org.body);
  });

  it('a cancelled occurrence shows as cancelled, in the list and the iCalendar feed, which honours the filters', async () => {
    const cafe = (await search()).activities.find((a) => a.title === 'Språkcafé på biblioteket') as ActivityView;
    const day = cafe.occurrences.find((o) => !o.cancelled)?.date as string;
    const cancelled = await t.request('PUT', `/api/activities/${cafe.id}/occurrences/${day}`, {
      cookie: laxa,
      body: { version: cafe.version, cancelled: true, reason: 'Strömavbrott' },
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json<ActivityView>().status, 'published');
    const after = (await search()).activities.find((a) => a.id === cafe.id) as ActivityView;
    assert.deepEqual(
      after.occurrences.filter((o) => o.date === day).map((o) => [o.cancelled, o.cancelReason]),
      [[true, 'Strömavbrott']],
    );
    assert.equal(
      (
        await t.request('PUT', `/api/activities/${cafe.id}/occurrences/${addDays(day, 1)}`, {
          cookie: laxa,
          body: { version: after.version, cancelled: true },
        })
      ).statusCode,
      400,
      'no occurrence that day',
    );

    const ics = await t.request('GET', '/api/municipalities/1860/activities.ics');
    assert.equal(ics.statusCode, 200);
    assert.equal(ics.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.match(ics.body, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics.body, /END:VCALENDAR(\r\n)?$/);
    const events = vevents(ics.body);
    assert.ok(events.length > 10);
    const cancelledEvent = events.find((e) => e.includes(`UID:${cafe.id}-${day}@delaktig`));
    assert.ok(cancelledEvent, 'the cancelled occurrence is in the feed');
    assert.ok(cancelledEvent.includes('STATUS:CANCELLED'));
    // A calendar app links to the activity's public page, which anyone can open (the staff app's needs an account).
    assert.ok(
      cancelledEvent.some((l) => /^URL;VALUE=URI:http:\/\/[^/]+\/sv\/kommun\/1860\/aktiviteter\//.test(l) && l.endsWith(cafe.id)),
      cancelledEvent.join('\n'),
    );
    assert.ok(events.filter((e) => e.includes('STATUS:CONFIRMED')).length > 0);
    assert.ok(events.every((e) => e.some((l) => /^DTSTART:\d{8}T\d{6}Z$/.test(l))));

    const sport = vevents((await t.request('GET', '/api/municipalities/1860/activities.ics?category=sport')).body);
    assert.ok(sport.length > 0);
    assert.ok(sport.every((e) => e.includes('SUMMARY:Fotboll för alla')));
    const english = (await t.request('GET', '/api/municipalities/1860/activities.ics?category=sport&lang=en')).body;
    assert.match(english, /SUMMARY:Football for everyone/);
    assert.match(english, /URL;VALUE=URI:http:\/\/[^/]+\/en\/kommun\/1860\/aktiviteter\//);
    assert.equal((await t.request('GET', '/api/municipalities/1860/activities.ics?age=abc')).statusCode, 400);
  });

  it('counts published activities linked to a plan item per year, for follow-up', async () => {
    const docs = (await t.request('GET', '/api/municipalities/1860/documents')).json<{ id: string }[]>();
    const plan = docs[0]?.id as string;
    const counts = (await t.request('GET', `/api/plans/${plan}/activities`)).json<
      { itemId: string; years: { year: number; activities: number }[] }[]
    >();
    const two = counts.find((c) => c.years.some((y) => y.year === 2016 && y.activities >= 3));
    assert.ok(two, JSON.stringify(counts));
    const res = await t.request('GET', `/api/items/${two.itemId}/activities?from=2016-01-01&to=2016-12-31`);
    assert.equal(res.statusCode, 200, res.body);
    const item = res.json<ItemActivities>();
    assert.equal(item.count, 3);
    assert.deepEqual(item.activities.map((a) => a.title).sort(), [
      'Fotboll för alla',
      'Medborgarceremoni på nationaldagen',
      'Språkcafé på biblioteket',
    ]);
    assert.deepEqual(
      item.years.map((y) => y.year),
      [2016],
    );
    // A cancelled occurrence in 2016 (27 December) is not counted as held.
    const cafe = item.activities.find((a) => a.title === 'Språkcafé på biblioteket');
    assert.equal(cafe?.occurrences, 51);

    // Linking: the coordinator links an activity to another item; a reporter cannot link an association's.
    const all = await search();
    const football = all.activities.find((a) => a.title === 'Fotboll för alla') as ActivityView;
    assert.equal(
      (
        await t.request('PUT', `/api/activities/${football.id}/items`, {
          cookie: reporter,
          body: { version: football.version, itemIds: [] },
        })
      ).statusCode,
      403,
    );
    const linked = await t.request('PUT', `/api/activities/${football.id}/items`, {
      cookie: laxa,
      body: { version: football.version, itemIds: [] },
    });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.deepEqual(linked.json<ActivityView>().items, []);
    assert.equal(
      (await t.request('GET', `/api/items/${two.itemId}/activities?from=2016-01-01&to=2016-12-31`)).json<ItemActivities>().count,
      2,
    );
  });

  it('links and unlinks plan items when an activity is created and edited, version-checked and audited', async () => {
    const items = (await t.request('GET', '/api/municipalities/1860/programme-items', { cookie: laxa })).json<{ id: string }[]>();
    const [first, second] = items;
    assert.ok(first && second);
    const created = await t.request('POST', '/api/municipalities/1860/activities', {
      cookie: reporter,
      body: { ...body, title: 'Läxhjälp', category: 'homework', unitId: reporterUnit, itemIds: [first.id] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json<ActivityView>();
    assert.deepEqual(
      a.items.map((i) => i.id),
      [first.id],
    );

    const edited = await t.request('PATCH', `/api/activities/${a.id}`, {
      cookie: reporter,
      body: { version: a.version, itemIds: [second.id, second.id], placeName: 'Biblioteket' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const e = edited.json<ActivityView>();
    assert.deepEqual(
      e.items.map((i) => i.id),
      [second.id],
      'the links are replaced, duplicates once',
    );
    assert.equal(e.place.name, 'Biblioteket');
    assert.equal(e.version, a.version + 1);
    const untouched = await t.request('PATCH', `/api/activities/${a.id}`, {
      cookie: reporter,
      body: { version: e.version, cost: 'Gratis' },
    });
    assert.deepEqual(
      untouched.json<ActivityView>().items.map((i) => i.id),
      [second.id],
      'an edit without itemIds keeps the links',
    );
    const v = untouched.json<ActivityView>().version;

    const stale = await t.request('PATCH', `/api/activities/${a.id}`, { cookie: reporter, body: { version: a.version, itemIds: [] } });
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(
      stale.json<{ current: ActivityView }>().current.items.map((i) => i.id),
      [second.id],
    );

    // Another municipality's item is a problem with the field, and nothing changes.
    const kalixDoc = (await t.request('GET', '/api/municipalities/2514/documents')).json<{ id: string }[]>()[0]?.id as string;
    const foreign = await t.store.db.selectFrom('item').select('id').where('document_id', '=', kalixDoc).executeTakeFirstOrThrow();
    for (const res of [
      await t.request('PATCH', `/api/activities/${a.id}`, { cookie: reporter, body: { version: v, itemIds: [first.id, foreign.id] } }),
      await t.request('POST', '/api/municipalities/1860/activities', {
        cookie: laxa,
        body: { ...body, unitId: reporterUnit, itemIds: [foreign.id] },
      }),
    ]) {
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(
        res.json<{ details: { path: string }[] }>().details.map((d) => d.path),
        ['/itemIds'],
      );
    }
    const still = (await t.request('GET', '/api/municipalities/1860/activities/managed', { cookie: reporter }))
      .json<{ activities: ActivityView[] }>()
      .activities.find((x) => x.id === a.id);
    assert.deepEqual([still?.version, still?.items.map((i) => i.id)], [v, [second.id]]);

    const unlinked = await t.request('PATCH', `/api/activities/${a.id}`, { cookie: reporter, body: { version: v, itemIds: [] } });
    assert.equal(unlinked.statusCode, 200, unlinked.body);
    assert.deepEqual(unlinked.json<ActivityView>().items, []);

    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', a.id)
      .where('action', '=', 'activity.update')
      .orderBy('id')
      .execute();
    const first_ = audit[0] as { before: { itemIds: string[] }; after: { itemIds: string[] } };
    assert.deepEqual([first_.before.itemIds, first_.after.itemIds], [[first.id], [second.id]]);
    const last = audit.at(-1) as { before: { itemIds: string[] }; after: { itemIds: string[] } };
    assert.deepEqual([last.before.itemIds, last.after.itemIds], [[second.id], []]);
  });
});
