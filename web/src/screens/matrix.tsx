import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError, type DocumentView, type ItemView, type Matrix, type Unit } from '../client.ts';
import { PlanHeader } from '../components/plan-header.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { canEditPlan, useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';

type Cell = 'lead' | 'contributor' | undefined;
const next = (c: Cell): Cell => (c === undefined ? 'lead' : c === 'lead' ? 'contributor' : undefined);

export function MatrixScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const matrix = useLoad(() => api<Matrix>('GET', `/api/plans/${id}/matrix`), [id, user?.id]);
  const code = doc.data?.municipality.code;
  const units = useLoad(() => (code ? api<Unit[]>('GET', `/api/municipalities/${code}/units`) : Promise.resolve([])), [code]);
  const [extraColumns, setExtraColumns] = useState<string[]>([]);
  const [pick, setPick] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string }>();
  useTitle(doc.data ? `${t('plan.tabMatrix')} – ${doc.data.title}` : undefined);
  const error = doc.error ?? matrix.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || !matrix.data) return <Loading />;
  const editable = canEditPlan(user, doc.data.municipality.code);
  const columns = [
    ...matrix.data.columns,
    ...extraColumns
      .filter((u) => !matrix.data?.columns.some((c) => c.unitId === u))
      .flatMap((uid) => {
        const u = units.data?.find((x) => x.id === uid);
        return u ? [{ unitId: u.id, name: u.name, abbreviation: u.abbreviation, kind: u.kind }] : [];
      }),
  ];

  const cycle = async (row: Matrix['rows'][number], unitId: string) => {
    const cells: Record<string, Cell> = { ...row.cells, [unitId]: next(row.cells[unitId]) };
    const assignments = Object.entries(cells)
      .filter((e): e is [string, 'lead' | 'contributor'] => e[1] !== undefined)
      .map(([u, role]) => ({ unitId: u, role }));
    try {
      const saved = await api<ItemView>('PUT', `/api/items/${row.itemId}/responsibility`, { version: row.version, assignments });
      const updated = { ...row, version: saved.version, cells: Object.fromEntries(saved.responsible.map((r) => [r.unitId, r.role])) };
      matrix.setData({
        ...(matrix.data as Matrix),
        rows: (matrix.data as Matrix).rows.map((r) => (r.itemId === row.itemId ? updated : r)),
      });
      const unit = columns.find((c) => c.unitId === unitId);
      const state = updated.cells[unitId];
      setMessage({
        kind: 'status',
        text: t('matrix.saved', { unit: unit?.abbreviation ?? unit?.name ?? '', state: state ? t(`roles.${state}`) : t('matrix.none') }),
      });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.status === 409 ? t('matrix.conflict') : (e as Error).message });
      await matrix.reload();
    }
  };

  const symbol = (c: Cell) => (c === 'lead' ? '●' : c === 'contributor' ? '○' : '');
  const available = (units.data ?? []).filter((u) => !columns.some((c) => c.unitId === u.id));

  return (
    <section className="page">
      <PlanHeader document={doc.data} />
      <h2 id="matrix-heading">{t('matrix.title')}</h2>
      <p className="muted">{editable ? t('matrix.introEdit') : t('matrix.intro')}</p>
      <p className="legend">
        <span aria-hidden="true">●</span> {t('roles.lead')} · <span aria-hidden="true">○</span> {t('roles.contributor')}
      </p>
      {editable && available.length > 0 && (
        <div className="field inline">
          <label htmlFor="add-column">{t('matrix.addColumn')}</label>
          <select id="add-column" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">–</option>
            {available.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button small secondary"
            disabled={!pick}
            onClick={() => {
              setExtraColumns([...extraColumns, pick]);
              setPick('');
            }}
          >
            {t('matrix.add')}
          </button>
        </div>
      )}
      <p role="status" aria-live="polite" className={message?.kind === 'error' ? 'alert error' : 'notice'}>
        {message?.text}
      </p>
      {columns.length === 0 ? (
        <p>{t('matrix.noColumns')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="matrix-heading" tabIndex={0}>
          <table className="table matrix">
            <thead>
              <tr>
                <th scope="col">{t('matrix.item')}</th>
                {columns.map((c) => (
                  <th key={c.unitId} scope="col">
                    {c.abbreviation ? (
                      <abbr title={c.name} aria-label={c.name}>
                        {c.abbreviation}
                      </abbr>
                    ) : (
                      c.name
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.data.rows.map((row) => {
                const name = `${row.label}${row.number ? ` ${row.number}` : ''}`;
                return (
                  <tr key={row.itemId} className={`depth-${Math.min(row.depth, 4)}`}>
                    <th scope="row">
                      <span className="row-label">{name}</span> <span className="row-text">{row.text}</span>
                    </th>
                    {columns.map((c) => {
                      const cell = row.cells[c.unitId];
                      const state = cell ? t(`roles.${cell}`) : t('matrix.none');
                      return (
                        <td key={c.unitId} className={`cell ${cell ?? 'empty'}`}>
                          {editable ? (
                            <button
                              type="button"
                              className="cell-button"
                              aria-label={t('matrix.cellLabel', { unit: c.name, item: name, state })}
                              onClick={() => void cycle(row, c.unitId)}
                            >
                              <span aria-hidden="true">{symbol(cell)}</span>
                            </button>
                          ) : (
                            <>
                              <span aria-hidden="true">{symbol(cell)}</span>
                              <span className="visually-hidden">{cell ? state : ''}</span>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
