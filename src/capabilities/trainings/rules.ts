import type { FieldProblem } from '../../kernel/errors.ts';
import type { TrainingAudience, TrainingKind } from '../../db/schema.ts';
import { ISO_DATE } from '../internships/rules.ts';

/**
 * Trainings and events as plain rules: what a training must hold, which units have a trained supervisor as of a
 * date (Laxå: every unit by 2016), and how much of a coverage target ("alla chefer", "alla enheter") is reached.
 */
export const trainingKinds: TrainingKind[] = [
  'supervisor_training',
  'leadership_training',
  'workshop',
  'theme_day',
  'citizenship_ceremony',
  'other',
];
export const audiences: TrainingAudience[] = ['managers', 'supervisors', 'staff', 'pupils', 'public'];

export interface TrainingFacts {
  kind: TrainingKind;
  date: string;
  participants: number | null;
  /** The units reached, with how many of each unit's supervisors were trained. */
  units: { unitId: string; trained: number }[];
}

export function checkTraining(t: {
  title: string;
  date: string;
  participants: number | null;
  units: { trained: number }[];
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (t.title.trim() === '') problems.push({ path: '/title', message: 'Ge utbildningen eller evenemanget en rubrik.' });
  if (!ISO_DATE.test(t.date) || Number.isNaN(Date.parse(`${t.date}T00:00:00Z`)))
    problems.push({ path: '/date', message: `"${t.date}" är inget datum (ÅÅÅÅ-MM-DD).` });
  if (t.participants !== null && (!Number.isInteger(t.participants) || t.participants < 0))
    problems.push({ path: '/participants', message: 'Antal deltagare är ett heltal, noll eller fler.' });
  for (const [i, u] of t.units.entries())
    if (!Number.isInteger(u.trained) || u.trained < 0)
      problems.push({ path: `/units/${i}/trained`, message: 'Antal utbildade handledare är ett heltal, noll eller fler.' });
  return problems;
}

export interface SupervisorStatus {
  unitId: string;
  /** Supervisors trained in the unit up to the date. */
  trained: number;
  lastTraining: string | null;
  hasTrained: boolean;
}

/** Per unit: the supervisors trained by supervisor trainings held on or before `asOf`. */
export function supervisorStatus(unitIds: string[], trainings: TrainingFacts[], asOf: string): SupervisorStatus[] {
  return unitIds.map((unitId) => {
    let trained = 0;
    let last: string | null = null;
    for (const t of trainings) {
      if (t.kind !== 'supervisor_training' || t.date > asOf) continue;
      const reached = t.units.find((u) => u.unitId === unitId);
      if (!reached || reached.trained === 0) continue;
      trained += reached.trained;
      if (last === null || t.date > last) last = t.date;
    }
    return { unitId, trained, lastTraining: last, hasTrained: trained > 0 };
  });
}

/** The units that lack a trained supervisor as of the date. */
export function unitsLackingSupervisor(unitIds: string[], trainings: TrainingFacts[], asOf: string): string[] {
  return supervisorStatus(unitIds, trainings, asOf)
    .filter((s) => !s.hasTrained)
    .map((s) => s.unitId);
}

export interface CoverageTargetFacts {
  kind: TrainingKind;
  measure: 'units' | 'people';
  /** people: how many there are to reach (the managers); units: the municipality's units unless given. */
  denominator: number | null;
  byDate: string | null;
}

export interface Coverage {
  reached: number;
  of: number;
  /** Percent, one decimal, capped at 100; null when there is nothing to reach. */
  share: number | null;
  met: boolean;
}

/**
 * How much of a target is reached as of a date: units — the distinct units any training of the kind reached;
 * people — the participants of trainings of the kind, summed, out of the denominator.
 */
export function coverage(target: CoverageTargetFacts, unitIds: string[], trainings: TrainingFacts[], asOf: string): Coverage {
  const relevant = trainings.filter((t) => t.kind === target.kind && t.date <= asOf);
  let reached: number;
  let of: number;
  if (target.measure === 'units') {
    const known = new Set(unitIds);
    const hit = new Set(relevant.flatMap((t) => t.units.filter((u) => u.trained > 0 && known.has(u.unitId)).map((u) => u.unitId)));
    reached = hit.size;
    of = target.denominator ?? unitIds.length;
  } else {
    reached = relevant.reduce((sum, t) => sum + (t.participants ?? 0), 0);
    of = target.denominator ?? 0;
  }
  const share = of === 0 ? null : Math.min(100, Math.round((reached / of) * 1000) / 10);
  return { reached, of, share, met: of > 0 && reached >= of };
}

export function checkCoverageTarget(t: {
  title: string;
  measure: 'units' | 'people';
  denominator: number | null;
  byDate: string | null;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (t.title.trim() === '') problems.push({ path: '/title', message: 'Ge målet en rubrik, till exempel "Alla chefer".' });
  if (t.measure === 'people' && (t.denominator === null || t.denominator < 1))
    problems.push({ path: '/denominator', message: 'Ange hur många som ska nås (till exempel antalet chefer).' });
  if (t.byDate !== null && !ISO_DATE.test(t.byDate))
    problems.push({ path: '/byDate', message: `"${t.byDate}" är inget datum (ÅÅÅÅ-MM-DD).` });
  return problems;
}
