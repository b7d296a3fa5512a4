import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FundCriterionJson } from '../../db/schema.ts';
import type { Actor } from '../accounts/policies.ts';
import {
  actsForOrganisation,
  applicationTransition,
  applyProblem,
  balanceOf,
  balancePerYear,
  callPhase,
  callStatusProblem,
  canManageFund,
  canReadApplications,
  checkApplication,
  checkCall,
  checkDigit,
  checkGrant,
  checkPayment,
  checkScores,
  luhnValid,
  meanScore,
  parseOrgNumber,
  rankApplications,
  requestedOf,
  stockholmDate,
  weightedScore,
  type ApplicationFields,
} from './rules.ts';

const actor = (role: Actor['role'], municipalityCode: string | null): Actor => ({
  userId: role,
  username: role,
  role,
  municipalityCode,
  unitIds: [],
});

describe('organisation number', () => {
  it('accepts numbers whose last digit is the Luhn check digit, in any usual spelling', () => {
    assert.deepEqual(parseOrgNumber('212000-2742'), { value: '212000-2742' });
    assert.deepEqual(parseOrgNumber('5560360793'), { value: '556036-0793' });
    assert.deepEqual(parseOrgNumber(' 16802400-1235 '), { value: '802400-1235' });
    assert.equal(luhnValid('8024001235'), true);
  });

  it('refuses a wrong check digit and a wrong length with a Swedish message naming the field', () => {
    const wrong = parseOrgNumber('802400-1234');
    assert.ok('problem' in wrong && /kontrollsiffran/.test(wrong.problem) && /Organisationsnumret/.test(wrong.problem));
    const short = parseOrgNumber('80240-1235');
    assert.ok('problem' in short && /tio siffror/.test(short.problem));
    assert.ok('problem' in parseOrgNumber('80240A-1235'));
  });

  it('computes the check digit that makes nine digits valid', () => {
    assert.equal(checkDigit('802400123'), '5');
    for (const nine of ['212000274', '802511111', '556036079']) assert.equal(luhnValid(nine + checkDigit(nine)), true);
  });
});

describe('calls', () => {
  const call = { status: 'open' as const, opensOn: '2016-03-01', deadline: '2016-04-30' };

  it('is open from its opening day through its deadline, in Stockholm time', () => {
    assert.equal(callPhase(call, '2016-02-29'), 'upcoming');
    assert.equal(callPhase(call, '2016-03-01'), 'open');
    assert.equal(callPhase(call, '2016-04-30'), 'open');
    assert.equal(callPhase(call, '2016-05-01'), 'closed');
    assert.equal(callPhase({ ...call, status: 'closed' }, '2016-03-15'), 'closed');
    assert.equal(callPhase({ ...call, status: 'draft' }, '2016-03-15'), 'draft');
    assert.equal(callPhase({ ...call, status: 'decided' }, '2016-03-15'), 'decided');
    // 23:30 UTC on 30 April is already 1 May in Stockholm (summer time): the call has closed.
    assert.equal(stockholmDate(new Date('2016-04-30T21:59:00Z')), '2016-04-30');
    assert.equal(stockholmDate(new Date('2016-04-30T22:30:00Z')), '2016-05-01');
    assert.equal(stockholmDate(new Date('2016-12-31T22:59:00Z')), '2016-12-31');
  });

  it('lets only eligible kinds apply while it is open', () => {
    const eligible = { ...call, eligibleKinds: ['association' as const] };
    assert.equal(applyProblem(eligible, 'association', '2016-03-10'), null);
    assert.match(applyProblem(eligible, 'company', '2016-03-10') ?? '', /typ av organisation/);
    assert.match(applyProblem(eligible, 'association', '2016-05-02') ?? '', /stängd/);
    assert.match(applyProblem(eligible, 'association', '2016-01-02') ?? '', /öppnar 2016-03-01/);
  });

  it('checks a call: dates in order, someone eligible, named criteria with weights 1–10', () => {
    const good = {
      title: 'Integrationsfonden 2016',
      year: 2016,
      budgetSek: 300000,
      opensOn: '2016-03-01',
      deadline: '2016-04-30',
      periodFrom: '2016-06-01',
      periodTo: '2016-12-31',
      eligibleKinds: ['association' as const],
      criteria: [{ key: 'goal', name: 'Bidrar till planens mål', description: '', weight: 2 }],
      priorityRule: 'none' as const,
    };
    assert.deepEqual(checkCall(good), []);
    const bad = checkCall({
      ...good,
      deadline: '2016-02-01',
      budgetSek: -1,
      eligibleKinds: [],
      criteria: [{ key: 'goal', name: '', description: '', weight: 0 }],
    });
    assert.deepEqual(bad.map((p) => p.path).sort(), [
      '/budgetSek',
      '/criteria/0/name',
      '/criteria/0/weight',
      '/deadline',
      '/eligibleKinds',
    ]);
  });

  it('moves a call draft → open ⇄ closed → decided, never back from decided', () => {
    assert.equal(callStatusProblem('draft', 'open'), null);
    assert.equal(callStatusProblem('open', 'closed'), null);
    assert.equal(callStatusProblem('closed', 'open'), null);
    assert.equal(callStatusProblem('closed', 'decided'), null);
    assert.match(callStatusProblem('decided', 'open') ?? '', /beslutad/);
    assert.match(callStatusProblem('draft', 'decided') ?? '', /utkast/);
  });
});

describe('applications', () => {
  const app: ApplicationFields = {
    title: 'Språkcafé',
    purpose: 'Öva svenska',
    targetGroup: 'Nyanlända vuxna',
    startDate: '2016-06-01',
    endDate: '2016-11-30',
    activities: [{ description: 'Träff', date: '2016-06-08' }],
    budgetLines: [
      { description: 'Lokal', amountSek: 12000 },
      { description: 'Fika', amountSek: 8000 },
    ],
    coFinancing: [{ source: 'Studieförbundet', amountSek: 5000 }],
  };

  it('asks the fund for the costs less the co-financing', () => {
    assert.equal(requestedOf(app), 15000);
    assert.equal(requestedOf({ budgetLines: [{ description: 'x', amountSek: 10 }], coFinancing: [{ source: 'y', amountSek: 20 }] }), 0);
  });

  it('saves an incomplete draft but submits only a complete application within the call period', () => {
    const draft = { ...app, purpose: '', activities: [], startDate: null };
    assert.deepEqual(checkApplication(draft, { complete: false }), []);
    assert.deepEqual(
      checkApplication(draft, { complete: true })
        .map((p) => p.path)
        .sort(),
      ['/activities', '/purpose', '/startDate'],
    );
    const period = { from: '2016-06-01', to: '2016-12-31' };
    assert.deepEqual(checkApplication(app, { complete: true, period }), []);
    assert.match(checkApplication({ ...app, endDate: '2017-02-01' }, { complete: true, period })[0]?.message ?? '', /period/);
    const lines = checkApplication({ ...app, budgetLines: [{ description: '', amountSek: 1.5 }] }, { complete: false });
    assert.deepEqual(
      lines.map((p) => p.path),
      ['/budgetLines/0/description', '/budgetLines/0/amountSek'],
    );
  });

  it('moves status only along draft → submitted → granted/rejected → completed, or withdrawn before a decision', () => {
    assert.deepEqual(applicationTransition('draft', 'submit'), { to: 'submitted' });
    assert.deepEqual(applicationTransition('submitted', 'grant'), { to: 'granted' });
    assert.deepEqual(applicationTransition('submitted', 'reject'), { to: 'rejected' });
    assert.deepEqual(applicationTransition('granted', 'report'), { to: 'completed' });
    assert.deepEqual(applicationTransition('submitted', 'withdraw'), { to: 'withdrawn' });
    for (const [status, event] of [
      ['submitted', 'edit'],
      ['submitted', 'submit'],
      ['draft', 'grant'],
      ['granted', 'withdraw'],
      ['rejected', 'report'],
      ['completed', 'report'],
      ['withdrawn', 'submit'],
    ] as const)
      assert.ok('problem' in applicationTransition(status, event), `${status} + ${event}`);
  });
});

describe('assessment and ranking', () => {
  const criteria: FundCriterionJson[] = [
    { key: 'goal', name: 'Mål', description: '', weight: 2 },
    { key: 'reach', name: 'Räckvidd', description: '', weight: 1 },
  ];

  it('weights each assessor’s scores and averages the assessors', () => {
    assert.equal(weightedScore(criteria, { goal: 5, reach: 2 }), 4);
    assert.equal(weightedScore(criteria, {}), null);
    assert.equal(
      meanScore(criteria, [
        { goal: 5, reach: 2 },
        { goal: 3, reach: 3 },
      ]),
      3.5,
    );
    assert.equal(meanScore(criteria, []), null);
    assert.deepEqual(
      checkScores(criteria, { goal: 6, other: 1 }).map((p) => p.path),
      ['/scores/goal', '/scores/reach', '/scores/other'],
    );
  });

  const input = (id: string, kind: 'association' | 'municipal_unit', score: number | null, requestedSek: number, submittedAt: string) => ({
    id,
    kind,
    requestedSek,
    submittedAt,
    assessments: score === null ? [] : [{ goal: score, reach: score }],
  });

  it('ranks by score, ties by earlier submission, and proposes grants down the list while money is left', () => {
    const ranked = rankApplications(
      [
        input('a', 'association', 3, 40000, '2016-03-05'),
        input('b', 'association', 5, 50000, '2016-03-10'),
        input('c', 'association', 3, 20000, '2016-03-02'),
        input('d', 'association', null, 10000, '2016-03-01'),
        input('e', 'association', 4, 60000, '2016-03-03'),
      ],
      criteria,
      'none',
      100000,
    );
    assert.deepEqual(
      ranked.map((r) => [r.id, r.rank, r.withinBudget, r.leftAfterSek]),
      [
        ['b', 1, true, 50000],
        ['e', 2, false, 50000],
        ['c', 3, true, 30000],
        ['a', 4, false, 30000],
        ['d', 5, true, 20000],
      ],
    );
  });

  it('puts municipal units first when the call says so (Kalix), whatever their score', () => {
    const apps = [input('assoc', 'association', 5, 30000, '2016-03-01'), input('unit', 'municipal_unit', 2, 30000, '2016-03-02')];
    assert.deepEqual(
      rankApplications(apps, criteria, 'municipal_units_first', 40000).map((r) => [r.id, r.prioritised, r.withinBudget]),
      [
        ['unit', true, true],
        ['assoc', false, false],
      ],
    );
    assert.deepEqual(
      rankApplications(apps, criteria, 'none', 40000).map((r) => r.id),
      ['assoc', 'unit'],
    );
  });
});

describe('money', () => {
  it('never grants more than is left without an explicit reason', () => {
    const balance = balanceOf(100000, [{ grantedSek: 70000, override: false }]);
    assert.deepEqual(balance, { budgetSek: 100000, grantedSek: 70000, overrideSek: 0, leftSek: 30000 });
    assert.deepEqual(checkGrant(balance, 30000, null), { override: false });
    const refused = checkGrant(balance, 30001, null);
    assert.ok('problem' in refused);
    assert.equal(refused.problem.path, '/grantedSek');
    assert.match(refused.problem.message, /30 000 kr/);
    assert.ok('problem' in checkGrant(balance, 40000, '   '));
    assert.deepEqual(checkGrant(balance, 40000, 'KS beslutade att utöka ramen, § 12'), { override: true });
    assert.ok('problem' in checkGrant(balance, 10.5, null));
    assert.equal(balanceOf(100000, [{ grantedSek: 110000, override: true }]).overrideSek, 10000);
  });

  it('keeps payments within the granted amount', () => {
    assert.equal(checkPayment(50000, 20000, 30000), null);
    assert.match(checkPayment(50000, 20000, 30001)?.message ?? '', /mer än beviljade 50 000 kr/);
    assert.equal(checkPayment(50000, 0, 0)?.path, '/amountSek');
  });

  it('adds the calls of a year together for the balance per year', () => {
    assert.deepEqual(
      balancePerYear(
        [
          { year: 2017, budgetSek: 100000 },
          { year: 2016, budgetSek: 200000 },
          { year: 2016, budgetSek: 50000 },
        ],
        [{ year: 2016, grantedSek: 120000, override: false }],
      ),
      [
        { year: 2016, budgetSek: 250000, grantedSek: 120000, overrideSek: 0, leftSek: 130000 },
        { year: 2017, budgetSek: 100000, grantedSek: 0, overrideSek: 0, leftSek: 100000 },
      ],
    );
  });
});

describe('fund policies', () => {
  it('lets coordinators manage, staff read applications, and an applicant act for its own organisation only', () => {
    const coordinator = actor('coordinator', '2514');
    const reader = actor('reader', '2514');
    const reporter = actor('reporter', '2514');
    const applicant = actor('applicant', '2514');
    assert.equal(canManageFund(coordinator, '2514'), true);
    assert.equal(canManageFund(actor('admin', null), '2514'), true);
    for (const c of [reader, reporter, applicant, actor('coordinator', '1860'), null]) assert.equal(canManageFund(c, '2514'), false);
    assert.equal(canReadApplications(reader, '2514'), true);
    assert.equal(canReadApplications(reporter, '2514'), true);
    assert.equal(canReadApplications(applicant, '2514'), false);
    assert.equal(canReadApplications(null, '2514'), false);
    assert.equal(actsForOrganisation(applicant, 'org-1', 'org-1'), true);
    assert.equal(actsForOrganisation(applicant, 'org-1', 'org-2'), false);
    assert.equal(actsForOrganisation(coordinator, 'org-1', 'org-1'), false);
  });
});
