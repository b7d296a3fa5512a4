import assert from 'node:assert/strict';
import { it } from 'node:test';
import { activityRows, cell, planColumns, toCsv, type Column } from './csv.ts';
import type { OpenActivity, PlanRow } from './service.ts';

it('writes RFC 4180 with a byte order mark, CRLF and the JSON names as headers', () => {
  const columns: Column<{ a: string; b: number | null }>[] = [
    { header: 'a', value: (r) => r.a },
    { header: 'b', value: (r) => r.b },
  ];
  const text = toCsv(columns, [
    { a: 'Laxå, Örebro län', b: 1.5 },
    { a: 'säger "hej"\nrad två', b: null },
  ]);
  assert.equal(text, '\uFEFFa,b\r\n"Laxå, Örebro län",1.5\r\n"säger ""hej""\nrad två",\r\n');
});

it('neutralises text a spreadsheet would run as a formula, but not numbers', () => {
  assert.equal(cell('=HYPERLINK("http://x","klicka")'), `"'=HYPERLINK(""http://x"",""klicka"")"`);
  assert.equal(cell('+46 70'), "'+46 70");
  assert.equal(cell('-1+1'), "'-1+1");
  assert.equal(cell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(cell(-3), '-3');
  assert.equal(cell(true), 'true');
  assert.equal(cell(null), '');
  assert.equal(cell(Number.NaN), '');
});

it('joins a plan row’s units with semicolons and keeps every column', () => {
  const row: PlanRow = {
    id: 'i1',
    parentId: null,
    depth: 1,
    number: '1.2',
    level: 'Delmål',
    kind: 'goal',
    text: 'Fler i arbete',
    responsibleUnits: ['Arbetsmarknadsenheten', 'Vuxenutbildningen'],
    contributingUnits: [],
    deadline: '2026',
    recurrence: null,
    status: 'in_progress',
    statusCycle: 'Uppföljning 2025',
  };
  const [header, line] = toCsv(planColumns, [row]).slice(1).split('\r\n');
  assert.equal(
    header,
    'id,parent_id,depth,number,level,kind,text,responsible_units,contributing_units,deadline,recurrence,status,status_cycle',
  );
  assert.equal(line, 'i1,,1,1.2,Delmål,goal,Fler i arbete,Arbetsmarknadsenheten;Vuxenutbildningen,,2026,,in_progress,Uppföljning 2025');
});

it('writes one activity row per occurrence', () => {
  const activity = { id: 'a', occurrences: [{ date: '2026-01-01' }, { date: '2026-01-08' }] } as unknown as OpenActivity;
  assert.deepEqual(
    activityRows([activity, { ...activity, id: 'b', occurrences: [] }]).map((r) => `${r.activity.id} ${r.occurrence.date}`),
    ['a 2026-01-01', 'a 2026-01-08'],
  );
});
