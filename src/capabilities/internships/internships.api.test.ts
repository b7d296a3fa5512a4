import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { IndicatorDetail } from '../indicators/service.ts';
import type { InternshipSummary, OfferView } from './service.ts';

const ITEM = 'Dialog inleds med näringslivet med målet att åstadkomma i storleksordningen 12-15 praktikplatser per år';

await forEachStore('internships', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let reader: string;
  let laxa: string;
  let ownUnit: string;
  let otherUnit: string;
  let itemId: string;

  before(async () => {
    t = await startTestApp(kind);
    [coordinator, reporter, reader, laxa] = await Promise.all([
      t.login('osteraker.samordnare'),
      t.login('osteraker.rapportor'),
      t.login('osteraker.lasare'),
      t.login('laxa.samordnare'),
    ]);
    const me = (await t.request('GET', '/api/auth/me', { cookie: reporter })).json<{ user: { unitIds: string[] } }>().user;
    ownUnit = me.unitIds[0] as string;
    const units = (await t.request('GET', '/api/municipalities/0117/units')).json<{ id: string; kind: string }[]>();
    otherUnit = units.find((u) => u.id !== ownUnit && u.kind !== 'partner')?.id as string;
    const item = await t.store.db.selectFrom('item').select('id').where('text', 'like', `${ITEM}%`).executeTakeFirstOrThrow();
    itemId = item.id;
  });
  after(() => t.close());

  const offer = (unitId: string | null, extra: Record<string, unknown> = {}) => ({
    unitId,
    employer: unitId ? null : 'Åkeriet AB',
    tasks: 'Lager och logistik',
    languageRequirements: 'Grundläggande svenska',
    supervisorName: 'Handledare H',
    supervisorTrained: true,
    periodFrom: '2016-01-01',
    periodTo: '2016-12-31',
    places: 3,
    itemIds: [itemId],
    ...extra,
  });

  it('coordinator registers an offer and placements; the count and the computed indicator follow', async () => {
    const created = await t.request('POST', '/api/municipalities/0117/internships', { cookie: coordinator, body: offer(null) });
    assert.equal(created.statusCode, 201, created.body);
    const o = created.json<OfferView>();
    assert.equal(o.employer, 'Åkeriet AB');
    assert.equal(o.items[0]?.id, itemId);
    for (const startDate of ['2016-02-01', '2016-03-01', '2016-09-01']) {
      const r = await t.request('POST', `/api/internships/${o.id}/placements`, { cookie: coordinator, body: { startDate, endDate: null } });
      assert.equal(r.statusCode, 201, r.body);
    }
    const outside = await t.request('POST', `/api/internships/${o.id}/placements`, {
      cookie: coordinator,
      body: { startDate: '2017-02-01', endDate: null },
    });
    assert.equal(outside.statusCode, 400);
    assert.equal(outside.json<{ details: { path: string }[] }>().details[0]?.path, '/startDate');

    // The public sees counts against the plan's 12–15, and nothing of the offers.
    const summary = (await t.request('GET', '/api/municipalities/0117/internships/summary')).json<InternshipSummary>();
    assert.deepEqual(summary.years, [{ year: 2016, count: 3, status: 'below', example: false }]);
    assert.deepEqual([summary.target?.min, summary.target?.max], [12, 15]);
    assert.equal(summary.canReadOffers, false);
    assert.equal((await t.request('GET', '/api/municipalities/0117/internships')).statusCode, 403);
    assert.equal((await t.request('GET', '/api/municipalities/0117/internships', { cookie: reader })).statusCode, 403);

    // An indicator computed from the placements, linked to the item: its values come without retyping.
    const ind = await t.request('POST', '/api/municipalities/0117/indicators', {
      cookie: coordinator,
      body: {
        title: 'Praktikplaceringar per år',
        unit: 'praktikplatser',
        direction: 'higher',
        sourceKind: 'computed',
        sourceRef: 'internships:placements',
      },
    });
    assert.equal(ind.statusCode, 201, ind.body);
    const indicatorId = ind.json<IndicatorDetail>().id;
    const link = await t.request('POST', `/api/indicators/${indicatorId}/links`, { cookie: coordinator, body: { itemId } });
    assert.equal(link.statusCode, 201, link.body);
    const detail = (await t.request('GET', `/api/indicators/${indicatorId}`)).json<IndicatorDetail>();
    assert.deepEqual(
      detail.values.map((v) => [v.period, v.value, v.source]),
      [['2016', 3, 'internships']],
    );
    assert.deepEqual([detail.links[0]?.target.min, detail.links[0]?.target.max], [12, 15]);
    const bad = await t.request('POST', '/api/municipalities/0117/indicators', {
      cookie: coordinator,
      body: { title: 'X', unit: 'st', direction: 'higher', sourceKind: 'computed', sourceRef: 'internships:people' },
    });
    assert.equal(bad.statusCode, 400);

    const linkable = (await t.request('GET', '/api/municipalities/0117/programme-items')).json<{ id: string }[]>();
    assert.ok(
      linkable.some((i) => i.id === itemId),
      'the item can be picked in the forms',
    );
    // The item shows what served it, within a period.
    const served = (await t.request('GET', `/api/items/${itemId}/programmes?from=2016-01-01&to=2016-06-30`)).json<{
      placements: number;
      offers: { placements: number; employer: string | null }[];
    }>();
    assert.equal(served.placements, 2);
    assert.equal(served.offers[0]?.employer, null, 'the public sees no employer details');
  });

  it('reporters register for their own unit only; others get 403; stale versions get 409', async () => {
    const own = await t.request('POST', '/api/municipalities/0117/internships', { cookie: reporter, body: offer(ownUnit) });
    assert.equal(own.statusCode, 201, own.body);
    const o = own.json<OfferView>();
    assert.equal(o.canEdit, true);
    assert.equal(
      (await t.request('POST', '/api/municipalities/0117/internships', { cookie: reporter, body: offer(otherUnit) })).statusCode,
      403,
    );
    assert.equal(
      (await t.request('POST', '/api/municipalities/0117/internships', { cookie: reader, body: offer(ownUnit) })).statusCode,
      403,
    );
    assert.equal((await t.request('POST', '/api/municipalities/0117/internships', { cookie: laxa, body: offer(null) })).statusCode, 403);
    assert.equal((await t.request('POST', '/api/municipalities/0117/internships', { body: offer(null) })).statusCode, 401);
    assert.equal((await t.request('GET', '/api/municipalities/0117/internships', { cookie: laxa })).statusCode, 403);

    const placed = await t.request('POST', `/api/internships/${o.id}/placements`, {
      cookie: reporter,
      body: { startDate: '2016-05-01', endDate: '2016-07-31', outcome: 'employment' },
    });
    assert.equal(placed.statusCode, 201, placed.body);

    const other = (
      await t.request('POST', '/api/municipalities/0117/internships', { cookie: coordinator, body: offer(otherUnit) })
    ).json<OfferView>();
    assert.equal(
      (
        await t.request('POST', `/api/internships/${other.id}/placements`, {
          cookie: reporter,
          body: { startDate: '2016-05-01', endDate: null },
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await t.request('PATCH', `/api/internships/${other.id}`, { cookie: reporter, body: { version: 1, tasks: 'x' } })).statusCode,
      403,
    );
    assert.equal(
      (await t.request('PATCH', `/api/internships/${o.id}`, { cookie: reporter, body: { version: 1, unitId: otherUnit } })).statusCode,
      403,
    );
    assert.equal(
      (await t.request('PATCH', `/api/internships/${o.id}`, { cookie: laxa, body: { version: 1, tasks: 'x' } })).statusCode,
      404,
    );

    const edited = await t.request('PATCH', `/api/internships/${o.id}`, { cookie: reporter, body: { version: 1, status: 'filled' } });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json<OfferView>().version, 2);
    const stale = await t.request('PATCH', `/api/internships/${o.id}`, { cookie: coordinator, body: { version: 1, status: 'closed' } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: OfferView }>().current.status, 'filled');

    const list = (await t.request('GET', `/api/municipalities/0117/internships?status=filled`, { cookie: reporter })).json<OfferView[]>();
    assert.deepEqual(
      list.map((x) => x.id),
      [o.id],
    );
    const placement = list[0]?.placements[0];
    assert.ok(placement);
    assert.deepEqual(Object.keys(placement).sort(), ['endDate', 'example', 'id', 'offerId', 'outcome', 'startDate', 'version']);
    const moved = await t.request('PATCH', `/api/placements/${placement.id}`, {
      cookie: reporter,
      body: { version: 1, outcome: 'completed' },
    });
    assert.equal(moved.statusCode, 200, moved.body);

    const audit = await t.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'internship.%').execute();
    assert.ok(audit.length >= 6);
  });

  it('removes placements and offers with the version read last; an offer takes its placements and links with it', async () => {
    const mine = (
      await t.request('POST', '/api/municipalities/0117/internships', { cookie: reporter, body: offer(ownUnit, { tasks: 'Tas bort' }) })
    ).json<OfferView>();
    const placed = (
      await t.request('POST', `/api/internships/${mine.id}/placements`, {
        cookie: reporter,
        body: { startDate: '2016-04-01', endDate: null },
      })
    ).json<OfferView>();
    const placement = placed.placements[0];
    assert.ok(placement);
    const theirs = (
      await t.request('POST', '/api/municipalities/0117/internships', { cookie: coordinator, body: offer(otherUnit) })
    ).json<OfferView>();

    // Placements: as for an edit.
    for (const [cookie, status] of [
      [reader, 404],
      [laxa, 404],
      [undefined, 401],
    ] as const)
      assert.equal((await t.request('DELETE', `/api/placements/${placement.id}?version=1`, cookie ? { cookie } : {})).statusCode, status);
    await t.request('PATCH', `/api/placements/${placement.id}`, { cookie: reporter, body: { version: 1, outcome: 'completed' } });
    const stalePlacement = await t.request('DELETE', `/api/placements/${placement.id}?version=1`, { cookie: reporter });
    assert.equal(stalePlacement.statusCode, 409);
    assert.equal(stalePlacement.json<{ current: { outcome: string } }>().current.outcome, 'completed');
    const without = await t.request('DELETE', `/api/placements/${placement.id}?version=2`, { cookie: reporter });
    assert.equal(without.statusCode, 200, without.body);
    assert.deepEqual(without.json<OfferView>().placements, []);
    assert.equal((await t.request('DELETE', `/api/placements/${placement.id}?version=2`, { cookie: reporter })).statusCode, 404);

    // Offers: a reporter only her own unit's, the coordinator any of the municipality's.
    assert.equal((await t.request('DELETE', `/api/internships/${theirs.id}?version=1`, { cookie: reporter })).statusCode, 403);
    assert.equal((await t.request('DELETE', `/api/internships/${mine.id}?version=1`, { cookie: reader })).statusCode, 404);
    assert.equal((await t.request('DELETE', `/api/internships/${mine.id}?version=1`, { cookie: laxa })).statusCode, 404);
    assert.equal((await t.request('DELETE', `/api/internships/${mine.id}?version=1`)).statusCode, 401);
    await t.request('POST', `/api/internships/${mine.id}/placements`, {
      cookie: reporter,
      body: { startDate: '2016-05-01', endDate: null },
    });
    await t.request('PATCH', `/api/internships/${mine.id}`, { cookie: reporter, body: { version: 1, status: 'filled' } });
    const stale = await t.request('DELETE', `/api/internships/${mine.id}?version=1`, { cookie: reporter });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: OfferView }>().current.status, 'filled');
    assert.equal((await t.request('DELETE', `/api/internships/${mine.id}?version=2`, { cookie: reporter })).statusCode, 204);
    assert.equal((await t.request('DELETE', `/api/internships/${theirs.id}?version=1`, { cookie: coordinator })).statusCode, 204);
    assert.equal((await t.request('DELETE', `/api/internships/${mine.id}?version=2`, { cookie: reporter })).statusCode, 404);
    assert.equal(
      (await t.request('DELETE', '/api/internships/00000000-0000-4000-8000-000000000000?version=1', { cookie: coordinator })).statusCode,
      404,
    );
    const [placements, links] = await Promise.all([
      t.store.db.selectFrom('internship_placement').select('id').where('offer_id', '=', mine.id).execute(),
      t.store.db.selectFrom('internship_offer_item').select('item_id').where('offer_id', 'in', [mine.id, theirs.id]).execute(),
    ]);
    assert.deepEqual([placements.length, links.length], [0, 0]);
    const list = (await t.request('GET', '/api/municipalities/0117/internships', { cookie: coordinator })).json<OfferView[]>();
    assert.ok(!list.some((o) => o.id === mine.id || o.id === theirs.id));

    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', 'in', [mine.id, placement.id])
      .where('action', 'like', '%.delete')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['internship.placement.delete', 'internship.offer.delete'],
    );
    const before = audit[1]?.before as OfferView;
    assert.equal(before.tasks, 'Tas bort');
    assert.equal(before.placements.length, 1, 'the audit keeps the placements that went with the offer');
    assert.equal(audit[1]?.after, null);
  });
});
