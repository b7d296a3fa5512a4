import { useEffect, useId, useRef, useState } from 'react';
import { periodTime } from './shared.tsx';
import '../../styles/indicators.css';

export interface ChartSeries {
  key: string;
  name: string;
  points: { period: string; value: number | null }[];
}

export interface ChartBaseline {
  key: string;
  label: string;
  period: string;
  value: number;
}

export interface ChartTarget {
  key: string;
  label: string;
  value: number | null;
  min: number | null;
  max: number | null;
  period: string | null;
}

/** Colour, dash pattern and marker per series: each series differs in all three, so none relies on colour. */
const styles = [
  { colour: '#1d4f73', dash: '', marker: 'circle' },
  { colour: '#a0461d', dash: '9 5', marker: 'square' },
  { colour: '#6a3d9a', dash: '2 4', marker: 'triangle' },
  { colour: '#00695c', dash: '12 4 3 4', marker: 'diamond' },
  { colour: '#4f5b66', dash: '5 3', marker: 'cross' },
] as const;
type Marker = (typeof styles)[number]['marker'];

function MarkerShape({ marker, x, y, colour, size = 4.5 }: { marker: Marker; x: number; y: number; colour: string; size?: number }) {
  const s = size;
  switch (marker) {
    case 'circle':
      return <circle cx={x} cy={y} r={s} fill={colour} />;
    case 'square':
      return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={colour} />;
    case 'triangle':
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} fill={colour} />;
    case 'diamond':
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y} ${x},${y + s + 1} ${x - s - 1},${y}`} fill={colour} />;
    case 'cross':
      return (
        <path
          d={`M${x - s},${y - s}L${x + s},${y + s}M${x - s},${y + s}L${x + s},${y - s}`}
          stroke={colour}
          strokeWidth="2.5"
          fill="none"
        />
      );
  }
}

/**
 * A line chart of an indicator over time, drawn by uPlot (a small, well-kept charting library, loaded only on
 * the pages that show a chart): one line per series (the municipality and those it is compared with) in
 * distinct colours and dash patterns, the baselines ringed, the targets as dashed lines (a range as a band).
 * The canvas is one image with a title; `tableId` names the table of the same numbers beside it, which is what
 * screen readers read, and the legend below is plain HTML.
 */
export function IndicatorLineChart(props: {
  title: string;
  summary: string;
  series: ChartSeries[];
  baselines: ChartBaseline[];
  targets: ChartTarget[];
  tableId: string;
  formatNumber: (value: number) => string;
  formatPeriod: (period: string) => string;
  legendLabel: string;
  baselineWord: string;
  noValues: string;
}) {
  const { title, summary, series, baselines, targets, tableId, formatNumber } = props;
  const id = useId();
  const figureRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const figure = figureRef.current;
    if (!figure || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const shown = Math.round(entries[0]?.contentRect.width ?? 640);
      if (shown > 0) setWidth(Math.max(280, Math.min(900, shown)));
    });
    observer.observe(figure);
    return () => observer.disconnect();
  }, []);
  const height = Math.round(Math.max(240, Math.min(340, width * 0.55)));

  const times = [
    ...new Set([
      ...series.flatMap((s) => s.points.map((p) => periodTime(p.period))),
      ...baselines.map((b) => periodTime(b.period)),
      ...targets.flatMap((t) => (t.period ? [periodTime(t.period)] : [])),
    ]),
  ].sort((a, b) => a - b);
  const hasData = series.some((s) => s.points.some((p) => p.value !== null)) || baselines.length > 0;
  const key = JSON.stringify([series, baselines, targets, width]);

  useEffect(() => {
    const target = canvasRef.current;
    if (!target || !hasData) return;
    let plot: { destroy(): void } | undefined;
    let cancelled = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled) return;
      const at = (points: { period: string; value: number | null }[]) => {
        const byTime = new Map(points.map((p) => [periodTime(p.period), p.value]));
        return times.map((t) => byTime.get(t) ?? null);
      };
      const data: (number | null)[][] = [times];
      const opts: ConstructorParameters<typeof UPlot>[0] = {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(0, min), max * 1.1 || 1] } },
        axes: [
          {
            stroke: '#1f2a36',
            grid: { stroke: '#e3e8ed' },
            incrs: [1, 2, 5, 10],
            values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
            font: '14px system-ui, sans-serif',
          },
          {
            stroke: '#1f2a36',
            grid: { stroke: '#e3e8ed' },
            values: (_u, splits) => splits.map((v) => formatNumber(v)),
            size: 64,
            font: '14px system-ui, sans-serif',
          },
        ],
        series: [{}],
        bands: [],
      };
      series.forEach((s, i) => {
        const style = styles[i % styles.length] as (typeof styles)[number];
        data.push(at(s.points));
        opts.series.push({
          label: s.name,
          stroke: style.colour,
          width: 2.5,
          ...(style.dash ? { dash: style.dash.split(' ').map(Number) } : {}),
          points: { show: true, size: 9, fill: style.colour, stroke: style.colour },
          spanGaps: false,
        });
      });
      for (const t of targets) {
        const flat = (v: number) => times.map(() => v);
        if (t.value === null && t.min !== null && t.max !== null) {
          data.push(flat(t.max), flat(t.min));
          const upper = opts.series.length;
          for (const v of ['max', 'min'] as const)
            opts.series.push({ label: `${t.label} (${v})`, stroke: '#7a4f00', width: 1.5, dash: [7, 4], points: { show: false } });
          opts.bands?.push({ series: [upper, upper + 1], fill: 'rgba(217, 164, 0, 0.18)' });
        } else {
          const level = t.value ?? t.min ?? t.max;
          if (level === null) continue;
          data.push(flat(level));
          opts.series.push({ label: t.label, stroke: '#7a4f00', width: 2, dash: [7, 4], points: { show: false } });
        }
      }
      if (baselines.length > 0) {
        data.push(at(baselines.map((b) => ({ period: b.period, value: b.value }))));
        // Only a ring at each baseline: no line between them.
        opts.series.push({
          label: props.baselineWord,
          stroke: '#1f2a36',
          width: 0,
          paths: () => null,
          points: { show: true, size: 16, width: 2, fill: 'transparent', stroke: '#1f2a36' },
        });
      }
      plot = new UPlot(opts, data as [number[], ...(number | null)[][]], target);
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
    // `key` stands for the data and the size: the chart is drawn again when either changes.
  }, [key, hasData]);

  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure className="ind-chart" ref={figureRef}>
      <div
        role="img"
        aria-labelledby={titleId}
        aria-describedby={`${descId} ${tableId}`}
        className="ind-chart-canvas"
        style={{ minBlockSize: height }}
      >
        <span id={titleId} className="visually-hidden">
          {title}
        </span>
        <span id={descId} className="visually-hidden">
          {summary}
        </span>
        {hasData ? <div ref={canvasRef} aria-hidden="true" /> : <p className="ind-empty">{props.noValues}</p>}
      </div>
      <figcaption>
        <ul className="ind-legend" aria-label={props.legendLabel}>
          {series.map((s, i) => {
            const style = styles[i % styles.length] as (typeof styles)[number];
            return (
              <li key={s.key}>
                <svg viewBox="0 0 36 12" width="36" height="12" aria-hidden="true" focusable="false">
                  <line x1="1" x2="35" y1="6" y2="6" stroke={style.colour} strokeWidth="2.5" strokeDasharray={style.dash || undefined} />
                  <MarkerShape marker={style.marker} x={18} y={6} colour={style.colour} size={3.5} />
                </svg>
                {s.name}
              </li>
            );
          })}
          {baselines.length > 0 && (
            <li>
              <svg viewBox="0 0 36 16" width="36" height="16" aria-hidden="true" focusable="false">
                <circle cx="18" cy="8" r="6" className="ind-baseline-ring" />
              </svg>
              {props.baselineWord}
            </li>
          )}
          {targets.map((t) => (
            <li key={t.key}>
              <svg viewBox="0 0 36 16" width="36" height="16" aria-hidden="true" focusable="false">
                {t.value === null && t.min !== null && t.max !== null ? (
                  <rect x="1" y="3" width="34" height="10" className="ind-target-band" />
                ) : (
                  <line x1="1" x2="35" y1="8" y2="8" className="ind-target-line" />
                )}
              </svg>
              {t.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
