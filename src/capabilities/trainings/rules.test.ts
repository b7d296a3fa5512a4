import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCoverageTarget, checkTraining, coverage, supervisorStatus, unitsLackingSupervisor, type TrainingFacts } from './rules.ts';

const units = ['a', 'b', 'c', 'd'];
const trainings: TrainingFacts[] = [
  {
    kind: 'supervisor_training',
    date: '2015-10-01',
    participants: 6,
    units: [
      { unitId: 'a', trained: 2 },
      { unitId: 'b', trained: 1 },
    ],
  },
  {
    kind: 'supervisor_training',
    date: '2016-04-01',
    participants: 3,
    units: [
      { unitId: 'c', trained: 3 },
      { unitId: 'b', trained: 0 },
    ],
  },
  { kind: 'leadership_training', date: '2016-02-01', participants: 14, units: [{ unitId: 'd', trained: 1 }] },
  { kind: 'leadership_training', date: '2017-02-01', participants: 9, units: [] },
];

describe('training rules', () => {
  it('says which units have a trained supervisor as of a date', () => {
    assert.deepEqual(unitsLackingSupervisor(units, trainings, '2015-12-31'), ['c', 'd']);
    assert.deepEqual(unitsLackingSupervisor(units, trainings, '2016-12-31'), ['d']);
    const status = supervisorStatus(units, trainings, '2016-12-31');
    assert.deepEqual(status[0], { unitId: 'a', trained: 2, lastTraining: '2015-10-01', hasTrained: true });
    assert.deepEqual(status[1], { unitId: 'b', trained: 1, lastTraining: '2015-10-01', hasTrained: true });
  });

  it('computes coverage of units and of people', () => {
    assert.deepEqual(
      coverage({ kind: 'supervisor_training', measure: 'units', denominator: null, byDate: null }, units, trainings, '2016-12-31'),
      {
        reached: 3,
        of: 4,
        share: 75,
        met: false,
      },
    );
    assert.deepEqual(
      coverage({ kind: 'leadership_training', measure: 'people', denominator: 20, byDate: null }, units, trainings, '2016-12-31'),
      {
        reached: 14,
        of: 20,
        share: 70,
        met: false,
      },
    );
    const later = coverage(
      { kind: 'leadership_training', measure: 'people', denominator: 20, byDate: null },
      units,
      trainings,
      '2017-12-31',
    );
    assert.equal(later.share, 100, 'capped');
    assert.equal(later.met, true);
    assert.equal(coverage({ kind: 'workshop', measure: 'units', denominator: null, byDate: null }, [], [], '2017-01-01').share, null);
  });

  it('checks trainings and targets', () => {
    assert.deepEqual(checkTraining({ title: 'Tema', date: '2016-06-06', participants: 40, units: [] }), []);
    assert.deepEqual(
      checkTraining({ title: ' ', date: '6 juni', participants: -1, units: [{ trained: 1.5 }] }).map((p) => p.path),
      ['/title', '/date', '/participants', '/units/0/trained'],
    );
    assert.deepEqual(
      checkCoverageTarget({ title: 'Alla chefer', measure: 'people', denominator: null, byDate: '2016' }).map((p) => p.path),
      ['/denominator', '/byDate'],
    );
    assert.deepEqual(checkCoverageTarget({ title: 'Alla enheter', measure: 'units', denominator: null, byDate: '2016-12-31' }), []);
  });
});
