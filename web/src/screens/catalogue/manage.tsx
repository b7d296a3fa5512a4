import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, type Municipality } from '../../client.ts';
import { ItemPicker, itemsChanged, type LinkableItem } from '../../components/item-picker.tsx';
import { Translations } from '../../components/translations.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { OccurrenceText } from './activities.tsx';
import { categories, dateText, ExampleBadge, languageCodes, languageName, type ActivityView, type OrganiserView } from './shared.tsx';
import '../../styles/catalogue.css';

interface Managed {
  canModerate: boolean;
  organisers: OrganiserView[];
  units: { id: string; name: string }[];
  activities: ActivityView[];
}

const problemsOf = (e: unknown): Record<string, string> =>
  e instanceof ApiError ? Object.fromEntries(e.details.map((d) => [d.path.replace(/^\//, '').split('/')[0] ?? '', d.message])) : {};

/** "Mina aktiviteter": an organiser's activities and the form to submit one; for the coordinator also the queue to moderate. */
export function ManageActivitiesScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const managed = useLoad(() => api<Managed>('GET', `/api/municipalities/${code}/activities/managed`), [code]);
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<ActivityView | 'new' | null>(null);
  useTitle(municipality.data ? t('catalogue.mine.title', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? managed.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !managed.data) return <Loading />;
  const data = managed.data;
  const done = async (message: string) => {
    setNotice(message);
    setEditing(null);
    await managed.reload();
  };
  const pending = data.activities.filter((a) => a.status === 'pending');
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to={`/kommuner/${code}`}>{municipality.data.name}</Link> /{' '}
        <Link to={`/kommuner/${code}/aktiviteter`}>{t('catalogue.crumb')}</Link> / {t('catalogue.mine.link')}
      </p>
      <h1>{t('catalogue.mine.title', { name: municipality.data.name })}</h1>
      <p className="lead">{data.canModerate ? t('catalogue.mine.introCoordinator') : t('catalogue.mine.intro')}</p>
      <div role="status" aria-live="polite">
        {notice && <p className="alert ok">{notice}</p>}
      </div>
      {data.canModerate && (
        <>
          <h2>{t('catalogue.mine.queue')}</h2>
          {pending.length === 0 ? (
            <p>{t('catalogue.mine.queueEmpty')}</p>
          ) : (
            <ul className="cards">
              {pending.map((a) => (
                <li key={a.id} className="card">
                  <ActivitySummary a={a} />
                  <Moderation a={a} onDone={done} onStale={() => void managed.reload()} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h2>{t('catalogue.mine.all')}</h2>
      {editing === 'new' ? (
        <ActivityForm code={code} data={data} onDone={done} onCancel={() => setEditing(null)} />
      ) : (
        <p>
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('catalogue.mine.new')}
          </button>
        </p>
      )}
      {data.activities.length === 0 ? (
        <p>{t('catalogue.mine.none')}</p>
      ) : (
        <ul className="cards">
          {data.activities.map((a) =>
            editing !== 'new' && editing?.id === a.id ? (
              <li key={a.id} className="card">
                <ActivityForm code={code} data={data} initial={a} onDone={done} onCancel={() => setEditing(null)} />
                {data.canModerate && <Translations kind="activity" id={a.id} name={a.title} focusOnOpen={false} />}
              </li>
            ) : (
              <li key={a.id} className="card">
                <ActivitySummary a={a} />
                <div className="toolbar" role="group" aria-label={a.title}>
                  <button type="button" onClick={() => setEditing(a)}>
                    {t('catalogue.mine.edit')}
                  </button>
                  {(a.status === 'draft' || a.status === 'rejected') && (
                    <Action
                      label={t('catalogue.mine.submit')}
                      run={() => api('POST', `/api/activities/${a.id}/submit`, { version: a.version })}
                      onDone={() => done(t('catalogue.mine.sent'))}
                      onStale={() => void managed.reload()}
                    />
                  )}
                </div>
                {a.schedule.rrule && a.occurrences.length > 0 && (
                  <CancelOccurrence a={a} onDone={() => done(t('catalogue.mine.saved'))} onStale={() => void managed.reload()} />
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {data.canModerate && <OrganiserForm code={code} onDone={(name) => done(t('catalogue.organisers.saved', { name }))} />}
    </section>
  );
}

function ActivitySummary({ a }: { a: ActivityView }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>
        <Link to={`/aktiviteter/${a.id}`}>{a.title}</Link> <ExampleBadge show={a.example} />
      </h3>
      <p>
        <span className={`badge cat-status-${a.status}`}>{t(`catalogue.status.${a.status}`)}</span> {a.organiser.name}
      </p>
      {a.moderationNote && (
        <p>
          <strong>{t('catalogue.mine.note')}:</strong> {a.moderationNote}
        </p>
      )}
      <div className="cat-description small" dangerouslySetInnerHTML={{ __html: a.description }} />
      {a.occurrences[0] && (
        <p className="small">
          {t('catalogue.next')}: <OccurrenceText o={a.occurrences[0]} />
        </p>
      )}
      {a.items.length > 0 && (
        <p className="small">
          <strong>{t('catalogue.servesPlan')}:</strong> {a.items.map((i) => i.reference).join(', ')}
        </p>
      )}
    </>
  );
}

function useRun(onStale: () => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>, after: () => Promise<void> | void) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      await after();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setError(t('catalogue.mine.stale'));
        onStale();
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function ErrorText({ error }: { error: string | undefined }): ReactNode {
  return error ? (
    <p className="alert error" role="alert">
      {error}
    </p>
  ) : null;
}

function Action(props: { label: string; run: () => Promise<unknown>; onDone: () => Promise<void>; onStale: () => void }) {
  const { error, busy, run } = useRun(props.onStale);
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run(props.run, props.onDone)}>
        {props.label}
      </button>
      <ErrorText error={error} />
    </>
  );
}

function Moderation({ a, onDone, onStale }: { a: ActivityView; onDone: (m: string) => Promise<void>; onStale: () => void }) {
  const { t } = useTranslation();
  const { error, busy, run } = useRun(onStale);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const id = `reject-${a.id}`;
  return (
    <div>
      <div className="field">
        <label htmlFor={id}>{t('catalogue.mine.rejectReason')}</label>
        <textarea
          id={id}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
        />
        {problem && (
          <span className="field-error" id={`${id}-error`}>
            {problem}
          </span>
        )}
      </div>
      <div className="toolbar" role="group" aria-label={a.title}>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(
              () => api('POST', `/api/activities/${a.id}/moderate`, { version: a.version, decision: 'publish' }),
              () => onDone(t('catalogue.mine.published')),
            )
          }
        >
          {t('catalogue.mine.publish')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            if (!note.trim()) return setProblem(t('catalogue.mine.rejectNeeded'));
            setProblem(undefined);
            void run(
              () => api('POST', `/api/activities/${a.id}/moderate`, { version: a.version, decision: 'reject', note }),
              () => onDone(t('catalogue.mine.rejected')),
            );
          }}
        >
          {t('catalogue.mine.reject')}
        </button>
      </div>
      <ErrorText error={error} />
    </div>
  );
}

function CancelOccurrence({ a, onDone, onStale }: { a: ActivityView; onDone: () => Promise<void>; onStale: () => void }) {
  const { t } = useTranslation();
  const { error, busy, run } = useRun(onStale);
  const open = a.occurrences.filter((o) => !o.cancelled);
  const [date, setDate] = useState(open[0]?.date ?? '');
  const [reason, setReason] = useState('');
  const cancelled = a.occurrences.filter((o) => o.cancelled);
  const put = (day: string, body: object) => api('PUT', `/api/activities/${a.id}/occurrences/${day}`, { version: a.version, ...body });
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void run(() => put(date, { cancelled: true, reason }), onDone);
      }}
    >
      <fieldset>
        <legend>{t('catalogue.mine.cancelLegend')}</legend>
        <div className="field">
          <label htmlFor={`occ-${a.id}`}>{t('catalogue.mine.cancelDate')}</label>
          <select id={`occ-${a.id}`} value={date} onChange={(e) => setDate(e.target.value)}>
            {open.slice(0, 20).map((o) => (
              <option key={o.date} value={o.date}>
                {dateText(o.start)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`occ-reason-${a.id}`}>{t('catalogue.mine.cancelReason')}</label>
          <input id={`occ-reason-${a.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="button secondary small" disabled={busy || !date}>
          {t('catalogue.mine.cancel')}
        </button>
        {cancelled.map((o) => (
          <button
            key={o.date}
            type="button"
            className="button secondary small"
            disabled={busy}
            onClick={() => void run(() => put(o.date, { cancelled: false }), onDone)}
          >
            {t('catalogue.mine.restore', { date: dateText(o.start, false) })}
          </button>
        ))}
      </fieldset>
      <ErrorText error={error} />
    </form>
  );
}

const repeats = ['', 'FREQ=WEEKLY', 'FREQ=WEEKLY;INTERVAL=2', 'FREQ=MONTHLY', 'FREQ=YEARLY'] as const;
const repeatLabel: Record<string, string> = {
  '': 'repeatNone',
  'FREQ=WEEKLY': 'repeatWeekly',
  'FREQ=WEEKLY;INTERVAL=2': 'repeatBiweekly',
  'FREQ=MONTHLY': 'repeatMonthly',
  'FREQ=YEARLY': 'repeatYearly',
};

function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  problem?: string | undefined;
  type?: string;
  hint?: string;
  multiline?: boolean;
}) {
  const describedBy =
    [props.hint ? `${props.id}-hint` : '', props.problem ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: props.id,
    value: props.value,
    'aria-invalid': props.problem ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? 'text'} onChange={(e) => props.onChange(e.target.value)} />
      )}
      {props.hint && (
        <span className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.problem && (
        <span className="field-error" id={`${props.id}-error`}>
          {props.problem}
        </span>
      )}
    </div>
  );
}

function ActivityForm(props: {
  code: string;
  data: Managed;
  initial?: ActivityView;
  onDone: (message: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const a = props.initial;
  const choices = [
    ...props.data.organisers.map((o) => ({
      value: `o:${o.id}`,
      label: o.kind === 'unit' ? t('catalogue.form.unit', { name: o.name }) : o.name,
    })),
    ...props.data.units.map((u) => ({ value: `u:${u.id}`, label: t('catalogue.form.unit', { name: u.name }) })),
  ];
  const [organiser, setOrganiser] = useState(a ? `o:${a.organiser.id}` : (choices[0]?.value ?? ''));
  const [f, setF] = useState({
    title: a?.title ?? '',
    description: a?.description ?? '',
    enTitle: a?.translations.en?.title ?? '',
    enDescription: a?.translations.en?.description ?? '',
    category: a?.category ?? 'language',
    targetGroup: a?.targetGroup ?? '',
    ageMin: a?.ageMin?.toString() ?? '',
    ageMax: a?.ageMax?.toString() ?? '',
    placeName: a?.place.name ?? '',
    address: a?.place.address ?? '',
    accessibility: a?.place.accessibility ?? '',
    startDate: a?.schedule.startDate ?? '',
    startTime: a?.schedule.startTime ?? '18:00',
    durationMinutes: String(a?.schedule.durationMinutes ?? 90),
    rrule: a?.schedule.rrule ?? '',
    until: a?.schedule.until ?? '',
    cost: a?.cost ?? '',
    registration: a?.registration ?? '',
    contact: a?.contact ?? '',
  });
  const [languages, setLanguages] = useState<string[]>(a?.languages ?? ['sv']);
  // The plan items the activity serves: its held occurrences then count in their follow-up ("2 aktiviteter per år").
  const linkable = useLoad(() => api<LinkableItem[]>('GET', `/api/municipalities/${props.code}/programme-items`), [props.code]);
  const initialItems = a?.items.map((i) => i.id) ?? [];
  const [chosen, setChosen] = useState(initialItems);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const custom = !(repeats as readonly string[]).includes(f.rrule);
  const p = (k: string) => problems[k];
  const id = a ? `act-${a.id}` : 'act-new';
  const num = (s: string) => (s.trim() === '' ? null : Number(s));

  const save = async (submit: boolean) => {
    setBusy(true);
    setError(undefined);
    // A saved activity's translations are kept in their own part below the form (components/translations.tsx); only
    // a new one takes its English here, and an edit never sends them, so it cannot undo a translation saved there.
    const translations: Record<string, { title: string; description: string }> = {};
    if (f.enTitle.trim()) translations.en = { title: f.enTitle, description: f.enDescription };
    const fields = {
      title: f.title,
      description: f.description,
      ...(a ? {} : { translations }),
      category: f.category,
      targetGroup: f.targetGroup,
      ageMin: num(f.ageMin),
      ageMax: num(f.ageMax),
      languages,
      placeName: f.placeName,
      address: f.address,
      accessibility: f.accessibility,
      startDate: f.startDate,
      startTime: f.startTime,
      durationMinutes: Number(f.durationMinutes),
      rrule: f.rrule || null,
      until: f.rrule && f.until ? f.until : null,
      cost: f.cost,
      registration: f.registration,
      contact: f.contact,
      ...(!a || itemsChanged(initialItems, chosen) ? { itemIds: chosen } : {}),
    };
    try {
      if (a) {
        await api('PATCH', `/api/activities/${a.id}`, { version: a.version, ...fields });
        await props.onDone(t('catalogue.mine.saved'));
      } else {
        const [kind, organiserId] = organiser.split(':') as [string, string];
        await api('POST', `/api/municipalities/${props.code}/activities`, {
          ...fields,
          ...(kind === 'o' ? { organiserId } : { unitId: organiserId }),
          submit,
        });
        await props.onDone(submit ? t('catalogue.mine.sent') : t('catalogue.mine.saved'));
      }
    } catch (e) {
      setProblems(problemsOf(e));
      setError(e instanceof ApiError && e.details.length > 0 ? t('catalogue.form.fix') + ' ' + e.message : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="cat-form"
      aria-label={a ? t('catalogue.mine.editTitle', { title: a.title }) : t('catalogue.mine.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void save(true);
      }}
    >
      <h3>{a ? t('catalogue.mine.editTitle', { title: a.title }) : t('catalogue.mine.new')}</h3>
      {!a && (
        <div className="field">
          <label htmlFor={`${id}-organiser`}>{t('catalogue.form.organiser')}</label>
          <select id={`${id}-organiser`} value={organiser} onChange={(e) => setOrganiser(e.target.value)}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field id={`${id}-title`} label={t('catalogue.form.title')} value={f.title} onChange={set('title')} problem={p('title')} />
      <Field
        id={`${id}-description`}
        label={t('catalogue.form.description')}
        value={f.description}
        onChange={set('description')}
        hint={t('catalogue.form.descriptionHint')}
        multiline
      />
      {!a && (
        <>
          <Field
            id={`${id}-en-title`}
            label={t('catalogue.form.enTitle')}
            value={f.enTitle}
            onChange={set('enTitle')}
            problem={p('translations')}
          />
          <Field
            id={`${id}-en-description`}
            label={t('catalogue.form.enDescription')}
            value={f.enDescription}
            onChange={set('enDescription')}
            multiline
          />
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-category`}>{t('catalogue.form.category')}</label>
        <select id={`${id}-category`} value={f.category} onChange={(e) => set('category')(e.target.value)}>
          {categories.map((c) => (
            <option key={c} value={c}>
              {t(`catalogue.categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <Field id={`${id}-target`} label={t('catalogue.form.targetGroup')} value={f.targetGroup} onChange={set('targetGroup')} />
      <div className="field-row">
        <Field
          id={`${id}-age-min`}
          type="number"
          label={t('catalogue.form.ageMin')}
          value={f.ageMin}
          onChange={set('ageMin')}
          problem={p('ageMin')}
        />
        <Field
          id={`${id}-age-max`}
          type="number"
          label={t('catalogue.form.ageMax')}
          value={f.ageMax}
          onChange={set('ageMax')}
          problem={p('ageMax')}
        />
      </div>
      <fieldset className="cat-languages">
        <legend>{t('catalogue.form.languages')}</legend>
        {languageCodes.map((l) => (
          <label key={l}>
            <input
              type="checkbox"
              checked={languages.includes(l)}
              onChange={(e) => setLanguages(e.target.checked ? [...languages, l] : languages.filter((x) => x !== l))}
            />
            {languageName(l)}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-place`} label={t('catalogue.form.placeName')} value={f.placeName} onChange={set('placeName')} />
      <Field id={`${id}-address`} label={t('catalogue.form.address')} value={f.address} onChange={set('address')} />
      <Field id={`${id}-access`} label={t('catalogue.form.accessibility')} value={f.accessibility} onChange={set('accessibility')} />
      <div className="field-row">
        <Field
          id={`${id}-date`}
          type="date"
          label={t('catalogue.form.startDate')}
          value={f.startDate}
          onChange={set('startDate')}
          problem={p('startDate')}
        />
        <Field
          id={`${id}-time`}
          type="time"
          label={t('catalogue.form.startTime')}
          value={f.startTime}
          onChange={set('startTime')}
          problem={p('startTime')}
        />
        <Field
          id={`${id}-duration`}
          type="number"
          label={t('catalogue.form.duration')}
          value={f.durationMinutes}
          onChange={set('durationMinutes')}
          problem={p('durationMinutes')}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>{t('catalogue.form.repeat')}</label>
        <select
          id={`${id}-repeat`}
          value={custom ? 'custom' : f.rrule}
          onChange={(e) => set('rrule')(e.target.value === 'custom' ? 'FREQ=WEEKLY;BYDAY=MO' : e.target.value)}
        >
          {repeats.map((r) => (
            <option key={r} value={r}>
              {t(`catalogue.form.${repeatLabel[r] ?? 'repeatNone'}`)}
            </option>
          ))}
          <option value="custom">{t('catalogue.form.repeatCustom')}</option>
        </select>
      </div>
      {custom && (
        <Field id={`${id}-rrule`} label={t('catalogue.form.rrule')} value={f.rrule} onChange={set('rrule')} problem={p('rrule')} />
      )}
      {f.rrule && (
        <Field
          id={`${id}-until`}
          type="date"
          label={t('catalogue.form.until')}
          value={f.until}
          onChange={set('until')}
          problem={p('until')}
        />
      )}
      <Field id={`${id}-cost`} label={t('catalogue.form.cost')} value={f.cost} onChange={set('cost')} />
      <Field id={`${id}-registration`} label={t('catalogue.form.registration')} value={f.registration} onChange={set('registration')} />
      <Field id={`${id}-contact`} label={t('catalogue.form.contact')} value={f.contact} onChange={set('contact')} />
      {linkable.error ? (
        <p className="alert error">{t('catalogue.form.itemsUnavailable')}</p>
      ) : linkable.data ? (
        <ItemPicker
          items={linkable.data}
          linked={a?.items}
          value={chosen}
          onChange={setChosen}
          legend={t('catalogue.form.items')}
          hint={t('catalogue.form.itemsHint')}
          problem={p('itemIds')}
        />
      ) : (
        <p className="muted">{t('catalogue.form.itemsLoading')}</p>
      )}
      <ErrorText error={error} />
      <div className="toolbar">
        {a ? (
          <button type="submit" className="button" disabled={busy}>
            {t('catalogue.form.save')}
          </button>
        ) : (
          <>
            <button type="submit" className="button" disabled={busy}>
              {t('catalogue.mine.submit')}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => void save(false)}>
              {t('catalogue.form.saveDraft')}
            </button>
          </>
        )}
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('catalogue.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function OrganiserForm({ code, onDone }: { code: string; onDone: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [orgNumber, setOrgNumber] = useState('');
  const [contact, setContact] = useState('');
  const { error, busy, run } = useRun(() => undefined);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => api('POST', `/api/municipalities/${code}/organisers`, { name, orgNumber: orgNumber || null, contact: contact || null }),
          async () => {
            const saved = name;
            setName('');
            setOrgNumber('');
            setContact('');
            await onDone(saved);
          },
        );
      }}
    >
      <h2>{t('catalogue.organisers.legend')}</h2>
      <Field id="org-name" label={t('catalogue.organisers.name')} value={name} onChange={setName} />
      <Field id="org-number" label={t('catalogue.organisers.orgNumber')} value={orgNumber} onChange={setOrgNumber} />
      <Field id="org-contact" label={t('catalogue.organisers.contact')} value={contact} onChange={setContact} />
      <ErrorText error={error} />
      <button type="submit" className="button secondary" disabled={busy || !name.trim()}>
        {t('catalogue.organisers.save')}
      </button>
    </form>
  );
}
