import type { ReactNode } from 'react';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import { invalid, notFound } from '../../../kernel/errors.ts';
import { getIndicator, listIndicators, type IndicatorDetail, type LinkView, type ValueView } from '../../indicators/service.ts';
import { periodTime } from '../../indicators/progress.ts';
import { isProvisional, lineChart, palette, periodYear, sparkline, type ChartSeries, type ChartTarget } from '../charts.ts';
import { Local, NotTranslated, Section } from '../components.tsx';
import { formatNumber, type Lang } from '../languages.ts';
import { href, Page } from '../layout.tsx';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { indicatorMessages } from '../messages/indicators.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import { municipalityOf } from './home.tsx';

/**
 * The public indicator pages: a municipality's indicators by the plan item they measure, and one indicator as a
 * chart with every value in a table beside it. They read the indicators as a caller without an account does
 * (`caller = null`), so cohort counts under five stay suppressed and links to draft plans stay hidden.
 */
type Messages = ReturnType<typeof indicatorMessages>;

const NATIONAL = '0000';
/** The comparison "the nation" is `riket` in the address, the way people say it; a municipality is its code. */
const compareSlug = (code: string) => (code === NATIONAL ? 'riket' : code);

const sv = (text: string) => ({ text, lang: 'sv' as const });

/**
 * Time runs left to right in a chart also on an Arabic or Dari page, as in their printed statistics; React's SVG
 * types lack `dir`, so it is spread in.
 */
const leftToRight: Record<string, string> = { dir: 'ltr' };

/** A message with one slot filled by markup (a number with its Swedish unit, say), the others by text. */
function fillWith(template: string, name: string, node: ReactNode, values: Record<string, string> = {}): ReactNode {
  const [before = '', after = ''] = template.split(`{${name}}`);
  return (
    <>
      {fill(before, values)}
      {node}
      {fill(after, values)}
    </>
  );
}

/** Indicator names, units and notes are the municipality's or the source's Swedish: marked as such on other pages. */
function SwedishLink({ to, text, lang }: { to: string; text: string; lang: Lang }) {
  if (lang === 'sv') return <a href={to}>{text}</a>;
  return (
    <>
      <a href={to} lang="sv" dir="ltr">
        {text}
      </a>{' '}
      <NotTranslated lang={lang} />
    </>
  );
}

function SwedishWord({ text, lang }: { text: string; lang: Lang }) {
  return lang === 'sv' ? (
    <>{text}</>
  ) : (
    <span lang="sv" dir="ltr">
      {text}
    </span>
  );
}

/** A year as the page writes numbers (Arabic-Indic digits in Arabic); a half-year, quarter or month as its code. */
function periodLabel(lang: Lang, period: string): string {
  return /^[0-9]{4}$/.test(period) ? formatNumber(lang, Number(period), { useGrouping: false }) : period;
}

function number(lang: Lang, value: number, unit: string, decimals: number): string {
  return unit === '%'
    ? formatNumber(lang, value / 100, { style: 'percent', maximumFractionDigits: decimals })
    : formatNumber(lang, value, { maximumFractionDigits: decimals });
}

/**
 * A value with its unit: a share as the language writes percent, another unit in Swedish after the number. Isolated
 * (`bdi`), so on an Arabic page "18,3 % (2023)" keeps the value before the year in the reading order.
 */
function Amount({ lang, value, unit, decimals }: { lang: Lang; value: number; unit: string; decimals: number }) {
  if (unit === '%' || unit === '') return <bdi>{number(lang, value, unit, decimals)}</bdi>;
  return (
    <bdi>
      {number(lang, value, unit, decimals)} <SwedishWord text={unit} lang={lang} />
    </bdi>
  );
}

function TargetText({
  lang,
  t,
  target,
  unit,
  decimals,
}: {
  lang: Lang;
  t: Messages;
  target: LinkView['target'];
  unit: string;
  decimals: number;
}) {
  const n = (v: number) => number(lang, v, unit, decimals);
  const unitWord = unit === '%' || unit === '' ? null : <SwedishWord text={unit} lang={lang} />;
  let amount: string | null = null;
  if (target.min !== null && target.max !== null) amount = `${n(Math.min(target.min, target.max))}–${n(Math.max(target.min, target.max))}`;
  else if (target.value !== null) amount = n(target.value);
  else if (target.min !== null) amount = fill(t.atLeast, { value: n(target.min) });
  else if (target.max !== null) amount = fill(t.atMost, { value: n(target.max) });
  if (amount === null) return <>{t.noTarget}</>;
  const withUnit = (
    <bdi>
      {amount}
      {unitWord && <> {unitWord}</>}
    </bdi>
  );
  if (!target.period) return withUnit;
  return fillWith(t.targetBy, 'amount', withUnit, { period: periodLabel(lang, target.period) });
}

function StatusText({ lang, t, link }: { lang: Lang; t: Messages; link: LinkView }) {
  if (link.status === null)
    return (
      <span className="indicator-status">
        {link.progress.status === null && link.progress.reason === 'neutral' ? t.reasonNeutral : t.reasonTooFew}
      </span>
    );
  return (
    <span className={`indicator-status indicator-status-${link.status}`}>
      <svg className="status-dot" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
        <circle cx="5" cy="5" r="5" />
      </svg>
      {t[`status_${link.status}`]}
      {link.override && link.override.reason && (
        <>
          {' '}
          ({t.setByMunicipality} <Local value={sv(link.override.reason)} pageLang={lang} />)
        </>
      )}
    </span>
  );
}

/** A link's target and status as two entries of a description list, the same on a card and on the detail page. */
function TargetAndStatus({ lang, t, link, detail }: { lang: Lang; t: Messages; link: LinkView; detail: IndicatorDetail }) {
  return (
    <>
      <div>
        <dt>{t.target}</dt>
        <dd>
          <TargetText lang={lang} t={t} target={link.target} unit={detail.unit} decimals={detail.decimals} />
        </dd>
      </div>
      <div>
        <dt>{t.status}</dt>
        <dd>
          <StatusText lang={lang} t={t} link={link} />
        </dd>
      </div>
    </>
  );
}

function Latest({ lang, t, detail }: { lang: Lang; t: Messages; detail: IndicatorDetail }) {
  if (!detail.latest || detail.latest.value === null) return <>{t.noValue}</>;
  return fillWith(
    t.latestValue,
    'value',
    <Amount lang={lang} value={detail.latest.value} unit={detail.unit} decimals={detail.decimals} />,
    {
      period: periodLabel(lang, detail.latest.period),
    },
  );
}

/** The series' shape beside the numbers; hidden from screen readers, which read the numbers. */
function Sparkline({ values }: { values: ValueView[] }) {
  const shape = sparkline(values);
  if (!shape) return null;
  return (
    <svg className="sparkline" viewBox="0 0 96 24" width="96" height="24" aria-hidden="true" focusable="false" {...leftToRight}>
      <polyline points={shape.line} fill="none" stroke={palette.darkGrey} strokeWidth="1.5" strokeLinejoin="round" />
      <circle cx={shape.last.x} cy={shape.last.y} r="2.5" fill="#0b4f8a" />
    </svg>
  );
}

function planItemHref(lang: Lang, code: string, item: LinkView['item']): string {
  return href(lang, `/kommun/${code}/plan/${item.documentId}#punkt-${item.id}`);
}

function indicatorHref(lang: Lang, code: string, id: string): string {
  return href(lang, `/kommun/${code}/indikatorer/${id}`);
}

const byReference = (a: string, b: string) => a.localeCompare(b, 'sv', { numeric: true });

/** An item's words as a heading or link: the start, cut at a word; the plan page has them whole. */
export function shorten(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

async function listPage({ ctx, lang, path, params, publicUrl }: PageRequest) {
  const t = indicatorMessages(lang);
  const common = commonMessages(lang);
  const municipality = await municipalityOf(ctx, params.code ?? '');
  const details: IndicatorDetail[] = [];
  for (const summary of await listIndicators(ctx.db, null, municipality.code)) details.push(await getIndicator(ctx.db, null, summary.id));

  // Grouped by plan, then by the item each measures; an indicator measuring two items shows under both.
  const plans = new Map<
    string,
    { title: string; items: Map<string, { item: LinkView['item']; entries: { detail: IndicatorDetail; link: LinkView }[] }> }
  >();
  for (const detail of details)
    for (const link of detail.links) {
      const plan = plans.get(link.item.documentId) ?? { title: link.item.documentTitle, items: new Map() };
      plans.set(link.item.documentId, plan);
      const group = plan.items.get(link.item.id) ?? { item: link.item, entries: [] };
      plan.items.set(link.item.id, group);
      group.entries.push({ detail, link });
    }
  const unlinked = details.filter((d) => d.links.length === 0);
  const orderedPlans = [...plans.entries()].sort(([, a], [, b]) => a.title.localeCompare(b.title, 'sv'));

  const card = (detail: IndicatorDetail, link: LinkView | null) => (
    <li key={`${detail.id}-${link?.id ?? ''}`} className="card indicator-card">
      <SwedishLink to={indicatorHref(lang, municipality.code, detail.id)} text={detail.title} lang={lang} />
      <Sparkline values={detail.values} />
      <dl className="facts">
        <div>
          <dt>{t.latest}</dt>
          <dd>
            <Latest lang={lang} t={t} detail={detail} />
          </dd>
        </div>
        {link && (
          <>
            <TargetAndStatus lang={lang} t={t} link={link} detail={detail} />
          </>
        )}
      </dl>
    </li>
  );

  const heading = fill(t.listHeading, { municipality: municipality.name });
  return (
    <Page
      lang={lang}
      path={path}
      title={t.listTitle}
      municipality={municipality}
      section="indicators"
      publicUrl={publicUrl}
      breadcrumbs={[
        { href: href(lang), label: common.home },
        { href: href(lang, `/kommun/${municipality.code}`), label: municipality.name },
      ]}
      description={t.listIntro}
      shareable
    >
      <h1>{heading}</h1>
      <p className="lead">{t.listIntro}</p>
      {details.length === 0 && <p>{t.none}</p>}
      {orderedPlans.map(([documentId, plan], p) => (
        <section key={documentId} aria-labelledby={`plan-${p}-rubrik`}>
          <h2 id={`plan-${p}-rubrik`}>
            <Local value={sv(plan.title)} pageLang={lang} />
          </h2>
          {[...plan.items.values()]
            .sort((a, b) => byReference(a.item.reference, b.item.reference))
            .map((group) => (
              <section key={group.item.id} aria-labelledby={`punkt-${group.item.id}-rubrik`} className="indicator-group">
                <h3 id={`punkt-${group.item.id}-rubrik`}>
                  <Local value={sv(`${group.item.reference}: ${shorten(group.item.text)}`)} pageLang={lang} />
                </h3>
                <p>
                  <a href={planItemHref(lang, municipality.code, group.item)}>{t.itemLink}</a>
                </p>
                <ul className="cards">{group.entries.map(({ detail, link }) => card(detail, link))}</ul>
              </section>
            ))}
        </section>
      ))}
      {unlinked.length > 0 && (
        <Section id="ovriga" title={t.otherTitle}>
          <ul className="cards">{unlinked.map((detail) => card(detail, null))}</ul>
        </Section>
      )}
    </Page>
  );
}

export interface IndicatorView {
  from: number | null;
  to: number | null;
  /** Comparison codes as stored (`0000` for the nation). */
  compare: string[];
}

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The view options in the address: `?fran=2015&till=2024&jamfor=riket&jamfor=1864`. Empty means "all". */
export function readView(query: PageRequest['query'], comparable: string[]): IndicatorView {
  const year = (name: 'fran' | 'till') => {
    const raw = one(query[name])?.trim() ?? '';
    if (raw === '') return null;
    if (!/^[0-9]{4}$/.test(raw)) throw invalid(`/${name}`, `${name}: ange ett årtal med fyra siffror, till exempel 2015.`);
    return Number(raw);
  };
  const from = year('fran');
  const to = year('till');
  if (from !== null && to !== null && from > to) throw invalid('/till', 'till: året kan inte vara före året i fran.');
  const wanted = query.jamfor === undefined ? [] : Array.isArray(query.jamfor) ? query.jamfor : [query.jamfor];
  const compare: string[] = [];
  for (const slug of wanted.filter((w) => w !== '')) {
    const code = comparable.find((c) => compareSlug(c) === slug);
    if (!code) throw invalid('/jamfor', `jamfor: "${slug}" finns inte att jämföra med för den här indikatorn.`);
    if (!compare.includes(code)) compare.push(code);
  }
  return { from, to, compare };
}

const lineColours = ['#0b4f8a', palette.red, palette.darkGrey, '#6a3d9a'];
const lineDashes = [undefined, '6 3', '2 3', '8 3 2 3'];

function Marker({ index, x, y }: { index: number; x: number; y: number }) {
  const colour = lineColours[index % lineColours.length];
  if (index === 0) return <circle cx={x} cy={y} r="4" fill={colour} stroke="#ffffff" strokeWidth="1" />;
  return <rect x={x - 3.5} y={y - 3.5} width="7" height="7" fill={colour} stroke="#ffffff" strokeWidth="1" />;
}

function Chart({ lang, series, targets, captionId }: { lang: Lang; series: ChartSeries[]; targets: ChartTarget[]; captionId: string }) {
  const model = lineChart({ series, targets, format: (v) => formatNumber(lang, v, { maximumFractionDigits: 2 }) });
  const { plot } = model;
  return (
    <svg
      className="chart indicator-chart-svg"
      viewBox={`0 0 ${model.width} ${model.height}`}
      width={model.width}
      height={model.height}
      role="img"
      aria-labelledby={captionId}
      {...leftToRight}
      focusable="false"
    >
      <rect x="0" y="0" width={model.width} height={model.height} fill="#ffffff" />
      {model.yTicks.map((tick, i) => (
        <g key={`y${tick.value}`}>
          {i > 0 && <line x1={plot.left} y1={tick.y} x2={plot.right} y2={tick.y} stroke={palette.lightGrey} strokeWidth="0.75" />}
          <text x={plot.left - 6} y={tick.y + 4} textAnchor="end" fontSize="12" fill="#1b1f24">
            {tick.label}
          </text>
        </g>
      ))}
      {/* The axes under the target, so a target on the axis's lowest value still shows. */}
      <line x1={plot.left} y1={plot.top} x2={plot.left} y2={plot.bottom} stroke="#333333" />
      <line x1={plot.left} y1={plot.bottom} x2={plot.right} y2={plot.bottom} stroke="#333333" />
      {model.targets.map((target, i) =>
        target.y1 === target.y2 ? (
          <line
            key={`t${i}`}
            x1={plot.left}
            y1={target.y1}
            x2={plot.right}
            y2={target.y1}
            stroke={palette.darkGreen}
            strokeWidth="2"
            strokeDasharray="8 5"
          />
        ) : (
          <rect
            key={`t${i}`}
            x={plot.left}
            y={target.y1}
            width={plot.right - plot.left}
            height={Math.max(target.y2 - target.y1, 1)}
            fill="#d5efe4"
            stroke={palette.darkGreen}
            strokeDasharray="8 5"
          />
        ),
      )}
      {model.xTicks.map((tick) => (
        <g key={`x${tick.period}`}>
          <line x1={tick.x} y1={plot.bottom} x2={tick.x} y2={plot.bottom + 4} stroke="#333333" />
          {tick.labelled && (
            <text x={tick.x} y={plot.bottom + 18} textAnchor="middle" fontSize="12" fill="#1b1f24">
              {periodLabel(lang, tick.period)}
            </text>
          )}
        </g>
      ))}
      {[...model.lines].reverse().map((line) => {
        const index = model.lines.indexOf(line);
        return (
          <g key={line.key}>
            {line.segments.map((points) => (
              <polyline
                key={points}
                points={points}
                fill="none"
                stroke={lineColours[index % lineColours.length]}
                strokeWidth={index === 0 ? 2.5 : 1.75}
                strokeDasharray={lineDashes[index % lineDashes.length]}
                strokeLinejoin="round"
              />
            ))}
            {line.markers.map((m) => (
              <Marker key={m.period} index={index} x={m.x} y={m.y} />
            ))}
          </g>
        );
      })}
    </svg>
  );
}

function LegendSwatch({ index, target }: { index: number; target?: 'line' | 'band' }) {
  return (
    <svg className="legend-swatch" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true" focusable="false">
      {target === 'band' ? (
        <rect x="1" y="1" width="22" height="10" fill="#d5efe4" stroke={palette.darkGreen} strokeDasharray="4 2" />
      ) : target === 'line' ? (
        <line x1="0" y1="6" x2="24" y2="6" stroke={palette.darkGreen} strokeWidth="2" strokeDasharray="6 3" />
      ) : (
        <>
          <line
            x1="0"
            y1="6"
            x2="24"
            y2="6"
            stroke={lineColours[index % lineColours.length]}
            strokeWidth="2"
            strokeDasharray={lineDashes[index % lineDashes.length]}
          />
          <Marker index={index} x={12} y={6} />
        </>
      )}
    </svg>
  );
}

function sourceLink(ctx: AppContext, detail: IndicatorDetail): { label: 'kolada' | 'scb'; id: string; url: string } | null {
  const ref = detail.sourceRef?.trim();
  if (!ref) return null;
  if (detail.sourceKind === 'kolada')
    return { label: 'kolada', id: ref, url: `${ctx.config.KOLADA_URL.replace(/\/$/, '')}/kpi/${encodeURIComponent(ref)}` };
  if (detail.sourceKind === 'scb') {
    const table = ref.split(':')[0] ?? ref;
    return {
      label: 'scb',
      id: table,
      url: `${ctx.config.SCB_URL.replace(/\/$/, '')}/tables/${encodeURIComponent(table)}/metadata?lang=sv`,
    };
  }
  return null;
}

async function detailPage({ ctx, lang, path, params, query, publicUrl }: PageRequest) {
  const t = indicatorMessages(lang);
  const common = commonMessages(lang);
  const municipality = await municipalityOf(ctx, params.code ?? '');
  const detail = await getIndicator(ctx.db, null, params.id ?? '');
  // An indicator belongs to one municipality; under another's code it does not exist.
  if (detail.municipalityCode !== municipality.code) throw notFound('Indikatorn');
  const view = readView(
    query,
    detail.comparison.map((c) => c.code),
  );
  const inView = (period: string) => {
    const year = periodYear(period);
    return (view.from === null || year >= view.from) && (view.to === null || year <= view.to);
  };
  const byTime = (a: { period: string }, b: { period: string }) => periodTime(a.period) - periodTime(b.period);
  const values = detail.values.filter((v) => inView(v.period)).sort(byTime);
  const compared = view.compare.map((code) => {
    const c = detail.comparison.find((x) => x.code === code) as IndicatorDetail['comparison'][number];
    return { code, name: code === NATIONAL ? t.national : c.name, values: c.values.filter((v) => inView(v.period)).sort(byTime) };
  });
  const targets: ChartTarget[] = [];
  for (const link of detail.links) {
    const target = link.target;
    if (target.period !== null && !inView(target.period)) continue;
    if (!targets.some((x) => x.value === target.value && x.min === target.min && x.max === target.max && x.period === target.period))
      targets.push(target);
  }
  const hasTarget = targets.some((x) => x.value !== null || x.min !== null || x.max !== null);
  const band = targets.some((x) => x.min !== null && x.max !== null);
  const series: ChartSeries[] = [
    { key: municipality.code, points: values.map((v) => ({ period: v.period, value: v.value })) },
    ...compared.map((c) => ({ key: c.code, points: c.values })),
  ];
  const known = values.filter((v) => v.value !== null);
  const comparedKnown = compared.some((c) => c.values.some((v) => v.value !== null));
  // The years with values, and the ones the address chose, so the form always shows the view it made.
  const years = [
    ...new Set([
      ...[...detail.values, ...detail.comparison.flatMap((c) => c.values)].map((v) => periodYear(v.period)),
      ...[view.from, view.to].filter((y): y is number => y !== null),
    ]),
  ].sort((a, b) => a - b);
  const periods = [...new Set([...values.map((v) => v.period), ...compared.flatMap((c) => c.values.map((v) => v.period))])].sort(
    (a, b) => periodTime(a) - periodTime(b),
  );
  const today = new Date();
  const source = sourceLink(ctx, detail);
  const listHref = href(lang, `/kommun/${municipality.code}/indikatorer`);
  const cell = (v: { value: number | null; suppressed?: boolean } | undefined): ReactNode =>
    v?.suppressed ? (
      t.suppressed
    ) : v && v.value !== null ? (
      <Amount lang={lang} value={v.value} unit={detail.unit} decimals={detail.decimals} />
    ) : (
      t.missing
    );
  const first = periods[0];
  const last = periods.at(-1);

  return (
    <Page
      lang={lang}
      path={path}
      title={detail.title}
      municipality={municipality}
      section="indicators"
      publicUrl={publicUrl}
      breadcrumbs={[
        { href: href(lang), label: common.home },
        { href: href(lang, `/kommun/${municipality.code}`), label: municipality.name },
        { href: listHref, label: t.backToList },
      ]}
      description={detail.definition || detail.title}
      shareable
    >
      <h1>
        <Local value={sv(detail.title)} pageLang={lang} />
      </h1>
      <p className="lead">
        {t.latest}: <Latest lang={lang} t={t} detail={detail} />
      </p>

      <section aria-labelledby="visa-rubrik" className="screen-only view-options">
        <h2 id="visa-rubrik">{t.viewTitle}</h2>
        <form method="get" action={indicatorHref(lang, municipality.code, detail.id)} className="inline">
          <div>
            <label htmlFor="fran">{t.from}</label>
            <select id="fran" name="fran" defaultValue={view.from === null ? '' : String(view.from)}>
              <option value="">{t.allYears}</option>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {periodLabel(lang, String(y))}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="till">{t.to}</label>
            <select id="till" name="till" defaultValue={view.to === null ? '' : String(view.to)}>
              <option value="">{t.allYears}</option>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {periodLabel(lang, String(y))}
                </option>
              ))}
            </select>
          </div>
          {detail.comparison.length > 0 && (
            <fieldset className="compare-choices">
              <legend>{t.compareWith}</legend>
              {detail.comparison.map((c) => (
                <label key={c.code} className="choice">
                  <input type="checkbox" name="jamfor" value={compareSlug(c.code)} defaultChecked={view.compare.includes(c.code)} />{' '}
                  {c.code === NATIONAL ? t.national : c.name}
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit">{t.show}</button>
        </form>
      </section>

      <Section id="varden" title={t.tableTitle}>
        {(view.from !== null || view.to !== null) && (
          <p>
            {fill(t.showing, {
              from: view.from === null ? (first ? periodLabel(lang, first) : '') : periodLabel(lang, String(view.from)),
              to: view.to === null ? (last ? periodLabel(lang, last) : '') : periodLabel(lang, String(view.to)),
            })}
          </p>
        )}
        {known.length === 0 && !comparedKnown ? (
          <p className="notice">{t.chartEmpty}</p>
        ) : (
          <figure className="indicator-chart">
            <Chart lang={lang} series={series} targets={targets} captionId="diagram-text" />
            <figcaption id="diagram-text">
              <Local value={sv(detail.title)} pageLang={lang} />.{' '}
              {fill(t.chartCaption, {
                count: formatNumber(lang, known.length + compared.reduce((n, c) => n + c.values.filter((v) => v.value !== null).length, 0)),
                first: first ? periodLabel(lang, first) : '',
                last: last ? periodLabel(lang, last) : '',
              })}
            </figcaption>
            <ul className="chart-legend" aria-label={t.legend}>
              <li>
                <LegendSwatch index={0} /> {municipality.name}
              </li>
              {compared.map((c, i) => (
                <li key={c.code}>
                  <LegendSwatch index={i + 1} /> {c.name}
                </li>
              ))}
              {hasTarget && (
                <li>
                  <LegendSwatch index={0} target={band ? 'band' : 'line'} /> {band ? t.targetRange : t.target}
                </li>
              )}
            </ul>
          </figure>
        )}
        <div className="table-scroll indicator-table">
          <table>
            <caption>{fillWith(t.tableCaption, 'title', <SwedishWord text={detail.title} lang={lang} />)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colPeriod}</th>
                <th scope="col" className="number">
                  {t.colValue}: {municipality.name}
                </th>
                {compared.map((c) => (
                  <th key={c.code} scope="col" className="number">
                    {t.colValue}: {c.name}
                  </th>
                ))}
                <th scope="col">{t.colSource}</th>
                <th scope="col">{t.colProvisional}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => {
                const v = values.find((x) => x.period === period);
                return (
                  <tr key={period}>
                    <th scope="row">{periodLabel(lang, period)}</th>
                    <td className="number">{cell(v)}</td>
                    {compared.map((c) => (
                      <td key={c.code} className="number">
                        {cell(c.values.find((x) => x.period === period))}
                      </td>
                    ))}
                    <td>
                      {v && (
                        <>
                          {t[`source_${v.source}`]}
                          {v.sourceNote && (
                            <span className="source-note">
                              <SwedishWord text={v.sourceNote} lang={lang} />
                            </span>
                          )}
                        </>
                      )}
                    </td>
                    <td>{v ? (isProvisional(v, today) ? t.yes : t.no) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="i-planen" title={t.measuresTitle}>
        {detail.links.length === 0 ? (
          <p>{t.measuresNone}</p>
        ) : (
          <ul className="indicator-links">
            {detail.links.map((link) => (
              <li key={link.id}>
                <SwedishLink
                  to={planItemHref(lang, municipality.code, link.item)}
                  text={`${link.item.reference}: ${shorten(link.item.text)}`}
                  lang={lang}
                />
                <p className="muted">
                  <SwedishWord text={link.item.documentTitle} lang={lang} />
                </p>
                <dl className="facts">
                  {link.baseline && (
                    <div>
                      <dt>{t.baseline}</dt>
                      <dd>
                        <Amount lang={lang} value={link.baseline.value} unit={detail.unit} decimals={detail.decimals} /> (
                        {periodLabel(lang, link.baseline.period)})
                      </dd>
                    </div>
                  )}
                  <TargetAndStatus lang={lang} t={t} link={link} detail={detail} />
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="om" title={t.aboutTitle}>
        <dl className="facts">
          {detail.definition && (
            <div>
              <dt>{t.definition}</dt>
              <dd>
                <Local value={sv(detail.definition)} pageLang={lang} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t.unit}</dt>
            <dd>
              <SwedishWord text={detail.unit} lang={lang} />
            </dd>
          </div>
          <div>
            <dt>{t.direction}</dt>
            <dd>{t[`direction_${detail.direction}`]}</dd>
          </div>
          <div>
            <dt>{t.sourceTitle}</dt>
            <dd>
              {source ? (
                <>
                  {fill(source.label === 'kolada' ? t.sourceKolada : t.sourceScb, { id: source.id })} –{' '}
                  <a href={source.url} rel="external">
                    {fill(t.sourceLink, { id: source.id })}
                  </a>
                </>
              ) : detail.sourceKind === 'computed' ? (
                t.sourceComputed
              ) : (
                t.sourceManual
              )}
            </dd>
          </div>
        </dl>
      </Section>
    </Page>
  );
}

export function registerIndicatorPages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/kommun/:code/indikatorer', listPage);
  pageRoute(app, ctx, '/kommun/:code/indikatorer/:id', detailPage);
}
