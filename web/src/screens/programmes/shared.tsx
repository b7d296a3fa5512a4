import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../client.ts';
import { locale } from '../../i18n.ts';
import './programmes.css';

export type { InternshipSummary, OfferView, PlacementView, OfferStatus } from '../../../../src/capabilities/internships/service.ts';
export type { SupervisorsView, TargetView, TrainingView } from '../../../../src/capabilities/trainings/service.ts';

/** Shown beside every example row, as the follow-up's example data is. */
export function ExampleBadge({ example }: { example: boolean }) {
  const { t } = useTranslation();
  return example ? <span className="badge fu-example pg-example">{t('programmes.example')}</span> : null;
}

export function ProgrammeNav({ code, name, current }: { code: string; name: string; current: string }) {
  const { t } = useTranslation();
  const links = [
    ['praktik', t('programmes.internships.crumb')],
    ['handledare', t('programmes.supervisors.crumb')],
    ['utbildningar', t('programmes.trainings.crumb')],
  ];
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{name}</Link> /{' '}
        {links.find(([path]) => path === current)?.[1]}
      </p>
      <nav aria-label={t('programmes.nav')} className="pg-nav">
        <ul>
          {links.map(([path, label]) => (
            <li key={path}>
              {path === current ? <span aria-current="page">{label}</span> : <Link to={`/kommuner/${code}/${path}`}>{label}</Link>}
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

export function formatDate(iso: string | null): string {
  if (!iso) return '–';
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** The server's field problems by path, and the message to show above the form. */
export function problemsOf(error: unknown): { problems: Record<string, string>; message: string } {
  if (error instanceof ApiError) return { problems: error.problems, message: error.message };
  return { problems: {}, message: (error as Error).message };
}

/** An accessible bar chart: an image with a title, described by the table beside it. */
export function BarChart({
  bars,
  min,
  max,
  label,
  describedBy,
}: {
  bars: { label: string; value: number }[];
  min: number | null;
  max: number | null;
  label: string;
  describedBy: string;
}) {
  const top = Math.max(1, ...bars.map((b) => b.value), max ?? 0) * 1.15;
  const width = 320;
  const height = 160;
  const slot = width / Math.max(1, bars.length);
  const y = (v: number) => height - (v / top) * height;
  return (
    <svg
      className="pg-chart"
      viewBox={`0 0 ${width} ${height + 20}`}
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      width="100%"
    >
      {min !== null && max !== null && <rect x={0} y={y(max)} width={width} height={Math.max(2, y(min) - y(max))} className="pg-band" />}
      {bars.map((b, i) => (
        <g key={b.label}>
          <rect x={i * slot + slot * 0.2} y={y(b.value)} width={slot * 0.6} height={height - y(b.value)} className="pg-bar" />
          <text x={i * slot + slot / 2} y={y(b.value) - 4} textAnchor="middle" className="pg-value">
            {b.value}
          </text>
          <text x={i * slot + slot / 2} y={height + 15} textAnchor="middle" className="pg-axis">
            {b.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** A progress bar whose numbers are in the text; the bar itself is decoration. */
export function CoverageBar({ share, label }: { share: number | null; label: string }) {
  return (
    <div className="pg-coverage">
      <div className="pg-track" aria-hidden="true">
        <div className="pg-fill" style={{ width: `${share ?? 0}%` }} />
      </div>
      <span>{label}</span>
    </div>
  );
}

export interface LinkableItem {
  id: string;
  documentTitle: string;
  reference: string;
  text: string;
}

/** Which plan item a programme serves: one select, grouped by plan. */
export function ItemPicker({
  id,
  items,
  value,
  onChange,
}: {
  id: string;
  items: LinkableItem[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const plans = [...new Set(items.map((i) => i.documentTitle))];
  const short = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text);
  return (
    <div className="field">
      <label htmlFor={id}>{t('programmes.item')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('programmes.noItem')}</option>
        {plans.map((plan) => (
          <optgroup key={plan} label={plan}>
            {items
              .filter((i) => i.documentTitle === plan)
              .map((i) => (
                <option key={i.id} value={i.id}>
                  {i.reference}: {short(i.text)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
