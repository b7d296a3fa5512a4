import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../client.ts';
import { IndicatorLineChart, type ChartBaseline, type ChartSeries, type ChartTarget } from '../../components/indicators/line-chart.tsx';
import { LinkList, NewLinkForm, useTargetText } from '../../components/indicators/links.tsx';
import {
  creditsOf,
  formatValue,
  periodTime,
  usePeriodText,
  useSourceKindWord,
  type IndicatorDetail,
} from '../../components/indicators/shared.tsx';
import { ImportForm, SyncButton, ValueForm } from '../../components/indicators/value-forms.tsx';
import { ValuesTable } from '../../components/indicators/values-table.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import '../../styles/indicators.css';

/** Open SDG's documentation of the progress status method (Statistics Canada's). */
const METHOD_URL = 'https://open-sdg.readthedocs.io/en/latest/progress-status/';

/** One indicator: what it measures, its values over time as a chart and a table, the plan items it follows. */
export function IndicatorScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const periodText = usePeriodText();
  const sourceWord = useSourceKindWord();
  const detail = useLoad(() => api<IndicatorDetail>('GET', `/api/indicators/${id}`), [id, user?.id]);
  const [linking, setLinking] = useState(false);
  const [notice, setNotice] = useState<string>();
  useTitle(detail.data?.title);
  const data = detail.data;
  const targetText = useTargetText(data?.unit ?? '', data?.decimals ?? 1);

  const chart = useMemo(() => {
    if (!data) return null;
    const series: ChartSeries[] = [
      { key: data.municipality.code, name: data.municipality.name, points: data.values.map((v) => ({ period: v.period, value: v.value })) },
      ...data.comparison.map((c) => ({ key: c.code, name: c.name, points: c.values })),
    ].map((s) => ({ ...s, points: [...s.points].sort((a, b) => periodTime(a.period) - periodTime(b.period)) }));
    const baselines: ChartBaseline[] = [];
    const targets: ChartTarget[] = [];
    const seen = new Set<string>();
    for (const link of data.links) {
      if (link.baseline && !seen.has(`b${link.baseline.period}${link.baseline.value}`)) {
        seen.add(`b${link.baseline.period}${link.baseline.value}`);
        baselines.push({ key: link.id, label: link.item.reference, period: link.baseline.period, value: link.baseline.value });
      }
      const { value, min, max, period } = link.target;
      if ((value ?? min ?? max) !== null && !seen.has(`t${value}${min}${max}${period}`)) {
        seen.add(`t${value}${min}${max}${period}`);
        targets.push({
          key: link.id,
          label: t('indicators.chart.target', { ref: link.item.reference, target: targetText(link.target) }),
          value,
          min,
          max,
          period,
        });
      }
    }
    return { series, baselines, targets };
  }, [data, t, targetText]);

  if (detail.error) return <LoadError error={detail.error} />;
  if (!data || !chart) return <Loading />;
  const reload = async () => {
    await detail.reload();
  };
  const credits = creditsOf(data.values.map((v) => v.sourceNote));
  const known = data.values.filter((v) => v.value !== null);
  const summary = known.length
    ? t('indicators.chart.summary', {
        name: data.municipality.name,
        count: known.length,
        first: periodText(known[0]?.period),
        last: periodText(known.at(-1)?.period),
        latest: formatValue(known.at(-1)?.value, data.unit, data.decimals),
      })
    : t('indicators.detail.noValues');
  const tableId = 'ind-values-table';

  return (
    <section className="page ind-page">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${data.municipality.code}`}>{data.municipality.name}</Link>{' '}
        / <Link to={`/kommuner/${data.municipality.code}/indikatorer`}>{t('indicators.list.crumb')}</Link> / {data.title}
      </p>
      <h1>{data.title}</h1>
      {data.definition && <p className="lead">{data.definition}</p>}
      <dl className="meta ind-meta">
        <div>
          <dt>{t('indicators.unit')}</dt>
          <dd>{data.unit}</dd>
        </div>
        <div>
          <dt>{t('indicators.direction')}</dt>
          <dd>{t(`indicators.directions.${data.direction}`)}</dd>
        </div>
        <div>
          <dt>{t('indicators.source')}</dt>
          <dd>
            {sourceWord(data.sourceKind)}
            {data.sourceRef && <span className="muted"> ({data.sourceRef})</span>}
          </dd>
        </div>
        <div>
          <dt>{t('indicators.list.latest')}</dt>
          <dd>
            {data.latest
              ? t('indicators.list.latestValue', {
                  value: formatValue(data.latest.value, data.unit, data.decimals),
                  period: periodText(data.latest.period),
                })
              : t('indicators.list.noValue')}
          </dd>
        </div>
      </dl>
      {credits.length > 0 && <p className="ind-credit">{credits.map((c) => t('indicators.detail.credit', { source: c })).join(' · ')}</p>}

      <h2>{t('indicators.detail.overTime')}</h2>
      <div className="ind-chart-pair">
        <IndicatorLineChart
          title={t('indicators.chart.title', { title: data.title, unit: data.unit })}
          summary={summary}
          series={chart.series}
          baselines={chart.baselines}
          targets={chart.targets}
          tableId={tableId}
          formatNumber={(v) => formatValue(v, '', data.decimals)}
          formatPeriod={periodText}
          legendLabel={t('indicators.chart.legend')}
          baselineWord={t('indicators.link.baseline')}
          noValues={t('indicators.detail.noValues')}
        />
        <ValuesTable detail={data} id={tableId} />
      </div>

      <h2>{t('indicators.detail.links')}</h2>
      <p className="ind-method">
        {t('indicators.detail.method')}{' '}
        <a href={METHOD_URL} hrefLang="en">
          {t('indicators.detail.methodLink')}
        </a>
      </p>
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      <LinkList
        detail={data}
        onChanged={async () => {
          await reload();
          setNotice(t('indicators.link.changed'));
        }}
      />
      {data.canEdit &&
        (linking ? (
          <NewLinkForm
            detail={data}
            onCancel={() => setLinking(false)}
            onSaved={async () => {
              await reload();
              setLinking(false);
              setNotice(t('indicators.link.created'));
            }}
          />
        ) : (
          <button type="button" className="button secondary" onClick={() => setLinking(true)}>
            {t('indicators.link.newTitle')}
          </button>
        ))}

      {data.canEdit && (
        <>
          <h2>{t('indicators.detail.update')}</h2>
          {data.sourceKind === 'computed' ? (
            <p>
              {data.sourceRef?.startsWith('cohort:') ? (
                <>
                  {t('indicators.detail.computedCohorts')}.{' '}
                  <Link to={`/kommuner/${data.municipality.code}/kohorter`}>{t('indicators.list.cohortsLink')}</Link>
                </>
              ) : (
                t('indicators.detail.computedFollowUp')
              )}
            </p>
          ) : (
            <div className="ind-forms">
              {(data.sourceKind === 'kolada' || data.sourceKind === 'scb') && <SyncButton detail={data} onSaved={reload} />}
              <ValueForm detail={data} onSaved={reload} />
              <ImportForm detail={data} onSaved={reload} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
