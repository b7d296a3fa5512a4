import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Municipality, type Unit } from '../../client.ts';
import { FormActions, SelectField, TextField } from '../../components/fields.tsx';
import { ItemPicker, itemsChanged } from '../../components/item-picker.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useFocusOnMount } from '../../use-focus.ts';
import { useLoad, useTitle } from '../../use-load.ts';
import {
  ConfirmRemove,
  CoverageBar,
  ExampleBadge,
  formatDate,
  ProgrammeNav,
  problemsOf,
  type LinkableItem,
  type TargetView,
  type TrainingView,
} from './shared.tsx';

type Kind = TrainingView['kind'];
type Audience = TrainingView['audience'];
const kinds: Kind[] = ['supervisor_training', 'leadership_training', 'workshop', 'theme_day', 'citizenship_ceremony', 'other'];
const audiences: Audience[] = ['managers', 'supervisors', 'staff', 'pupils', 'public'];

/** Utbildningar och evenemang: coverage of the targets, the list, and the forms to register and edit. */
export function TrainingsScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const [kind, setKind] = useState<Kind | ''>('');
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const list = useLoad(
    () =>
      api<{ trainings: TrainingView[]; canEdit: boolean }>('GET', `/api/municipalities/${code}/trainings${kind ? `?kind=${kind}` : ''}`),
    [code, kind, user?.id],
  );
  const targets = useLoad(
    () => api<{ targets: TargetView[]; canEdit: boolean }>('GET', `/api/municipalities/${code}/coverage-targets`),
    [code, user?.id],
  );
  const units = useLoad(() => api<Unit[]>('GET', `/api/municipalities/${code}/units`), [code]);
  const items = useLoad(() => api<LinkableItem[]>('GET', `/api/municipalities/${code}/programme-items`), [code, user?.id]);
  const [editing, setEditing] = useState<TrainingView | 'new' | null>(null);
  const [newTarget, setNewTarget] = useState(false);
  const [notice, setNotice] = useState('');
  const [removing, setRemoving] = useState<{ training: TrainingView; from: HTMLElement } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useTitle(municipality.data ? t('programmes.trainings.title', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? list.error ?? targets.error ?? units.error ?? items.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !list.data || !targets.data || !units.data || !items.data) return <Loading />;
  const editable = list.data.canEdit;
  const saved = async (message: string) => {
    await Promise.all([list.reload(), targets.reload()]);
    setEditing(null);
    setNewTarget(false);
    setRemoving(null);
    setNotice(message);
  };
  return (
    <section className="page">
      <ProgrammeNav code={code} name={municipality.data.name} current="utbildningar" />
      <h1>{t('programmes.trainings.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('programmes.trainings.intro')}</p>
      <p role="status" aria-live="polite" className="notice" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>

      <h2>{t('programmes.trainings.coverage')}</h2>
      {targets.data.targets.length === 0 ? (
        <p>{t('programmes.trainings.noTargets')}</p>
      ) : (
        <ul className="pg-targets">
          {targets.data.targets.map((g) => (
            <li key={g.id}>
              <h3>
                {g.title}
                <ExampleBadge example={g.example} />
              </h3>
              <CoverageBar
                share={g.coverage.share}
                label={t(g.measure === 'units' ? 'programmes.trainings.reachedUnits' : 'programmes.trainings.reachedPeople', {
                  reached: g.coverage.reached,
                  of: g.coverage.of,
                  share: g.coverage.share ?? 0,
                  date: formatDate(g.byDate),
                })}
              />
            </li>
          ))}
        </ul>
      )}
      {editable && !newTarget && (
        <button type="button" className="button secondary" onClick={() => setNewTarget(true)}>
          {t('programmes.trainings.newTarget')}
        </button>
      )}
      {newTarget && <TargetForm code={code} onCancel={() => setNewTarget(false)} onSaved={(m) => void saved(m)} />}

      <h2>{t('programmes.trainings.list')}</h2>
      <div className="pg-filters">
        <SelectField<Kind | ''>
          id="pg-filter-kind"
          label={t('programmes.trainings.kind')}
          value={kind}
          onChange={setKind}
          options={[{ value: '', label: t('programmes.all') }, ...kinds.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) }))]}
        />
      </div>
      {list.data.trainings.length === 0 ? (
        <p>{t('programmes.trainings.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="pg-trainings-caption" tabIndex={0}>
          <table className="table compact">
            <caption id="pg-trainings-caption">{t('programmes.trainings.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programmes.trainings.titleField')}</th>
                <th scope="col">{t('programmes.trainings.kind')}</th>
                <th scope="col">{t('programmes.trainings.date')}</th>
                <th scope="col">{t('programmes.trainings.organiser')}</th>
                <th scope="col">{t('programmes.trainings.audience')}</th>
                <th scope="col">{t('programmes.trainings.participants')}</th>
                <th scope="col">{t('programmes.trainings.units')}</th>
                <th scope="col">{t('programmes.trainings.items')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{t('programmes.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.trainings.map((tr) => (
                <tr key={tr.id}>
                  <th scope="row">
                    {tr.title}
                    <ExampleBadge example={tr.example} />
                  </th>
                  <td>{t(`programmes.kinds.${tr.kind}`)}</td>
                  <td>{formatDate(tr.date)}</td>
                  <td>{tr.organiser || '–'}</td>
                  <td>{t(`programmes.audiences.${tr.audience}`)}</td>
                  <td className="num">{tr.participants ?? '–'}</td>
                  <td>{tr.units.map((u) => u.name).join(', ') || '–'}</td>
                  <td>{tr.items.map((i) => i.reference).join(', ') || '–'}</td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing(tr)}
                        aria-label={t('programmes.trainings.editOne', { title: tr.title })}
                      >
                        {t('common.edit')}
                      </button>{' '}
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={(e) => setRemoving({ training: tr, from: e.currentTarget })}
                        aria-label={t('programmes.trainings.removeOne', { title: tr.title })}
                      >
                        {t('programmes.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {removing && (
        <ConfirmRemove
          key={removing.training.id}
          title={t('programmes.trainings.removeTitle', { title: removing.training.title })}
          text={t('programmes.trainings.removeText', { date: formatDate(removing.training.date) })}
          confirmLabel={t('programmes.trainings.removeConfirm')}
          returnFocus={removing.from}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await api('DELETE', `/api/trainings/${removing.training.id}?version=${removing.training.version}`);
            await saved(t('programmes.trainings.removed', { title: removing.training.title }));
            // The row that had focus is gone: the message saying so takes it.
            noticeRef.current?.focus();
          }}
        />
      )}
      {editing !== null && (
        <TrainingForm
          key={editing === 'new' ? 'new' : editing.id}
          code={code}
          training={editing === 'new' ? null : editing}
          units={units.data.filter((u) => u.kind !== 'partner')}
          items={items.data}
          onCancel={() => setEditing(null)}
          onSaved={(m) => void saved(m)}
        />
      )}
      {editable && editing === null && (
        <button type="button" className="button secondary" onClick={() => setEditing('new')}>
          {t('programmes.trainings.new')}
        </button>
      )}
    </section>
  );
}

function TrainingForm({
  code,
  training,
  units,
  items,
  onCancel,
  onSaved,
}: {
  code: string;
  training: TrainingView | null;
  units: Unit[];
  items: LinkableItem[];
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [kind, setKind] = useState<Kind>(training?.kind ?? 'supervisor_training');
  const [title, setTitle] = useState(training?.title ?? '');
  const [date, setDate] = useState(training?.date ?? '');
  const [organiser, setOrganiser] = useState(training?.organiser ?? '');
  const [audience, setAudience] = useState<Audience>(training?.audience ?? 'staff');
  const [participants, setParticipants] = useState(training?.participants === null || !training ? '' : String(training.participants));
  const initialItems = training?.items.map((i) => i.id) ?? [];
  const [chosen, setChosen] = useState(initialItems);
  const [reached, setReached] = useState<string[]>(training?.units.map((u) => u.id) ?? []);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body = {
      kind,
      title,
      date,
      organiser,
      audience,
      participants: participants.trim() === '' ? null : Number(participants),
      ...(!training || itemsChanged(initialItems, chosen) ? { itemIds: chosen } : {}),
      units: reached.map((unitId) => ({ unitId, trained: training?.units.find((u) => u.id === unitId)?.trained ?? 1 })),
    };
    try {
      if (training) await api('PATCH', `/api/trainings/${training.id}`, { version: training.version, ...body });
      else await api('POST', `/api/municipalities/${code}/trainings`, body);
      onSaved(t('programmes.trainings.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  const p = failure?.problems ?? {};
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="pg-training-heading" noValidate>
      <h3 id="pg-training-heading" ref={headingRef} tabIndex={-1}>
        {training ? t('programmes.trainings.editTitle') : t('programmes.trainings.new')}
      </h3>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <SelectField
        id="pg-training-kind"
        label={t('programmes.trainings.kind')}
        value={kind}
        onChange={setKind}
        options={kinds.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) }))}
      />
      <TextField
        id="pg-training-title"
        label={t('programmes.trainings.titleField')}
        value={title}
        onChange={setTitle}
        problem={p['/title']}
      />
      <TextField
        id="pg-training-date"
        label={t('programmes.trainings.date')}
        hint={t('programmes.dateHint')}
        value={date}
        onChange={setDate}
        problem={p['/date']}
      />
      <TextField id="pg-training-organiser" label={t('programmes.trainings.organiser')} value={organiser} onChange={setOrganiser} />
      <SelectField
        id="pg-training-audience"
        label={t('programmes.trainings.audience')}
        value={audience}
        onChange={setAudience}
        options={audiences.map((a) => ({ value: a, label: t(`programmes.audiences.${a}`) }))}
      />
      <TextField
        id="pg-training-participants"
        label={t('programmes.trainings.participants')}
        value={participants}
        onChange={setParticipants}
        problem={p['/participants']}
        size={6}
      />
      <fieldset className="pg-units">
        <legend>{t('programmes.trainings.unitsReached')}</legend>
        {units.map((u) => (
          <div className="field inline" key={u.id}>
            <input
              id={`pg-training-unit-${u.id}`}
              type="checkbox"
              checked={reached.includes(u.id)}
              onChange={(e) => setReached(e.target.checked ? [...reached, u.id] : reached.filter((id) => id !== u.id))}
            />
            <label htmlFor={`pg-training-unit-${u.id}`}>{u.name}</label>
          </div>
        ))}
      </fieldset>
      <ItemPicker items={items} linked={training?.items} value={chosen} onChange={setChosen} problem={p['/itemIds']} />
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  );
}

function TargetForm({ code, onCancel, onSaved }: { code: string; onCancel: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Kind>('supervisor_training');
  const [measure, setMeasure] = useState<'units' | 'people'>('units');
  const [denominator, setDenominator] = useState('');
  const [byDate, setByDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api('POST', `/api/municipalities/${code}/coverage-targets`, {
        title,
        kind,
        measure,
        denominator: denominator.trim() === '' ? null : Number(denominator),
        byDate: byDate || null,
      });
      onSaved(t('programmes.trainings.targetSaved'));
    } catch (e) {
      setFailure(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  const p = failure?.problems ?? {};
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="pg-target-heading" noValidate>
      <h3 id="pg-target-heading" ref={headingRef} tabIndex={-1}>
        {t('programmes.trainings.newTarget')}
      </h3>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField
        id="pg-target-title"
        label={t('programmes.trainings.targetTitle')}
        value={title}
        onChange={setTitle}
        problem={p['/title']}
      />
      <SelectField
        id="pg-target-kind"
        label={t('programmes.trainings.kind')}
        value={kind}
        onChange={setKind}
        options={kinds.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) }))}
      />
      <SelectField
        id="pg-target-measure"
        label={t('programmes.trainings.measure')}
        value={measure}
        onChange={setMeasure}
        options={[
          { value: 'units', label: t('programmes.trainings.measures.units') },
          { value: 'people', label: t('programmes.trainings.measures.people') },
        ]}
      />
      <TextField
        id="pg-target-denominator"
        label={t('programmes.trainings.denominator')}
        hint={t('programmes.trainings.denominatorHint')}
        value={denominator}
        onChange={setDenominator}
        problem={p['/denominator']}
        size={6}
      />
      <TextField
        id="pg-target-by"
        label={t('programmes.trainings.byDate')}
        hint={t('programmes.dateHint')}
        value={byDate}
        onChange={setByDate}
        problem={p['/byDate']}
      />
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  );
}
