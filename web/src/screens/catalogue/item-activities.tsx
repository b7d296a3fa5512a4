import { useMemo } from 'react';
import { api } from '../../client.ts';
import { useLoad } from '../../use-load.ts';
import type { YearCount } from './shared.tsx';

/** The catalogue's published activities per item and year of a plan, loaded once (GET /api/plans/:id/activities). */
export function usePlanActivityCounts(planId: string, userId: string | undefined): Map<string, YearCount[]> {
  const counts = useLoad(() => api<{ itemId: string; years: YearCount[] }[]>('GET', `/api/plans/${planId}/activities`), [planId, userId]);
  return useMemo(() => new Map((counts.data ?? []).map((c) => [c.itemId, c.years])), [counts.data]);
}
