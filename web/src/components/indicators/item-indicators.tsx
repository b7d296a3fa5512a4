import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatValue, StatusBadge, usePeriodText, type PlanIndicator } from './shared.tsx';

/**
 * The indicators that follow one plan item, shown under it: title (linking to the indicator), latest value
 * with its period and unit, and the status. The plan loads them once (GET /api/plans/:id/indicators).
 */
export function ItemIndicators({ indicators }: { indicators: PlanIndicator[] | undefined }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  if (!indicators || indicators.length === 0) return null;
  return (
    <ul className="ind-inline" aria-label={t('indicators.inline.label')}>
      {indicators.map((i) => (
        <li key={i.linkId}>
          <Link to={`/indikatorer/${i.indicatorId}`}>{i.title}</Link>
          <span className="ind-inline-value">
            {i.latest
              ? t('indicators.list.latestValue', {
                  value: formatValue(i.latest.value, i.unit, i.decimals),
                  period: periodText(i.latest.period),
                })
              : t('indicators.list.noValue')}
          </span>
          <StatusBadge status={i.status} progress={i.reason ? { status: null, reason: i.reason } : null} />
        </li>
      ))}
    </ul>
  );
}

/** The plan's indicators by item id. */
export function byItem(list: PlanIndicator[] | undefined): Map<string, PlanIndicator[]> {
  const map = new Map<string, PlanIndicator[]>();
  for (const i of list ?? []) map.set(i.itemId, [...(map.get(i.itemId) ?? []), i]);
  return map;
}
