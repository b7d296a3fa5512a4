import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../client.ts';
import { useLoad } from '../../use-load.ts';
import type { YearCount } from './shared.tsx';

/** The catalogue's published activities per item and year of a plan, loaded once (GET /api/plans/:id/activities). */
export function usePlanActivityCounts(planId: string, userId: string | undefined): Map<string, YearCount[]> {
  const counts = useLoad(() => api<{ itemId: string; years: YearCount[] }[]>('GET', `/api/plans/${planId}/activities`), [planId, userId]);
  return useMemo(() => new Map((counts.data ?? []).map((c) => [c.itemId, c.years])), [counts.data]);
}

/** Under a plan item: how many linked activities from the catalogue were held each year ("2 aktiviteter årligen"). */
export function ItemActivityCount({ years }: { years: YearCount[] | undefined }) {
  const { t } = useTranslation();
  if (!years || years.length === 0) return null;
  return (
    <p className="small">
      <strong>{t('catalogue.item.label')}:</strong>{' '}
      {years.map((y) => t('catalogue.item.year', { year: y.year, count: y.activities })).join(' · ')}
    </p>
  );
}
