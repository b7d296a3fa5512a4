import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../accounts/policies.ts';
import { canEditOffer, canReadOffers, checkOffer, checkPlacement, placementsPerYear, targetStatus } from './rules.ts';

const actor = (role: Actor['role'], municipalityCode: string | null, unitIds: string[] = []): Actor => ({
  userId: 'u',
  username: 'u',
  role,
  municipalityCode,
  unitIds,
});

const offer = { unitId: 'u1', employer: null, tasks: 'Lager', periodFrom: '2016-01-01', periodTo: '2016-06-30', places: 2 };

describe('internship rules', () => {
  it('counts placements per year, every year present', () => {
    assert.deepEqual(placementsPerYear([{ startDate: '2015-03-01' }, { startDate: '2017-01-10' }, { startDate: '2015-09-01' }]), [
      { year: 2015, count: 2 },
      { year: 2016, count: 0 },
      { year: 2017, count: 1 },
    ]);
    assert.deepEqual(placementsPerYear([]), []);
  });

  it('places a count against 12–15', () => {
    assert.equal(targetStatus(11, { min: 12, max: 15 }), 'below');
    assert.equal(targetStatus(12, { min: 12, max: 15 }), 'within');
    assert.equal(targetStatus(15, { min: 12, max: 15 }), 'within');
    assert.equal(targetStatus(16, { min: 12, max: 15 }), 'above');
  });

  it('wants a unit or an employer, tasks, places and a proper period', () => {
    assert.deepEqual(checkOffer(offer), []);
    assert.deepEqual(
      checkOffer({ ...offer, employer: 'ICA' }).map((p) => p.path),
      ['/unitId'],
    );
    assert.deepEqual(
      checkOffer({ ...offer, unitId: null, employer: ' ' }).map((p) => p.path),
      ['/unitId'],
    );
    assert.deepEqual(
      checkOffer({ ...offer, tasks: '', places: 0, periodTo: '2015-12-31' }).map((p) => p.path),
      ['/tasks', '/places', '/periodTo'],
    );
    assert.deepEqual(
      checkOffer({ ...offer, periodFrom: '2016-02-30x' }).map((p) => p.path),
      ['/periodFrom'],
    );
  });

  it('keeps a placement inside its offer', () => {
    assert.deepEqual(checkPlacement({ startDate: '2016-02-01', endDate: '2016-04-30' }, offer), []);
    assert.deepEqual(
      checkPlacement({ startDate: '2016-08-01', endDate: null }, offer).map((p) => p.path),
      ['/startDate'],
    );
    assert.deepEqual(
      checkPlacement({ startDate: '2016-03-01', endDate: '2016-02-01' }, offer).map((p) => p.path),
      ['/endDate'],
    );
  });

  it('lets coordinators edit all, reporters their own units, nobody else', () => {
    const own = { municipalityCode: '0117', unitId: 'u1' };
    assert.equal(canEditOffer(actor('admin', null), own), true);
    assert.equal(canEditOffer(actor('coordinator', '0117'), own), true);
    assert.equal(canEditOffer(actor('coordinator', '1860'), own), false);
    assert.equal(canEditOffer(actor('reporter', '0117', ['u1']), own), true);
    assert.equal(canEditOffer(actor('reporter', '0117', ['u2']), own), false);
    assert.equal(canEditOffer(actor('reporter', '0117', ['u1']), { ...own, unitId: null }), false);
    assert.equal(canEditOffer(actor('reader', '0117'), own), false);
    assert.equal(canEditOffer(null, own), false);
    assert.equal(canReadOffers(actor('reporter', '0117'), '0117'), true);
    assert.equal(canReadOffers(actor('reader', '0117'), '0117'), false);
    assert.equal(canReadOffers(actor('coordinator', '1860'), '0117'), false);
    assert.equal(canReadOffers(null, '0117'), false);
  });
});
