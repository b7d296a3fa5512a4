import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Municipality } from '../../client.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import {
  errorText,
  formatValue,
  problemsOf,
  usePeriodText,
  useSourceKindWord,
  type Direction,
  type IndicatorDetail,
  type IndicatorSummary,
  type SourceKind,
} from '../../components/indicators/shared.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { canEditPlan, useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import '../../styles/indicators.css';

/** Kolada key figures to suggest; any other id may be typed. */
const koladaSuggestions: { id: string; name?: string }[] = [
  { id: 'N02926', name: 'Utrikes födda, andel' },
  { id: 'N00914' },
  { id: 'N02267' },
  { id: 'N02268' },
  { id: 'N02269' },
  { id: 'N00700' },
  { id: 'N00973' },
  { id: 'N31816' },
];
const scbRefs = ['TAB4823:utrikes_fodda', 'TAB4823:folkmangd', 'TAB4823:utrikes_fodda_andel'];
const computedRefs = [
  'follow-up',
  'cohort:self_sufficient_12',
  'cohort:self_sufficient_24',
  'cohort:resident_12',
  'internships:placements',
  'fund:granted',
  'matching:active',
  'matching:ended',
  'matching:waiting',
];

/** The municipality's indicators: title, latest value, where the figures come from, how many plan items use them. */
export function IndicatorsScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const periodText = usePeriodText();
  const sourceWord = useSourceKindWord();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const list = useLoad(() => api<IndicatorSummary[]>('GET', `/api/municipalities/${code}/indicators`), [code, user?.id]);
  useTitle(municipality.data ? t('indicators.list.pageTitle', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? list.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !list.data) return <Loading />;
  const editable = canEditPlan(user, code);
  const member = user !== null && (user.role === 'admin' || user.municipalityCode === code);
  return (
    <section className="page ind-page">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{municipality.data.name}</Link> /{' '}
        {t('indicators.list.crumb')}
      </p>
      <h1>{t('indicators.list.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('indicators.list.intro')}</p>
      {member && (
        <p>
          <Link to={`/kommuner/${code}/kohorter`}>{t('indicators.list.cohortsLink')}</Link>
        </p>
      )}
      {list.data.length === 0 ? (
        <p>{t('indicators.list.none')}</p>
      ) : (
        <ul className="cards ind-cards">
          {list.data.map((i) => (
            <li key={i.id} className="card">
              <h2 className="ind-card-title">
                <Link to={`/indikatorer/${i.id}`}>{i.title}</Link>
              </h2>
              <dl className="meta compact">
                <dt>{t('indicators.list.latest')}</dt>
                <dd>
                  {i.latest
                    ? t('indicators.list.latestValue', {
                        value: formatValue(i.latest.value, i.unit, i.decimals),
                        period: periodText(i.latest.period),
                      })
                    : t('indicators.list.noValue')}
                </dd>
                <dt>{t('indicators.unit')}</dt>
                <dd>{i.unit}</dd>
                <dt>{t('indicators.source')}</dt>
                <dd>
                  {sourceWord(i.sourceKind)}
                  {i.sourceRef && i.sourceKind !== 'computed' && <span className="muted"> ({i.sourceRef})</span>}
                </dd>
                <dt>{t('indicators.list.links')}</dt>
                <dd>{t('indicators.list.linkCount', { count: i.linkCount })}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {editable && <NewIndicatorForm code={code} />}
    </section>
  );
}

function NewIndicatorForm({ code }: { code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [unit, setUnit] = useState('');
  const [definition, setDefinition] = useState('');
  const [direction, setDirection] = useState<Direction>('higher');
  const [sourceKind, setSourceKind] = useState<SourceKind>('manual');
  const [kolada, setKolada] = useState('');
  const [scb, setScb] = useState(scbRefs[2] as string);
  const [computed, setComputed] = useState(computedRefs[2] as string);
  const [compareWith, setCompareWith] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const sourceRef = sourceKind === 'kolada' ? kolada.trim() : sourceKind === 'scb' ? scb : sourceKind === 'computed' ? computed : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const codes = compareWith
      .split(/[\s,;]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('indicators.create.titleNeeded');
    if (!unit.trim()) found.unit = t('indicators.create.unitNeeded');
    if (sourceKind === 'kolada' && !/^[NU]\d{5}$/.test(kolada.trim())) found.sourceRef = t('indicators.create.koladaNeeded');
    if (codes.some((c) => !/^\d{4}$/.test(c))) found.compareWith = t('indicators.create.codesBad');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError(t('indicators.form.fix'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<IndicatorDetail>('POST', `/api/municipalities/${code}/indicators`, {
        title: title.trim(),
        unit: unit.trim(),
        definition: definition.trim(),
        direction,
        sourceKind,
        sourceRef,
        compareWith: codes,
      });
      void navigate(`/indikatorer/${created.id}`);
    } catch (e) {
      setProblems(problemsOf(e));
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <details className="card ind-new">
      <summary>{t('indicators.create.title')}</summary>
      <form className="form" onSubmit={(e) => void submit(e)} aria-label={t('indicators.create.title')} noValidate>
        <TextField id="ind-new-title" label={t('indicators.create.name')} value={title} onChange={setTitle} problem={problems.title} />
        <div className="field-row">
          <TextField
            id="ind-new-unit"
            label={t('indicators.unit')}
            hint={t('indicators.create.unitHint')}
            value={unit}
            onChange={setUnit}
            problem={problems.unit}
            size={12}
          />
          <SelectField<Direction>
            id="ind-new-direction"
            label={t('indicators.direction')}
            value={direction}
            onChange={setDirection}
            options={(['higher', 'lower', 'neutral'] as const).map((d) => ({ value: d, label: t(`indicators.directions.${d}`) }))}
          />
        </div>
        <div className="field">
          <label htmlFor="ind-new-definition">{t('indicators.definition')}</label>
          <textarea
            id="ind-new-definition"
            rows={3}
            value={definition}
            onChange={(e) => setDefinition(e.target.value)}
            aria-invalid={problems.definition ? true : undefined}
          />
        </div>
        <fieldset className="ind-fieldset">
          <legend>{t('indicators.source')}</legend>
          <div className="ind-radios">
            {(['manual', 'kolada', 'scb', 'computed'] as const).map((kind) => (
              <label key={kind} className="check">
                <input type="radio" name="ind-new-source" value={kind} checked={sourceKind === kind} onChange={() => setSourceKind(kind)} />{' '}
                {t(`indicators.create.sourceOption.${kind}`)}
              </label>
            ))}
          </div>
          {sourceKind === 'kolada' && (
            <div className="field">
              <label htmlFor="ind-new-kolada">{t('indicators.create.kolada')}</label>
              <input
                id="ind-new-kolada"
                list="ind-kolada-ids"
                value={kolada}
                size={10}
                onChange={(e) => setKolada(e.target.value.toUpperCase())}
                aria-invalid={problems.sourceRef ? true : undefined}
                aria-describedby={`ind-new-kolada-hint${problems.sourceRef ? ' ind-new-kolada-error' : ''}`}
              />
              <datalist id="ind-kolada-ids">
                {koladaSuggestions.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name ? `${k.id} ${k.name}` : k.id}
                  </option>
                ))}
              </datalist>
              <span className="hint" id="ind-new-kolada-hint">
                {t('indicators.create.koladaHint')}
              </span>
              {problems.sourceRef && (
                <span className="field-error" id="ind-new-kolada-error">
                  {problems.sourceRef}
                </span>
              )}
            </div>
          )}
          {sourceKind === 'scb' && (
            <SelectField
              id="ind-new-scb"
              label={t('indicators.create.scb')}
              value={scb}
              onChange={setScb}
              options={scbRefs.map((r) => ({ value: r, label: `${t(`indicators.create.scbRefs.${r.split(':')[1] ?? ''}`)} (${r})` }))}
            />
          )}
          {sourceKind === 'computed' && (
            <SelectField
              id="ind-new-computed"
              label={t('indicators.create.computed')}
              value={computed}
              onChange={setComputed}
              options={computedRefs.map((r) => ({
                value: r,
                label: `${t(`indicators.create.computedRefs.${r.replace(':', '_')}`)} (${r})`,
              }))}
            />
          )}
          {problems.sourceRef && sourceKind !== 'kolada' && (
            <p className="field-error" role="alert">
              {problems.sourceRef}
            </p>
          )}
        </fieldset>
        <TextField
          id="ind-new-compare"
          label={t('indicators.create.compareWith')}
          hint={t('indicators.create.compareHint')}
          value={compareWith}
          onChange={setCompareWith}
          problem={problems.compareWith}
        />
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('indicators.form.saving') : t('indicators.create.submit')}
        </button>
      </form>
    </details>
  );
}
