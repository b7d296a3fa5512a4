import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './matching.css';

export type {
  ProgrammeView,
  PersonView,
  MatchView,
  CheckInView,
  SuggestionView,
  Workspace,
  PartyView,
} from '../../../../src/capabilities/matching/service.ts';
export type { PersonDetail, PublicProgramme } from '../../../../src/capabilities/matching/people.ts';
export type { Reason } from '../../../../src/capabilities/matching/rules.ts';
import type { Reason } from '../../../../src/capabilities/matching/rules.ts';
import type { YearCounts } from '../../../../src/capabilities/matching/rules.ts';

// The programmes' shared pieces: one look for example rows, one date format, one reading of field problems.
export { ExampleBadge, formatDate, problemsOf } from '../programmes/shared.tsx';

export const AVAILABILITY = ['weekday_daytime', 'weekday_evening', 'weekend'] as const;
export const END_REASONS = ['completed', 'moved', 'no_contact', 'not_working', 'personal', 'other'] as const;

/** A reason of a score in words: "Talar båda arabiska". */
export function useReasonText(): (reason: Reason) => string {
  const { t } = useTranslation();
  return (r) => {
    const p = r.params;
    if (r.code === 'availability')
      return t('matching.reasons.availability', {
        times: String(p.times)
          .split(',')
          .map((x) => t(`matching.availability.${x}`))
          .join(', '),
      });
    if (r.code === 'household') return t('matching.reasons.household', { household: t(`matching.households.${String(p.household)}`) });
    // Only the named values: a `count` would make i18next look for plural forms.
    return t(`matching.reasons.${r.code}`, { languages: p.languages, interests: p.interests, area: p.area });
  };
}

export function Reasons({ reasons }: { reasons: Reason[] }) {
  const text = useReasonText();
  if (reasons.length === 0) return null;
  return (
    <ul className="mt-reasons">
      {reasons.map((r) => (
        <li key={r.code}>{text(r)}</li>
      ))}
    </ul>
  );
}

export function Breadcrumbs({
  code,
  name,
  programme,
}: {
  code: string;
  name: string;
  programme?: { id: string; name: string } | undefined;
}) {
  const { t } = useTranslation();
  return (
    <p className="breadcrumbs">
      <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{name}</Link> /{' '}
      {programme ? (
        <>
          <Link to={`/kommuner/${code}/matchning`}>{t('matching.crumb')}</Link> / {programme.name}
        </>
      ) : (
        t('matching.crumb')
      )}
    </p>
  );
}

/** Active, ended and waiting per year: grouped bars (decoration with a title) and the table that says the same. */
export function YearCounts({ years, id, caption }: { years: YearCounts[]; id: string; caption: string }) {
  const { t } = useTranslation();
  if (years.length === 0) return <p>{t('matching.noCounts')}</p>;
  const shown = years.slice(-8);
  const top = Math.max(1, ...shown.flatMap((y) => [y.active, y.ended, y.waiting])) * 1.2;
  const width = 360;
  const height = 150;
  const slot = width / shown.length;
  const bar = slot / 4;
  const measures = ['active', 'ended', 'waiting'] as const;
  return (
    <div className="mt-summary">
      <svg className="mt-chart" viewBox={`0 0 ${width} ${height + 34}`} role="img" aria-label={caption} aria-describedby={id} width="100%">
        {shown.map((y, i) => (
          <g key={y.year}>
            {measures.map((m, j) => {
              const h = (y[m] / top) * height;
              return (
                <g key={m}>
                  <rect x={i * slot + bar * (j + 0.5)} y={height - h} width={bar * 0.9} height={h} className={`mt-bar mt-${m}`} />
                  <text x={i * slot + bar * (j + 0.95)} y={height - h - 3} textAnchor="middle" className="mt-value">
                    {y[m]}
                  </text>
                </g>
              );
            })}
            <text x={i * slot + slot / 2} y={height + 14} textAnchor="middle">
              {y.year}
            </text>
          </g>
        ))}
        {measures.map((m, j) => (
          <g key={m}>
            <rect x={j * 110} y={height + 22} width={10} height={10} className={`mt-bar mt-${m}`} />
            <text x={j * 110 + 14} y={height + 31}>
              {t(`matching.counts.${m}`)}
            </text>
          </g>
        ))}
      </svg>
      <table className="table compact" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('matching.year')}</th>
            <th scope="col">{t('matching.counts.active')}</th>
            <th scope="col">{t('matching.counts.ended')}</th>
            <th scope="col">{t('matching.counts.waiting')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              <td className="num">{y.active}</td>
              <td className="num">{y.ended}</td>
              <td className="num">{y.waiting}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A comma-separated list as the form edits it. */
export const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
