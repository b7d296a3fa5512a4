import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, type DocumentSummary, type DocumentView, type Municipality, type Unit } from '../client.ts';
import { adoptionText, ValidText } from '../components/doc-meta.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { canEditPlan, useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';

const unitKinds: Unit['kind'][] = ['committee', 'administration', 'unit', 'company', 'partner'];
const documentKinds = ['policy', 'strategy', 'program', 'plan', 'action-plan', 'activity-plan'];

export function MunicipalityScreen() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code, user?.id]);
  const documents = useLoad(() => api<DocumentSummary[]>('GET', `/api/municipalities/${code}/documents`), [code, user?.id]);
  const units = useLoad(() => api<Unit[]>('GET', `/api/municipalities/${code}/units`), [code]);
  useTitle(municipality.data?.name);
  const error = municipality.error ?? documents.error ?? units.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !documents.data || !units.data) return <Loading />;
  const editable = canEditPlan(user, code);
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / {municipality.data.name}
      </p>
      <h1>{municipality.data.name}</h1>
      <p className="muted">
        {municipality.data.county} · {t('municipalities.code')} {code}
      </p>
      <p>
        <a href={`/${i18n.language === 'en' ? 'en' : 'sv'}/kommun/${code}`}>{t('portal.municipality')}</a>
      </p>
      <p>
        <Link to={`/kommuner/${code}/indikatorer`}>{t('indicators.list.crumb')}</Link>
      </p>
      <p>
        <Link to={`/kommuner/${code}/praktik`}>{t('programmes.link')}</Link>
      </p>
      <p>
        <Link to={`/kommuner/${code}/aktiviteter`}>{t('catalogue.link')}</Link>
      </p>
      <p>
        <Link to={`/kommuner/${code}/matchning`}>{t('matching.link')}</Link>
      </p>
      <p>
        <Link to={`/kommuner/${code}/fonden`}>{t('fund.link')}</Link>
      </p>
      <p>
        <Link to={`/kommuner/${code}/ny-i-kommunen`}>{t('guide.link')}</Link>
      </p>

      <h2>{t('municipality.documents')}</h2>
      {documents.data.length === 0 ? (
        <p>{t('municipality.noDocuments')}</p>
      ) : (
        <ul className="cards">
          {documents.data.map((d) => (
            <li key={d.id} className="card">
              <h3>
                <Link to={`/planer/${d.id}`}>{d.title}</Link>
              </h3>
              <p>
                <span className={`badge status-${d.status}`}>{t([`status.${d.status}`, `revisions.status.${d.status}`])}</span>{' '}
                {t(`documentKinds.${d.kind}`)}
              </p>
              <dl className="meta compact">
                {d.adopted && adoptionText(d.adopted) && (
                  <>
                    <dt>{d.status === 'adopted' ? t('plan.adoptedBy') : t('plan.addressedTo')}</dt>
                    <dd>{adoptionText(d.adopted)}</dd>
                  </>
                )}
                <dt>{t('plan.valid')}</dt>
                <dd>
                  <ValidText valid={d.valid} />
                </dd>
                <dt>{t('municipality.items')}</dt>
                <dd>{d.itemCount}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <p>
          <Link className="button secondary" to={`/kommuner/${code}/importera`}>
            {t('planImport.link')}
          </Link>
        </p>
      )}
      {editable && <NewDocumentForm code={code} />}

      <h2>{t('municipality.organisation')}</h2>
      <p className="muted">{t('municipality.organisationIntro')}</p>
      {unitKinds.map((kind) => {
        const list = units.data?.filter((u) => u.kind === kind) ?? [];
        if (list.length === 0) return null;
        return (
          <section key={kind} className="unit-group" aria-labelledby={`units-${kind}`}>
            <h3 id={`units-${kind}`}>{t(`unitKinds.${kind}`)}</h3>
            <ul className="unit-list">
              {list.map((u) => (
                <UnitRow key={u.id} unit={u} editable={editable} onSaved={() => void units.reload()} />
              ))}
            </ul>
          </section>
        );
      })}
      {editable && <NewUnitForm code={code} onSaved={() => void units.reload()} />}
    </section>
  );
}

function UnitRow({ unit, editable, onSaved }: { unit: Unit; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(unit.name);
  const [abbreviation, setAbbreviation] = useState(unit.abbreviation ?? '');
  const [headName, setHeadName] = useState(unit.headName ?? '');
  const [headEmail, setHeadEmail] = useState(unit.headEmail ?? '');
  const [error, setError] = useState<string>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('PATCH', `/api/units/${unit.id}`, {
        version: unit.version,
        name,
        abbreviation: abbreviation || null,
        headName: headName || null,
        headEmail: headEmail || null,
      });
      setEditing(false);
      setError(undefined);
      onSaved();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 409
          ? t('conflict.unit', { name: (e.current as Unit | undefined)?.name ?? '' })
          : (e as Error).message,
      );
    }
  };
  if (!editing)
    return (
      <li>
        <span>
          {unit.name}
          {unit.abbreviation && <span className="muted"> ({unit.abbreviation})</span>}
          {unit.headName && (
            <span className="muted">
              {' '}
              · {t('municipality.head')}: {unit.headName}
            </span>
          )}
        </span>
        {editable && (
          <button
            type="button"
            className="link-button"
            onClick={() => setEditing(true)}
            aria-label={t('municipality.renameUnit', { name: unit.name })}
          >
            {t('common.edit')}
          </button>
        )}
      </li>
    );
  return (
    <li>
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <label>
          {t('municipality.unitName')}
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          {t('municipality.abbreviation')}
          <input value={abbreviation} onChange={(e) => setAbbreviation(e.target.value)} size={6} />
        </label>
        <label>
          {t('municipality.headName')}
          <input value={headName} onChange={(e) => setHeadName(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('municipality.headEmail')}
          <input type="email" value={headEmail} onChange={(e) => setHeadEmail(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="button small">
          {t('common.save')}
        </button>
        <button type="button" className="button small secondary" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
      </form>
    </li>
  );
}

function NewUnitForm({ code, onSaved }: { code: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Unit['kind']>('unit');
  const [abbreviation, setAbbreviation] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/api/municipalities/${code}/units`, { name, kind, abbreviation: abbreviation || null });
      setMessage({ kind: 'ok', text: t('municipality.unitAdded', { name }) });
      setName('');
      setAbbreviation('');
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="new-unit-heading">
      <h3 id="new-unit-heading">{t('municipality.addUnit')}</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor="unit-name">{t('municipality.unitName')}</label>
          <input id="unit-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="unit-kind">{t('municipality.unitKind')}</label>
          <select id="unit-kind" value={kind} onChange={(e) => setKind(e.target.value as Unit['kind'])}>
            {unitKinds.map((k) => (
              <option key={k} value={k}>
                {t(`unitKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="unit-abbreviation">{t('municipality.abbreviation')}</label>
          <input id="unit-abbreviation" value={abbreviation} onChange={(e) => setAbbreviation(e.target.value)} size={8} />
        </div>
      </div>
      <button type="submit" className="button">
        {t('municipality.addUnitButton')}
      </button>
      {message && (
        <p className={`alert ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

function NewDocumentForm({ code }: { code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('plan');
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const doc = await api<DocumentView>('POST', `/api/municipalities/${code}/plans`, { title, kind });
      void navigate(`/planer/${doc.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <details className="card">
      <summary>{t('municipality.newDocument')}</summary>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="field-row">
          <div className="field">
            <label htmlFor="doc-title">{t('municipality.documentTitle')}</label>
            <input id="doc-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="doc-kind">{t('municipality.documentKind')}</label>
            <select id="doc-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {documentKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`documentKinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="button">
          {t('municipality.createDocument')}
        </button>
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
