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
  BarChart,
  ConfirmRemove,
  ExampleBadge,
  formatDate,
  type LinkableItem,
  ProgrammeNav,
  problemsOf,
  type InternshipSummary,
  type OfferStatus,
  type OfferView,
  type PlacementView,
} from './shared.tsx';

const statuses: OfferStatus[] = ['open', 'filled', 'closed'];
const outcomes = ['ongoing', 'completed', 'employment', 'studies', 'ended_early'] as const;

/** Praktikplatser: the yearly count against the target for everyone; offers and placements for those who keep them. */
export function InternshipsScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const summary = useLoad(() => api<InternshipSummary>('GET', `/api/municipalities/${code}/internships/summary`), [code, user?.id]);
  const [status, setStatus] = useState<OfferStatus | ''>('');
  const [year, setYear] = useState('');
  const readable = summary.data?.canReadOffers ?? false;
  const offers = useLoad(
    () =>
      readable
        ? api<OfferView[]>(
            'GET',
            `/api/municipalities/${code}/internships?${new URLSearchParams({
              ...(status ? { status } : {}),
              ...(/^\d{4}$/.test(year) ? { year } : {}),
            }).toString()}`,
          )
        : Promise.resolve([]),
    [code, readable, status, year, user?.id],
  );
  const units = useLoad(() => api<Unit[]>('GET', `/api/municipalities/${code}/units`), [code]);
  const items = useLoad(() => api<LinkableItem[]>('GET', `/api/municipalities/${code}/programme-items`), [code, user?.id]);
  const [editing, setEditing] = useState<OfferView | 'new' | null>(null);
  const [placing, setPlacing] = useState<OfferView | null>(null);
  const [removing, setRemoving] = useState<{ offer: OfferView; from: HTMLElement } | null>(null);
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useTitle(municipality.data ? t('programmes.internships.title', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? summary.error ?? offers.error ?? units.error ?? items.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !summary.data || !offers.data || !units.data || !items.data) return <Loading />;
  const s = summary.data;
  const reload = async (message: string, focusNotice = false) => {
    await Promise.all([summary.reload(), offers.reload()]);
    setEditing(null);
    setPlacing(null);
    setRemoving(null);
    setNotice(message);
    // After a removal the row that had focus is gone: the message saying so takes it.
    if (focusNotice) noticeRef.current?.focus();
  };
  const ownUnits = units.data.filter((u) => u.kind !== 'partner' && (user?.role !== 'reporter' || user.unitIds.includes(u.id)));
  return (
    <section className="page">
      <ProgrammeNav code={code} name={municipality.data.name} current="praktik" />
      <h1>{t('programmes.internships.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('programmes.internships.intro')}</p>
      <p role="status" aria-live="polite" className="notice" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>

      <h2>{t('programmes.internships.perYear')}</h2>
      {s.target && (
        <p>{t('programmes.internships.target', { min: s.target.min, max: s.target.max, reference: s.target.item.reference })}</p>
      )}
      {s.years.length === 0 ? (
        <p>{t('programmes.internships.noPlacements')}</p>
      ) : (
        <div className="pg-summary">
          <BarChart
            bars={s.years.map((y) => ({ label: String(y.year), value: y.count }))}
            min={s.target?.min ?? null}
            max={s.target?.max ?? null}
            label={t('programmes.internships.chart')}
            describedBy="pg-years-table"
          />
          <table className="table compact" id="pg-years-table">
            <caption>{t('programmes.internships.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programmes.year')}</th>
                <th scope="col">{t('programmes.internships.placements')}</th>
                <th scope="col">{t('programmes.internships.status')}</th>
              </tr>
            </thead>
            <tbody>
              {s.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td className="num">
                    {y.count}
                    <ExampleBadge example={y.example} />
                  </td>
                  <td>{y.status ? t(`programmes.internships.targetStatus.${y.status}`) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        {t('programmes.internships.offerCounts', {
          open: s.offers.open,
          filled: s.offers.filled,
          closed: s.offers.closed,
          places: s.offers.places,
        })}
      </p>

      {readable && (
        <>
          <h2>{t('programmes.internships.offers')}</h2>
          <p className="alert ok">{t('programmes.internships.privacy')}</p>
          <div className="pg-filters">
            <SelectField<OfferStatus | ''>
              id="pg-filter-status"
              label={t('programmes.internships.filterStatus')}
              value={status}
              onChange={setStatus}
              options={[
                { value: '', label: t('programmes.all') },
                ...statuses.map((v) => ({ value: v, label: t(`programmes.internships.statuses.${v}`) })),
              ]}
            />
            <TextField id="pg-filter-year" label={t('programmes.internships.filterYear')} value={year} onChange={setYear} size={6} />
          </div>
          {offers.data.length === 0 ? (
            <p>{t('programmes.internships.noOffers')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="pg-offers-caption" tabIndex={0}>
              <table className="table compact">
                <caption id="pg-offers-caption">{t('programmes.internships.offers')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('programmes.internships.where')}</th>
                    <th scope="col">{t('programmes.internships.tasks')}</th>
                    <th scope="col">{t('programmes.internships.language')}</th>
                    <th scope="col">{t('programmes.internships.supervisor')}</th>
                    <th scope="col">{t('programmes.internships.period')}</th>
                    <th scope="col">{t('programmes.internships.places')}</th>
                    <th scope="col">{t('programmes.internships.status')}</th>
                    <th scope="col">{t('programmes.internships.placements')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('programmes.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {offers.data.map((o) => {
                    const where = o.unit?.name ?? o.employer ?? '';
                    return (
                      <tr key={o.id}>
                        <th scope="row">
                          {where}
                          <ExampleBadge example={o.example} />
                        </th>
                        <td>{o.tasks}</td>
                        <td>{o.languageRequirements || '–'}</td>
                        <td>
                          {o.supervisorName ?? ''}{' '}
                          {o.supervisorTrained ? t('programmes.internships.trained') : t('programmes.internships.notTrained')}
                        </td>
                        <td>
                          {formatDate(o.periodFrom)} – {formatDate(o.periodTo)}
                        </td>
                        <td className="num">{o.places}</td>
                        <td>{t(`programmes.internships.statuses.${o.status}`)}</td>
                        <td className="num">{o.placements.length}</td>
                        <td>
                          {o.canEdit && (
                            <>
                              <button
                                type="button"
                                className="link-button"
                                onClick={() => setEditing(o)}
                                aria-label={t('programmes.internships.editOffer', { where })}
                              >
                                {t('common.edit')}
                              </button>{' '}
                              <button
                                type="button"
                                className="link-button"
                                onClick={() => setPlacing(o)}
                                aria-label={t('programmes.internships.addPlacementFor', { where })}
                              >
                                {t('programmes.internships.addPlacement')}
                              </button>{' '}
                              <button
                                type="button"
                                className="link-button danger"
                                onClick={(e) => setRemoving({ offer: o, from: e.currentTarget })}
                                aria-label={t('programmes.internships.removeOffer', { where })}
                              >
                                {t('programmes.remove')}
                              </button>
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {editing !== null && (
            <OfferForm
              key={editing === 'new' ? 'new' : editing.id}
              code={code}
              offer={editing === 'new' ? null : editing}
              units={ownUnits}
              items={items.data}
              onCancel={() => setEditing(null)}
              onSaved={(message) => void reload(message)}
            />
          )}
          {removing && (
            <ConfirmRemove
              key={removing.offer.id}
              title={t('programmes.internships.removeTitle', { where: removing.offer.unit?.name ?? removing.offer.employer ?? '' })}
              text={t('programmes.internships.removeText', { count: removing.offer.placements.length })}
              confirmLabel={t('programmes.internships.removeConfirm')}
              returnFocus={removing.from}
              onCancel={() => setRemoving(null)}
              onConfirm={async () => {
                await api('DELETE', `/api/internships/${removing.offer.id}?version=${removing.offer.version}`);
                await reload(t('programmes.internships.removed'), true);
              }}
            />
          )}
          {placing && (
            <PlacementForm
              key={placing.id}
              offer={offers.data.find((o) => o.id === placing.id) ?? placing}
              onCancel={() => setPlacing(null)}
              onSaved={(m) => void reload(m)}
              onRemoved={async (m) => {
                await Promise.all([summary.reload(), offers.reload()]);
                setNotice(m);
              }}
            />
          )}
          {s.canEdit && editing === null && (
            <button type="button" className="button secondary" onClick={() => setEditing('new')}>
              {t('programmes.internships.newOffer')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function OfferForm({
  code,
  offer,
  units,
  items,
  onCancel,
  onSaved,
}: {
  code: string;
  offer: OfferView | null;
  units: Unit[];
  items: LinkableItem[];
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [where, setWhere] = useState<string>(offer ? (offer.unit?.id ?? 'external') : (units[0]?.id ?? 'external'));
  const [employer, setEmployer] = useState(offer?.employer ?? '');
  const [tasks, setTasks] = useState(offer?.tasks ?? '');
  const [language, setLanguage] = useState(offer?.languageRequirements ?? '');
  const [supervisor, setSupervisor] = useState(offer?.supervisorName ?? '');
  const [trained, setTrained] = useState(offer?.supervisorTrained ?? false);
  const [from, setFrom] = useState(offer?.periodFrom ?? '');
  const [to, setTo] = useState(offer?.periodTo ?? '');
  const [places, setPlaces] = useState(String(offer?.places ?? 1));
  const [status, setStatus] = useState<OfferStatus>(offer?.status ?? 'open');
  const initialItems = offer?.items.map((i) => i.id) ?? [];
  const [chosen, setChosen] = useState(initialItems);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body = {
      unitId: where === 'external' ? null : where,
      employer: where === 'external' ? employer : null,
      tasks,
      languageRequirements: language,
      supervisorName: supervisor || null,
      supervisorTrained: trained,
      periodFrom: from,
      periodTo: to || null,
      places: Number(places),
      status,
      ...(!offer || itemsChanged(initialItems, chosen) ? { itemIds: chosen } : {}),
    };
    try {
      if (offer) await api('PATCH', `/api/internships/${offer.id}`, { version: offer.version, ...body });
      else await api('POST', `/api/municipalities/${code}/internships`, body);
      onSaved(t('programmes.internships.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  const p = failure?.problems ?? {};
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="pg-offer-heading" noValidate>
      <h3 id="pg-offer-heading" ref={headingRef} tabIndex={-1}>
        {offer ? t('programmes.internships.editTitle') : t('programmes.internships.newOffer')}
      </h3>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <SelectField
        id="pg-offer-where"
        label={t('programmes.internships.where')}
        value={where}
        onChange={setWhere}
        options={[
          ...units.map((u) => ({ value: u.id, label: u.name })),
          { value: 'external', label: t('programmes.internships.external') },
        ]}
      />
      {where === 'external' && (
        <TextField
          id="pg-offer-employer"
          label={t('programmes.internships.employer')}
          value={employer}
          onChange={setEmployer}
          problem={p['/unitId']}
        />
      )}
      <TextField id="pg-offer-tasks" label={t('programmes.internships.tasks')} value={tasks} onChange={setTasks} problem={p['/tasks']} />
      <TextField id="pg-offer-language" label={t('programmes.internships.language')} value={language} onChange={setLanguage} />
      <TextField
        id="pg-offer-supervisor"
        label={t('programmes.internships.supervisorName')}
        hint={t('programmes.internships.supervisorHint')}
        value={supervisor}
        onChange={setSupervisor}
      />
      <div className="field inline">
        <input id="pg-offer-trained" type="checkbox" checked={trained} onChange={(e) => setTrained(e.target.checked)} />
        <label htmlFor="pg-offer-trained">{t('programmes.internships.supervisorTrained')}</label>
      </div>
      <TextField
        id="pg-offer-from"
        label={t('programmes.internships.from')}
        hint={t('programmes.dateHint')}
        value={from}
        onChange={setFrom}
        problem={p['/periodFrom']}
      />
      <TextField
        id="pg-offer-to"
        label={t('programmes.internships.to')}
        hint={t('programmes.dateHint')}
        value={to}
        onChange={setTo}
        problem={p['/periodTo']}
      />
      <TextField
        id="pg-offer-places"
        label={t('programmes.internships.places')}
        value={places}
        onChange={setPlaces}
        problem={p['/places']}
        size={4}
      />
      <SelectField
        id="pg-offer-status"
        label={t('programmes.internships.status')}
        value={status}
        onChange={setStatus}
        options={statuses.map((v) => ({ value: v, label: t(`programmes.internships.statuses.${v}`) }))}
      />
      <ItemPicker items={items} linked={offer?.items} value={chosen} onChange={setChosen} problem={p['/itemIds']} />
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  );
}

function PlacementForm({
  offer,
  onCancel,
  onSaved,
  onRemoved,
}: {
  offer: OfferView;
  onCancel: () => void;
  onSaved: (message: string) => void;
  onRemoved: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [outcome, setOutcome] = useState<(typeof outcomes)[number]>('ongoing');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  const [removing, setRemoving] = useState<{ placement: PlacementView; from: HTMLElement } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api('POST', `/api/internships/${offer.id}/placements`, { startDate: start, endDate: end || null, outcome });
      onSaved(t('programmes.internships.placementSaved'));
    } catch (e) {
      setFailure(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  const where = offer.unit?.name ?? offer.employer ?? '';
  const placementText = (pl: PlacementView) =>
    `${formatDate(pl.startDate)} – ${formatDate(pl.endDate)}, ${t(`programmes.internships.outcomes.${pl.outcome}`)}`;
  const p = failure?.problems ?? {};
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="pg-placement-heading" noValidate>
      <h3 id="pg-placement-heading" ref={headingRef} tabIndex={-1}>
        {t('programmes.internships.placementTitle', { where })}
      </h3>
      <p className="hint">{t('programmes.internships.placementPrivacy')}</p>
      {offer.placements.length > 0 && (
        <table className="table compact">
          <caption>{t('programmes.internships.registered', { count: offer.placements.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programmes.internships.startDate')}</th>
              <th scope="col">{t('programmes.internships.endDate')}</th>
              <th scope="col">{t('programmes.internships.outcome')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('programmes.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offer.placements.map((pl) => (
              <tr key={pl.id}>
                <td>
                  {formatDate(pl.startDate)}
                  <ExampleBadge example={pl.example} />
                </td>
                <td>{formatDate(pl.endDate)}</td>
                <td>{t(`programmes.internships.outcomes.${pl.outcome}`)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button danger"
                    onClick={(e) => setRemoving({ placement: pl, from: e.currentTarget })}
                    aria-label={t('programmes.internships.removePlacement', { placement: placementText(pl) })}
                  >
                    {t('programmes.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing && (
        <ConfirmRemove
          key={removing.placement.id}
          title={t('programmes.internships.removePlacementTitle')}
          text={t('programmes.internships.removePlacementText', { placement: placementText(removing.placement) })}
          confirmLabel={t('programmes.internships.removePlacementConfirm')}
          returnFocus={removing.from}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await api('DELETE', `/api/placements/${removing.placement.id}?version=${removing.placement.version}`);
            setRemoving(null);
            await onRemoved(t('programmes.internships.placementRemoved'));
            headingRef.current?.focus();
          }}
        />
      )}
      <h4>{t('programmes.internships.newPlacement')}</h4>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField
        id="pg-placement-start"
        label={t('programmes.internships.startDate')}
        hint={t('programmes.dateHint')}
        value={start}
        onChange={setStart}
        problem={p['/startDate']}
      />
      <TextField
        id="pg-placement-end"
        label={t('programmes.internships.endDate')}
        hint={t('programmes.dateHint')}
        value={end}
        onChange={setEnd}
        problem={p['/endDate']}
      />
      <SelectField
        id="pg-placement-outcome"
        label={t('programmes.internships.outcome')}
        value={outcome}
        onChange={setOutcome}
        options={outcomes.map((v) => ({ value: v, label: t(`programmes.internships.outcomes.${v}`) }))}
      />
      <FormActions onCancel={onCancel} busy={busy} label={t('programmes.internships.addPlacement')} />
    </form>
  );
}
