import { useTranslation } from 'react-i18next';
import type { PlanOutline } from '../../../../src/capabilities/plans/outline.ts';

export type Meta = Omit<PlanOutline, 'nodes'>;
type Adoption = NonNullable<PlanOutline['adopted']>;
type Rule = PlanOutline['followUp'][number];

const documentKinds: PlanOutline['kind'][] = ['policy', 'strategy', 'program', 'plan', 'action-plan', 'activity-plan'];
const statuses = ['draft', 'proposed', 'adopted'] as const;
const everies: Rule['every'][] = ['year', 'half-year', 'quarter', 'month'];
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const YEAR_OR_DATE = /^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$/;

export type MetaProblem = 'title' | 'date' | 'validFrom' | 'validTo';

export function metaProblems(meta: Meta): MetaProblem[] {
  const found: MetaProblem[] = [];
  if (meta.title.trim() === '') found.push('title');
  if (meta.adopted?.date && !DATE.test(meta.adopted.date)) found.push('date');
  if (meta.valid.from && !YEAR_OR_DATE.test(meta.valid.from)) found.push('validFrom');
  if (meta.valid.to && !YEAR_OR_DATE.test(meta.valid.to)) found.push('validTo');
  return found;
}

export function parseLevels(text: string): string[] {
  return text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The document's own details, as the importer read them from the front page and the decision paragraph. */
export function MetaPanel(props: {
  meta: Meta;
  onChange: (meta: Meta) => void;
  levels: string;
  onLevels: (text: string) => void;
  problems: MetaProblem[];
}) {
  const { meta, onChange, levels, onLevels, problems } = props;
  const { t } = useTranslation();
  const adoption: Adoption = meta.adopted ?? { body: null, date: null, paragraph: null, dnr: null };
  const setAdoption = (patch: Partial<Adoption>) => {
    const next = { ...adoption, ...patch };
    onChange({ ...meta, adopted: Object.values(next).some((v) => v) ? next : null });
  };
  const setRule = (index: number, patch: Partial<Rule>) =>
    onChange({ ...meta, followUp: meta.followUp.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  const invalid = (p: MetaProblem) => (problems.includes(p) ? true : undefined);
  const error = (p: MetaProblem, text: string) =>
    problems.includes(p) ? (
      <span className="field-error" id={`meta-${p}-error`}>
        {text}
      </span>
    ) : null;

  return (
    <section className="card import-meta" aria-labelledby="import-meta-heading">
      <h3 id="import-meta-heading">{t('planImport.meta.heading')}</h3>
      <div className="field">
        <label htmlFor="meta-title">{t('planImport.meta.title')}</label>
        <input
          id="meta-title"
          value={meta.title}
          onChange={(e) => onChange({ ...meta, title: e.target.value })}
          aria-invalid={invalid('title')}
          aria-describedby={problems.includes('title') ? 'meta-title-error' : undefined}
          lang="sv"
        />
        {error('title', t('planImport.meta.problems.title'))}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="meta-kind">{t('planImport.meta.kind')}</label>
          <select id="meta-kind" value={meta.kind} onChange={(e) => onChange({ ...meta, kind: e.target.value as Meta['kind'] })}>
            {documentKinds.map((k) => (
              <option key={k} value={k}>
                {t(`documentKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="meta-status">{t('planImport.meta.status')}</label>
          <select
            id="meta-status"
            value={meta.status ?? 'draft'}
            onChange={(e) => onChange({ ...meta, status: e.target.value as Meta['status'] })}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="meta-valid-from">{t('planImport.meta.validFrom')}</label>
          <input
            id="meta-valid-from"
            size={11}
            value={meta.valid.from ?? ''}
            onChange={(e) => onChange({ ...meta, valid: { ...meta.valid, from: e.target.value || null } })}
            aria-invalid={invalid('validFrom')}
            aria-describedby={['meta-valid-hint', problems.includes('validFrom') ? 'meta-validFrom-error' : ''].join(' ').trim()}
          />
          {error('validFrom', t('planImport.meta.problems.valid'))}
        </div>
        <div className="field">
          <label htmlFor="meta-valid-to">{t('planImport.meta.validTo')}</label>
          <input
            id="meta-valid-to"
            size={11}
            value={meta.valid.to ?? ''}
            onChange={(e) => onChange({ ...meta, valid: { ...meta.valid, to: e.target.value || null } })}
            aria-invalid={invalid('validTo')}
            aria-describedby={['meta-valid-hint', problems.includes('validTo') ? 'meta-validTo-error' : ''].join(' ').trim()}
          />
          {error('validTo', t('planImport.meta.problems.valid'))}
        </div>
      </div>
      <p className="hint" id="meta-valid-hint">
        {t('planImport.meta.validHint')}
      </p>

      <fieldset>
        <legend>{t('planImport.meta.adoption')}</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor="meta-body">{t('planImport.meta.body')}</label>
            <input
              id="meta-body"
              size={14}
              value={adoption.body ?? ''}
              onChange={(e) => setAdoption({ body: e.target.value || null })}
              aria-describedby="meta-body-hint"
            />
            <span className="hint" id="meta-body-hint">
              {t('planImport.meta.bodyHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="meta-date">{t('planImport.meta.date')}</label>
            <input
              id="meta-date"
              size={11}
              value={adoption.date ?? ''}
              onChange={(e) => setAdoption({ date: e.target.value || null })}
              aria-invalid={invalid('date')}
              aria-describedby={['meta-date-hint', problems.includes('date') ? 'meta-date-error' : ''].join(' ').trim()}
            />
            <span className="hint" id="meta-date-hint">
              {t('planImport.meta.dateHint')}
            </span>
            {error('date', t('planImport.meta.problems.date'))}
          </div>
          <div className="field">
            <label htmlFor="meta-paragraph">{t('planImport.meta.paragraph')}</label>
            <input
              id="meta-paragraph"
              size={6}
              value={adoption.paragraph ?? ''}
              onChange={(e) => setAdoption({ paragraph: e.target.value || null })}
            />
          </div>
          <div className="field">
            <label htmlFor="meta-dnr">{t('planImport.meta.dnr')}</label>
            <input id="meta-dnr" size={12} value={adoption.dnr ?? ''} onChange={(e) => setAdoption({ dnr: e.target.value || null })} />
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('planImport.meta.followUp')}</legend>
        {meta.followUp.map((rule, i) => (
          <div className="field-row" key={i} role="group" aria-label={t('planImport.meta.rule', { number: i + 1 })}>
            <div className="field">
              <label htmlFor={`meta-every-${i}`}>{t('planImport.meta.every')}</label>
              <select id={`meta-every-${i}`} value={rule.every} onChange={(e) => setRule(i, { every: e.target.value as Rule['every'] })}>
                {everies.map((every) => (
                  <option key={every} value={every}>
                    {t(`every.${every}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`meta-report-to-${i}`}>{t('planImport.meta.reportTo')}</label>
              <input
                id={`meta-report-to-${i}`}
                value={rule.reportTo ?? ''}
                onChange={(e) => setRule(i, { reportTo: e.target.value || null })}
              />
            </div>
            <button
              type="button"
              className="link-button small remove-rule"
              onClick={() => onChange({ ...meta, followUp: meta.followUp.filter((_, j) => j !== i) })}
            >
              {t('planImport.meta.removeRule', { number: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button small secondary"
          onClick={() => onChange({ ...meta, followUp: [...meta.followUp, { every: 'year', reportTo: null }] })}
        >
          {t('planImport.meta.addRule')}
        </button>
      </fieldset>

      <div className="field">
        <label htmlFor="meta-levels">{t('planImport.meta.levels')}</label>
        <input id="meta-levels" value={levels} onChange={(e) => onLevels(e.target.value)} aria-describedby="meta-levels-hint" lang="sv" />
        <span className="hint" id="meta-levels-hint">
          {t('planImport.meta.levelsHint')}
        </span>
      </div>
    </section>
  );
}
