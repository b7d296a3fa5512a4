import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../client.ts';
import { locale } from '../../i18n.ts';
import { useFocusOnMount } from '../../use-focus.ts';
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

/** A date (YYYY-MM-DD, read at noon so no time zone moves it) or a timestamp, in the reader's language. */
export function formatDate(iso: string | null): string {
  if (!iso) return '–';
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return date.toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' });
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

export type { LinkableItem } from '../../components/item-picker.tsx';

/**
 * Asks before removing: an alert dialog in place, focus moved into it; Escape or Avbryt cancels and focus goes back
 * to the button that opened it (the caller's `returnFocus`), as the plan's own removal does.
 */
export function ConfirmRemove({
  title,
  text,
  confirmLabel,
  onConfirm,
  onCancel,
  returnFocus,
  headingLevel = 3,
}: {
  /** The level that fits where the dialog opens: 2 on a page whose sections have no heading of their own. */
  headingLevel?: 2 | 3;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  returnFocus?: HTMLElement | null | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const cancel = () => {
    onCancel();
    returnFocus?.focus();
  };
  return (
    <div
      className="card confirm"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <Heading id={`${id}-title`} tabIndex={-1} ref={focusRef}>
        {title}
      </Heading>
      <p id={`${id}-text`}>{text}</p>
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setFailure(undefined);
            onConfirm().catch((e: unknown) => {
              setFailure(problemsOf(e).message);
              setBusy(false);
            });
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button secondary" onClick={cancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
