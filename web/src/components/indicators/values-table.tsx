import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { formatValue, periodTime, usePeriodText, type IndicatorDetail, type ValueView } from './shared.tsx';

/**
 * The numbers of the chart as a table: one row per period, the municipality's value and each comparison's,
 * where the value came from and when and by whom it was recorded. A corrected value shows what it replaced.
 */
export function ValuesTable({ detail, id }: { detail: IndicatorDetail; id: string }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  const own = new Map(detail.values.map((v) => [v.period, v]));
  const others = detail.comparison.map((c) => ({ ...c, byPeriod: new Map(c.values.map((v) => [v.period, v.value])) }));
  const periods = [
    ...new Set([...detail.values.map((v) => v.period), ...detail.comparison.flatMap((c) => c.values.map((v) => v.period))]),
  ].sort((a, b) => periodTime(a) - periodTime(b) || a.localeCompare(b));
  const fmt = (v: number | null | undefined) => formatValue(v, detail.unit, detail.decimals);
  if (periods.length === 0) return <p id={id}>{t('indicators.detail.noValues')}</p>;
  return (
    <div className="table-scroll ind-values" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="table compact" id={id}>
        <caption id={`${id}-caption`}>{t('indicators.detail.tableCaption', { title: detail.title, unit: detail.unit })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicators.detail.period')}</th>
            <th scope="col">{detail.municipality.name}</th>
            {others.map((c) => (
              <th scope="col" key={c.code}>
                {c.name}
              </th>
            ))}
            <th scope="col">{t('indicators.detail.source')}</th>
            <th scope="col">{t('indicators.detail.recorded')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => {
            const v = own.get(period);
            return (
              <tr key={period}>
                <th scope="row">{periodText(period)}</th>
                <td className="num">
                  <OwnValue value={v} format={fmt} />
                </td>
                {others.map((c) => (
                  <td className="num" key={c.code}>
                    {fmt(c.byPeriod.get(period))}
                  </td>
                ))}
                <td>{v ? (v.sourceNote ?? t(`indicators.valueSource.${v.source}`)) : '–'}</td>
                <td>{v ? <Recorded value={v} /> : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function OwnValue({ value, format }: { value: ValueView | undefined; format: (v: number | null) => string }) {
  const { t } = useTranslation();
  if (!value) return <>–</>;
  if (value.suppressed) return <span className="muted">{t('indicators.detail.suppressed')}</span>;
  return (
    <>
      {format(value.value)}
      {value.history.length > 0 && (
        <details className="ind-history">
          <summary>{t('indicators.detail.history')}</summary>
          <ul>
            {value.history.map((h, i) => (
              <li key={i}>
                {t('indicators.detail.historyRow', {
                  value: format(h.value),
                  by: h.recordedBy,
                  at: formatDateTime(h.recordedAt),
                  replaced: formatDateTime(h.supersededAt),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function Recorded({ value }: { value: ValueView }) {
  const { t } = useTranslation();
  if (value.source === 'cohort') return <>{t('indicators.detail.computedCohorts')}</>;
  return (
    <>
      {formatDateTime(value.recordedAt)}
      {value.recordedBy !== 'system' ? `, ${value.recordedBy}` : `, ${t('indicators.detail.system')}`}
      {value.fetchedAt && <span className="muted"> ({t('indicators.detail.fetched', { at: formatDateTime(value.fetchedAt) })})</span>}
    </>
  );
}
