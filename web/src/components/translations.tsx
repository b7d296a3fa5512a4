import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languageInfo } from '../../../src/capabilities/portal/languages.ts';
import type { TranslatableKind, TranslationLang } from '../../../src/capabilities/translations/rules.ts';
import type { EntityTranslations, TranslationView } from '../../../src/capabilities/translations/service.ts';
import { api, ApiError } from '../client.ts';
import { useFocusOnMount } from '../use-focus.ts';
import { useLoad } from '../use-load.ts';
import { LoadError, Loading } from './status.tsx';
import './translations.css';

const LANGS: TranslationLang[] = ['en', 'ar', 'ti', 'so', 'prs'];

/**
 * The translations of one municipal text (a plan's title, an item, a catalogue activity) into the public pages'
 * languages: a table of the five with what each says or that it is missing, and a form per language. The inputs
 * carry the language's `lang` and `dir`, so Arabic and Dari are typed right to left and spell-checked as themselves.
 */
export function Translations({
  kind,
  id,
  name,
  level = 3,
  onClose,
  focusOnOpen = true,
}: {
  kind: TranslatableKind;
  id: string;
  /** What is translated, as the heading names it ("Mål 1", the plan's title). */
  name: string;
  level?: 2 | 3 | 4;
  onClose?: (() => void) | undefined;
  /** Opened by a button of its own, it takes the focus; shown beside a form that has it, it leaves it there. */
  focusOnOpen?: boolean;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const data = useLoad(() => api<EntityTranslations>('GET', `/api/translations/${kind}/${id}`), [kind, id]);
  const [editing, setEditing] = useState<TranslationLang>();
  const [removing, setRemoving] = useState<TranslationLang>();
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = data.data !== undefined;
  useEffect(() => {
    if (loaded && focusOnOpen) headingRef.current?.focus();
  }, [loaded, focusOnOpen]);
  const rowButtons = useRef(new Map<TranslationLang, HTMLButtonElement | null>());
  const Heading = `h${level}` as 'h3';
  const SubHeading = `h${level + 1}` as 'h4' | 'h5';
  const headingId = `${uid}-heading`;

  const languageName = (l: TranslationLang) => t(`translations.languages.${l}`);
  const backTo = (l: TranslationLang) => setTimeout(() => rowButtons.current.get(l)?.focus(), 0);

  if (data.error) return <LoadError error={data.error} />;
  if (!data.data) return <Loading />;
  const entity = data.data;
  const byLang = new Map(entity.translations.map((tr) => [tr.lang, tr]));

  const remove = async (l: TranslationLang) => {
    const current = byLang.get(l);
    setFailure(undefined);
    try {
      const fresh = await api<EntityTranslations>('DELETE', `/api/translations/${kind}/${id}/${l}?version=${current?.version ?? 0}`);
      data.setData(fresh);
      setNotice(t('translations.removed', { language: languageName(l) }));
    } catch (e) {
      setFailure((e as Error).message);
      await data.reload();
    }
    setRemoving(undefined);
    backTo(l);
  };

  return (
    <section className="card translations" aria-labelledby={headingId}>
      <Heading id={headingId} tabIndex={-1} ref={headingRef}>
        {t('translations.headingOf', { name })}
      </Heading>
      <p className="muted">{t('translations.intro')}</p>
      <dl className="translations-original">
        <dt>{t('translations.original')}</dt>
        <dd lang="sv">{entity.original.title}</dd>
      </dl>
      {!entity.canEdit && <p className="muted">{t('translations.readOnly')}</p>}
      <div className="table-scroll">
        <table className="table compact">
          <caption className="visually-hidden">{t('translations.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('translations.language')}</th>
              <th scope="col">{t('translations.translation')}</th>
              {entity.canEdit && <th scope="col">{t('translations.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {LANGS.map((l) => {
              const tr = byLang.get(l);
              const info = languageInfo[l];
              return (
                <tr key={l}>
                  <th scope="row">
                    {languageName(l)}{' '}
                    <span className="muted" lang={l} dir={info.dir}>
                      ({info.nativeName})
                    </span>
                  </th>
                  <td>
                    {tr ? (
                      <>
                        <span lang={l} dir={info.dir} className="translation-text">
                          {tr.title}
                        </span>
                        {tr.version === null && <span className="hint">{t('translations.fromCatalogue')}</span>}
                      </>
                    ) : (
                      <span className="muted">{t('translations.missing')}</span>
                    )}
                  </td>
                  {entity.canEdit && (
                    <td className="translation-actions">
                      <button
                        type="button"
                        className="button small secondary"
                        aria-label={
                          tr
                            ? t('translations.editFor', { language: languageName(l) })
                            : t('translations.addFor', { language: languageName(l) })
                        }
                        aria-expanded={editing === l}
                        ref={(el) => {
                          rowButtons.current.set(l, el);
                        }}
                        onClick={() => {
                          setNotice(undefined);
                          setRemoving(undefined);
                          setEditing(editing === l ? undefined : l);
                        }}
                      >
                        {tr ? t('translations.edit') : t('translations.add')}
                      </button>
                      {tr && tr.version !== null && (
                        <button
                          type="button"
                          className="button small danger"
                          aria-label={t('translations.removeFor', { language: languageName(l) })}
                          onClick={() => {
                            setEditing(undefined);
                            setNotice(undefined);
                            setRemoving(l);
                          }}
                        >
                          {t('translations.remove')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {removing && (
        <ConfirmRemove
          Heading={SubHeading}
          language={languageName(removing)}
          onConfirm={() => void remove(removing)}
          onCancel={() => {
            const l = removing;
            setRemoving(undefined);
            backTo(l);
          }}
        />
      )}
      {editing && (
        <TranslationForm
          key={editing}
          Heading={SubHeading}
          entity={entity}
          lang={editing}
          languageName={languageName(editing)}
          current={byLang.get(editing)}
          onSaved={(fresh) => {
            const l = editing;
            data.setData(fresh);
            setEditing(undefined);
            setNotice(t('translations.saved', { language: languageName(l) }));
            backTo(l);
          }}
          onStale={data.reload}
          onCancel={() => {
            const l = editing;
            setEditing(undefined);
            backTo(l);
          }}
        />
      )}
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {onClose && (
        <div className="actions">
          <button type="button" className="button secondary" onClick={onClose}>
            {t('translations.close')}
          </button>
        </div>
      )}
    </section>
  );
}

function TranslationForm(props: {
  Heading: 'h3' | 'h4' | 'h5';
  entity: EntityTranslations;
  lang: TranslationLang;
  languageName: string;
  current: TranslationView | undefined;
  onSaved: (fresh: EntityTranslations) => void;
  onStale: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { entity, lang, current } = props;
  const dir = languageInfo[lang].dir;
  const uid = useId();
  const [title, setTitle] = useState(current?.title ?? '');
  const [description, setDescription] = useState(current?.description ?? '');
  const [version, setVersion] = useState(current?.version ?? undefined);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  // After a conflict: what is saved now (null when someone removed it), to compare with and save over knowingly.
  const [saved, setSaved] = useState<TranslationView | null>();
  const [busy, setBusy] = useState(false);
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const isItem = entity.kind === 'item';
  const titleLabel = isItem
    ? t('translations.text', { language: props.languageName })
    : t('translations.title', { language: props.languageName });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    setProblems({});
    try {
      const body = {
        title,
        ...(entity.fields.description ? { description } : {}),
        ...(version !== undefined ? { version } : {}),
      };
      props.onSaved(await api<EntityTranslations>('PUT', `/api/translations/${entity.kind}/${entity.entityId}/${lang}`, body));
    } catch (err) {
      if (err instanceof ApiError) {
        setProblems(err.problems);
        setError(err.details.length > 0 ? undefined : err.message);
        if (err.status === 409) {
          // The saved text is shown and becomes the base: saving again replaces it knowingly.
          const now = (err.current as TranslationView | null | undefined) ?? null;
          setSaved(now);
          setVersion(now?.version ?? undefined);
          await props.onStale();
        }
      } else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: 'title' | 'description') => {
    const problem = problems[`/${name}`];
    const hint = name === 'description' && entity.fields.html ? `${uid}-${name}-hint` : '';
    return {
      id: `${uid}-${name}`,
      lang,
      dir,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': [hint, problem ? `${uid}-${name}-error` : ''].filter(Boolean).join(' ') || undefined,
    } as const;
  };
  const problemOf = (name: 'title' | 'description') =>
    problems[`/${name}`] && (
      <span className="field-error" id={`${uid}-${name}-error`}>
        {problems[`/${name}`]}
      </span>
    );

  return (
    <form className="translation-form" aria-labelledby={`${uid}-form-title`} onSubmit={(e) => void submit(e)} noValidate>
      <props.Heading id={`${uid}-form-title`} tabIndex={-1} ref={focusRef}>
        {t('translations.formTitle', { language: props.languageName })}
      </props.Heading>
      <div className="field">
        <label htmlFor={`${uid}-title`}>{titleLabel}</label>
        {isItem ? (
          <textarea {...field('title')} rows={3} value={title} onChange={(e) => setTitle(e.target.value)} />
        ) : (
          <input {...field('title')} value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
        {problemOf('title')}
      </div>
      {entity.fields.description && (
        <div className="field">
          <label htmlFor={`${uid}-description`}>{t('translations.description', { language: props.languageName })}</label>
          <textarea {...field('description')} rows={5} value={description} onChange={(e) => setDescription(e.target.value)} />
          {entity.fields.html && (
            <span className="hint" id={`${uid}-description-hint`}>
              {t('translations.descriptionHtml')}
            </span>
          )}
          {problemOf('description')}
        </div>
      )}
      {(error || saved !== undefined) && (
        <div className="alert error" role="alert">
          {error && <p>{error}</p>}
          {saved === null && <p>{t('translations.savedVersionNone')}</p>}
          {saved && (
            <p>
              {t('translations.savedVersion')}{' '}
              <span lang={lang} dir={dir}>
                {saved.title}
              </span>
            </p>
          )}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('translations.saving') : t('translations.save')}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ConfirmRemove({
  Heading,
  language,
  onConfirm,
  onCancel,
}: {
  Heading: 'h3' | 'h4' | 'h5';
  language: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="confirm translation-confirm" role="alertdialog" aria-labelledby={`${uid}-title`} aria-describedby={`${uid}-text`}>
      <Heading id={`${uid}-title`} tabIndex={-1} ref={focusRef}>
        {t('translations.confirmTitle', { language })}
      </Heading>
      <p id={`${uid}-text`}>{t('translations.confirmText', { language })}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onConfirm}>
          {t('translations.confirm')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
