import type { FieldProblem } from '../../kernel/errors.ts';
import { canEditPlan, type Caller } from '../accounts/policies.ts';

/**
 * Internships as plain rules: who may register what, what an offer and a placement must hold, and the yearly
 * count against a target such as Österåker's "12–15 praktikplatser per år". A placement is counted, never named.
 */

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const validDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** Coordinators and administrators edit every offer; a reporter registers offers and placements for her own units. */
export function canEditOffer(caller: Caller, offer: { municipalityCode: string; unitId: string | null }): boolean {
  if (canEditPlan(caller, offer.municipalityCode)) return true;
  if (caller === null || caller.role !== 'reporter' || caller.municipalityCode !== offer.municipalityCode) return false;
  return offer.unitId !== null && caller.unitIds.includes(offer.unitId);
}

/** The offers themselves (with the supervisor's name) are for the municipality's coordinators and reporters. */
export function canReadOffers(caller: Caller, municipalityCode: string): boolean {
  if (caller === null) return false;
  if (caller.role === 'admin') return true;
  return caller.municipalityCode === municipalityCode && (caller.role === 'coordinator' || caller.role === 'reporter');
}

export interface OfferFields {
  unitId: string | null;
  employer: string | null;
  tasks: string;
  periodFrom: string;
  periodTo: string | null;
  places: number;
}

/** A period's dates are real dates and the end is not before the start. */
export function checkPeriod(from: string, to: string | null, paths: [string, string]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!validDate(from)) problems.push({ path: paths[0], message: `"${from}" är inget datum (ÅÅÅÅ-MM-DD).` });
  if (to !== null && !validDate(to)) problems.push({ path: paths[1], message: `"${to}" är inget datum (ÅÅÅÅ-MM-DD).` });
  if (problems.length === 0 && to !== null && to < from) problems.push({ path: paths[1], message: 'Slutdatum ligger före startdatum.' });
  return problems;
}

export function checkOffer(offer: OfferFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const hasUnit = offer.unitId !== null;
  const hasEmployer = (offer.employer ?? '').trim() !== '';
  if (hasUnit === hasEmployer)
    problems.push({ path: '/unitId', message: 'Ange antingen kommunens enhet eller en extern arbetsgivare (inte båda).' });
  if (offer.tasks.trim() === '') problems.push({ path: '/tasks', message: 'Beskriv arbetsuppgifterna.' });
  if (!Number.isInteger(offer.places) || offer.places < 1) problems.push({ path: '/places', message: 'Antal platser är minst 1.' });
  problems.push(...checkPeriod(offer.periodFrom, offer.periodTo, ['/periodFrom', '/periodTo']));
  return problems;
}

export function checkPlacement(
  placement: { startDate: string; endDate: string | null },
  offer: { periodFrom: string; periodTo: string | null },
): FieldProblem[] {
  const problems = checkPeriod(placement.startDate, placement.endDate, ['/startDate', '/endDate']);
  if (problems.length > 0) return problems;
  if (placement.startDate < offer.periodFrom || (offer.periodTo !== null && placement.startDate > offer.periodTo))
    problems.push({ path: '/startDate', message: 'Placeringen börjar utanför erbjudandets period.' });
  return problems;
}

/** Placements per year, counted in the year each started; every year from the first to the last is present. */
export function placementsPerYear(placements: { startDate: string }[]): { year: number; count: number }[] {
  if (placements.length === 0) return [];
  const counts = new Map<number, number>();
  for (const p of placements) {
    const year = Number(p.startDate.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  const years = [...counts.keys()];
  const out: { year: number; count: number }[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push({ year: y, count: counts.get(y) ?? 0 });
  return out;
}

export type TargetStatus = 'below' | 'within' | 'above';

/** A count against a range (12–15) or a single value (min = max): below, within or above. */
export function targetStatus(count: number, target: { min: number; max: number }): TargetStatus {
  if (count < target.min) return 'below';
  if (count > target.max) return 'above';
  return 'within';
}
