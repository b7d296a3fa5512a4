import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GuideEntryView } from '../../../../src/capabilities/newcomer-guide/service.ts';
import { api, type Municipality } from '../../client.ts';
import { FormActions, TextField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { Translations } from '../../components/translations.tsx';
import i18n from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { useFocusOnMount } from '../../use-focus.ts';
import { useLoad, useTitle } from '../../use-load.ts';
import { ConfirmRemove, ExampleBadge, formatDate, problemsOf } from '../programmes/shared.tsx';
import './guide.css';

type Guide = { entries: GuideEntryView[]; canEdit: boolean };

/** "Ny i kommunen": the newcomer guide the public page shows, kept by the municipality's coordinator. */
export function GuideScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const guide = useLoad(() => api<Guide>('GET', `/api/municipalities/${code}/guide`), [code, user?.id]);
  const [editing, setEditing] = useState<GuideEntryView | 'new' | null>(null);
  const [removing, setRemoving] = useState<{ entry: GuideEntryView; from: HTMLElement } | null>(null);
  const [translating, setTranslating] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState('');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const moveButtons = useRef(new Map<string, HTMLButtonElement | null>());
  const newButton = useRef<HTMLButtonElement>(null);
  useTitle(municipality.data ? t('guide.title', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? guide.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !guide.data) return <Loading />;
  const { entries, canEdit } = guide.data;
  const publicLang = i18n.language === 'en' ? 'en' : 'sv';

  const saved = async (message: string) => {
    await guide.reload();
    setEditing(null);
    setRemoving(null);
    setFailure('');
    setNotice(message);
  };
  const move = async (entry: GuideEntryView, to: number, direction: 'up' | 'down') => {
    setFailure('');
    try {
      await api('PATCH', `/api/guide/${entry.id}`, { version: entry.version, position: to });
      await guide.reload();
      setNotice(t('guide.moved', { actor: entry.actor, place: to + 1, count: entries.length }));
      // Focus stays on the same button of the moved entry, or on its other one where this one is gone.
      setTimeout(() => {
        const same = moveButtons.current.get(`${entry.id}:${direction}`);
        const other = moveButtons.current.get(`${entry.id}:${direction === 'up' ? 'down' : 'up'}`);
        (same && !same.disabled ? same : other)?.focus();
      }, 0);
    } catch (e) {
      setFailure(problemsOf(e).message);
      await guide.reload();
    }
  };

  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{municipality.data.name}</Link> /{' '}
        {t('guide.crumb')}
      </p>
      <h1>{t('guide.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('guide.intro')}</p>
      <p>
        <a href={`/${publicLang}/kommun/${code}/ny-i-kommunen`}>{t('guide.publicPage')}</a>
      </p>
      <p role="status" aria-live="polite" className="notice" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}

      <h2>{t('guide.listTitle')}</h2>
      {entries.length === 0 ? (
        <p>{t('guide.none')}</p>
      ) : (
        <ol className="guide-list">
          {entries.map((entry, index) => (
            <li key={entry.id} className="card">
              <h3>
                {entry.actor}
                <ExampleBadge example={entry.example} />
              </h3>
              <div className="guide-columns">
                <div>
                  <h4>{t('guide.responsibilities')}</h4>
                  {entry.responsibilities.trim() === '' ? (
                    <p className="muted">–</p>
                  ) : (
                    <ul>
                      {entry.responsibilities
                        .split('\n')
                        .filter((l) => l.trim() !== '')
                        .map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                    </ul>
                  )}
                </div>
                <div>
                  <h4>{t('guide.help')}</h4>
                  {entry.help.trim() === '' ? <p className="muted">–</p> : <p className="guide-help">{entry.help}</p>}
                  {entry.url && (
                    <p>
                      <a href={entry.url}>{entry.url}</a>
                    </p>
                  )}
                </div>
              </div>
              <p className="muted">{t('guide.updated', { date: formatDate(entry.updatedAt), by: entry.updatedBy ?? '–' })}</p>
              {canEdit && (
                <div className="actions">
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => setEditing(entry)}
                    aria-label={t('guide.editOne', { actor: entry.actor })}
                  >
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    disabled={index === 0}
                    ref={(el) => void moveButtons.current.set(`${entry.id}:up`, el)}
                    onClick={() => void move(entry, index - 1, 'up')}
                    aria-label={t('guide.moveUpOne', { actor: entry.actor })}
                  >
                    {t('guide.moveUp')}
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    disabled={index === entries.length - 1}
                    ref={(el) => void moveButtons.current.set(`${entry.id}:down`, el)}
                    onClick={() => void move(entry, index + 1, 'down')}
                    aria-label={t('guide.moveDownOne', { actor: entry.actor })}
                  >
                    {t('guide.moveDown')}
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    aria-expanded={translating === entry.id}
                    onClick={() => setTranslating(translating === entry.id ? null : entry.id)}
                    aria-label={t('guide.translateOne', { actor: entry.actor })}
                  >
                    {t('guide.translate')}
                  </button>
                  <button
                    type="button"
                    className="button danger"
                    onClick={(e) => setRemoving({ entry, from: e.currentTarget })}
                    aria-label={t('guide.removeOne', { actor: entry.actor })}
                  >
                    {t('guide.remove')}
                  </button>
                </div>
              )}
              {removing?.entry.id === entry.id && (
                <ConfirmRemove
                  headingLevel={3}
                  title={t('guide.removeTitle', { actor: entry.actor })}
                  text={t('guide.removeText')}
                  confirmLabel={t('guide.removeConfirm')}
                  returnFocus={removing.from}
                  onCancel={() => setRemoving(null)}
                  onConfirm={async () => {
                    await api('DELETE', `/api/guide/${entry.id}?version=${entry.version}`);
                    await saved(t('guide.removed', { actor: entry.actor }));
                    // The entry that had focus is gone: the message saying so takes it.
                    noticeRef.current?.focus();
                  }}
                />
              )}
              {translating === entry.id && (
                <Translations kind="guide" id={entry.id} name={entry.actor} level={4} onClose={() => setTranslating(null)} />
              )}
            </li>
          ))}
        </ol>
      )}
      {editing !== null && (
        <GuideForm
          key={editing === 'new' ? 'new' : editing.id}
          code={code}
          entry={editing === 'new' ? null : editing}
          onCancel={() => {
            setEditing(null);
            setTimeout(() => newButton.current?.focus(), 0);
          }}
          onSaved={(m) => {
            void saved(m).then(() => noticeRef.current?.focus());
          }}
        />
      )}
      {canEdit && editing === null && (
        <button type="button" className="button" ref={newButton} onClick={() => setEditing('new')}>
          {t('guide.new')}
        </button>
      )}
    </section>
  );
}

function TextArea({
  id,
  label,
  hint,
  value,
  onChange,
  problem,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
}) {
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={5}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {problem && (
        <span className="field-error" id={`${id}-error`}>
          {problem}
        </span>
      )}
    </div>
  );
}

function GuideForm({
  code,
  entry,
  onCancel,
  onSaved,
}: {
  code: string;
  entry: GuideEntryView | null;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [actor, setActor] = useState(entry?.actor ?? '');
  const [responsibilities, setResponsibilities] = useState(entry?.responsibilities ?? '');
  const [help, setHelp] = useState(entry?.help ?? '');
  const [url, setUrl] = useState(entry?.url ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body = { actor, responsibilities, help, url: url.trim() === '' ? null : url.trim() };
    try {
      if (entry) await api('PATCH', `/api/guide/${entry.id}`, { version: entry.version, ...body });
      else await api('POST', `/api/municipalities/${code}/guide`, body);
      onSaved(t('guide.saved', { actor: actor.trim() }));
    } catch (e) {
      setFailure(problemsOf(e));
      setBusy(false);
    }
  };
  const p = failure?.problems ?? {};
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="guide-form-heading" noValidate>
      <h2 id="guide-form-heading" ref={headingRef} tabIndex={-1}>
        {entry ? t('guide.editTitle', { actor: entry.actor }) : t('guide.new')}
      </h2>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField
        id="guide-actor"
        label={t('guide.actor')}
        hint={t('guide.actorHint')}
        value={actor}
        onChange={setActor}
        problem={p['/actor']}
      />
      <TextArea
        id="guide-responsibilities"
        label={t('guide.responsibilities')}
        hint={t('guide.responsibilitiesHint')}
        value={responsibilities}
        onChange={setResponsibilities}
        problem={p['/responsibilities']}
      />
      <TextArea id="guide-help" label={t('guide.help')} hint={t('guide.helpHint')} value={help} onChange={setHelp} problem={p['/help']} />
      <TextField id="guide-url" label={t('guide.url')} hint={t('guide.urlHint')} value={url} onChange={setUrl} problem={p['/url']} />
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  );
}
