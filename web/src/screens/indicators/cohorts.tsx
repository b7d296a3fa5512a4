import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, type Municipality } from '../../client.ts';
import { FormActions, TextField } from '../../components/fields.tsx';
import { errorText, formatValue, problemsOf, type CohortRow } from '../../components/indicators/shared.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { canEditPlan, useSession } from '../../session.tsx';
import { useFocusOnMount } from '../../use-focus.ts';
import { useLoad, useTitle } from '../../use-load.ts';
import '../../styles/indicators.css';

const measures = ['selfSufficient12', 'selfSufficient24', 'resident12'] as const;
type Measure = (typeof measures)[number];

const share = (count: number | null, size: number) => (count === null || size === 0 ? null : Math.round((count / size) * 1000) / 10);

/** Refugee cohorts in aggregate, by the year their establishment ended: the coordinator keeps them up to date. */
export function CohortsScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const cohorts = useLoad(() => api<CohortRow[]>('GET', `/api/municipalities/${code}/cohorts`), [code, user?.id]);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [notice, setNotice] = useState<string>();
  useTitle(municipality.data ? t('indicators.cohorts.pageTitle', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? cohorts.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !cohorts.data) return <Loading />;
  const editable = canEditPlan(user, code);
  const rows = cohorts.data;
  const saved = async (year: number) => {
    await cohorts.reload();
    setEditing(null);
    setNotice(t('indicators.cohorts.saved', { year }));
  };
  const editingRow = typeof editing === 'number' ? rows.find((r) => r.year === editing) : undefined;
  return (
    <section className="page ind-page">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{municipality.data.name}</Link> /{' '}
        <Link to={`/kommuner/${code}/indikatorer`}>{t('indicators.list.crumb')}</Link> / {t('indicators.cohorts.crumb')}
      </p>
      <h1>{t('indicators.cohorts.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('indicators.cohorts.intro')}</p>
      <p className="alert ok ind-privacy">{t('indicators.cohorts.privacy')}</p>
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {rows.length === 0 ? (
        <p>{t('indicators.cohorts.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="ind-cohorts-caption" tabIndex={0}>
          <table className="table compact ind-cohorts">
            <caption id="ind-cohorts-caption">{t('indicators.cohorts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicators.cohorts.year')}</th>
                <th scope="col">{t('indicators.cohorts.size')}</th>
                {measures.map((m) => (
                  <th scope="col" key={m}>
                    {t(`indicators.cohorts.${m}`)}
                  </th>
                ))}
                <th scope="col">{t('indicators.cohorts.note')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{t('indicators.cohorts.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.year}>
                  <th scope="row">{r.year}</th>
                  <td className="num">{r.size}</td>
                  {measures.map((m) => (
                    <td className="num" key={m}>
                      {r[m] === null
                        ? '–'
                        : t('indicators.cohorts.countShare', { n: r[m], share: formatValue(share(r[m], r.size), '%', 1) })}
                    </td>
                  ))}
                  <td>{r.note ?? ''}</td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing(r.year)}
                        aria-label={t('indicators.cohorts.editYear', { year: r.year })}
                      >
                        {t('common.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && editingRow && (
        <CohortForm key={editingRow.year} code={code} row={editingRow} onCancel={() => setEditing(null)} onSaved={saved} />
      )}
      {editable && editing === 'new' && (
        <CohortForm key="new" code={code} row={null} taken={rows.map((r) => r.year)} onCancel={() => setEditing(null)} onSaved={saved} />
      )}
      {editable && editing !== 'new' && (
        <button type="button" className="button secondary" onClick={() => setEditing('new')}>
          {t('indicators.cohorts.new')}
        </button>
      )}
    </section>
  );
}

/** The saved cohort a conflict returns: the server's row (snake_case) or the API's shape. */
function savedOf(current: unknown): CohortRow | null {
  if (!current || typeof current !== 'object') return null;
  const c = current as Record<string, unknown>;
  const n = (a: unknown, b: unknown) => (typeof a === 'number' ? a : typeof b === 'number' ? b : null);
  return {
    year: Number(c.year),
    size: Number(c.size),
    selfSufficient12: n(c.selfSufficient12, c.self_sufficient_12),
    selfSufficient24: n(c.selfSufficient24, c.self_sufficient_24),
    resident12: n(c.resident12, c.resident_12),
    note: typeof c.note === 'string' ? c.note : null,
    version: Number(c.version),
  };
}

function CohortForm({
  code,
  row,
  taken = [],
  onCancel,
  onSaved,
}: {
  code: string;
  row: CohortRow | null;
  taken?: number[];
  onCancel: () => void;
  onSaved: (year: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const [year, setYear] = useState(row ? String(row.year) : String(new Date().getFullYear() - 1));
  const [size, setSize] = useState(text(row?.size));
  const [counts, setCounts] = useState<Record<Measure, string>>({
    selfSufficient12: text(row?.selfSufficient12),
    selfSufficient24: text(row?.selfSufficient24),
    resident12: text(row?.resident12),
  });
  const [note, setNote] = useState(row?.note ?? '');
  const [version, setVersion] = useState<number | null>(row?.version ?? null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<CohortRow | null>();
  const [busy, setBusy] = useState(false);
  const prefix = row ? `ind-cohort-${row.year}` : 'ind-cohort-new';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim() === '' ? null : Number.NaN);
    const y = whole(year);
    if (y === null || Number.isNaN(y) || y < 1990 || y > 2100) found.year = t('indicators.cohorts.badYear');
    else if (!row && taken.includes(y)) found.year = t('indicators.cohorts.yearTaken', { year: y });
    const n = whole(size);
    if (n === null || Number.isNaN(n)) found.size = t('indicators.cohorts.badCount');
    const body: Record<string, number | string | null> = { size: n };
    for (const m of measures) {
      const c = whole(counts[m]);
      if (Number.isNaN(c)) found[m] = t('indicators.cohorts.badCount');
      else if (c !== null && n !== null && !Number.isNaN(n) && c > n) found[m] = t('indicators.cohorts.tooMany', { count: c, size: n });
      body[m] = c;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError(t('indicators.form.fix'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api('PUT', `/api/municipalities/${code}/cohorts/${y}`, { ...body, note: note.trim() || null, version });
      await onSaved(y as number);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(savedOf(e.current));
        setError(e.message);
      } else {
        setProblems(problemsOf(e));
        setError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card ind-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-heading`} noValidate>
      <h2 id={`${prefix}-heading`} tabIndex={-1} ref={headingRef}>
        {row ? t('indicators.cohorts.editTitle', { year: row.year }) : t('indicators.cohorts.new')}
      </h2>
      <div className="field-row">
        {!row && (
          <TextField
            id={`${prefix}-year`}
            label={t('indicators.cohorts.year')}
            hint={t('indicators.cohorts.yearHint')}
            value={year}
            onChange={setYear}
            problem={problems.year}
            size={6}
          />
        )}
        <TextField
          id={`${prefix}-size`}
          label={t('indicators.cohorts.size')}
          value={size}
          onChange={setSize}
          problem={problems.size}
          size={6}
        />
        {measures.map((m) => (
          <TextField
            key={m}
            id={`${prefix}-${m}`}
            label={t(`indicators.cohorts.${m}Count`)}
            value={counts[m]}
            onChange={(v) => setCounts({ ...counts, [m]: v })}
            problem={problems[m]}
            size={6}
          />
        ))}
      </div>
      <p className="hint">{t('indicators.cohorts.emptyHint')}</p>
      <TextField id={`${prefix}-note`} label={t('indicators.cohorts.note')} value={note} onChange={setNote} problem={problems.note} />
      {error && (
        <div className="alert error" role="alert">
          <p>{error}</p>
          {conflict !== undefined && (
            <>
              {conflict && (
                <p>
                  {t('indicators.cohorts.savedVersion', {
                    size: conflict.size,
                    ss12: conflict.selfSufficient12 ?? '–',
                    ss24: conflict.selfSufficient24 ?? '–',
                    res12: conflict.resident12 ?? '–',
                    version: conflict.version,
                  })}
                </p>
              )}
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  setVersion(conflict?.version ?? null);
                  if (conflict) {
                    setSize(text(conflict.size));
                    setCounts({
                      selfSufficient12: text(conflict.selfSufficient12),
                      selfSufficient24: text(conflict.selfSufficient24),
                      resident12: text(conflict.resident12),
                    });
                    setNote(conflict.note ?? '');
                  }
                  setConflict(undefined);
                  setError(undefined);
                }}
              >
                {t('indicators.form.useSaved')}
              </button>
            </>
          )}
        </div>
      )}
      <FormActions busy={busy} label={t('indicators.cohorts.save')} busyLabel={t('indicators.form.saving')} onCancel={onCancel} />
    </form>
  );
}
