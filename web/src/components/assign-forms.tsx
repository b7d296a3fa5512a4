import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FrameworkCatalogue, type Unit } from '../client.ts';
import { lang } from '../format.ts';
import { useFocusOnMount } from '../use-focus.ts';
import { FormActions } from './fields.tsx';

type Role = 'lead' | 'contributor' | '';

export function ResponsibilityForm({
  units,
  initial,
  onSubmit,
  onCancel,
}: {
  units: Unit[];
  initial: Record<string, 'lead' | 'contributor'>;
  onSubmit: (assignments: { unitId: string; role: 'lead' | 'contributor' }[]) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const [roles, setRoles] = useState<Record<string, Role>>(initial);
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await onSubmit(
        Object.entries(roles)
          .filter(([, r]) => r !== '')
          .map(([unitId, role]) => ({ unitId, role: role as 'lead' | 'contributor' })),
      );
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t('conflict.item') : (e as Error).message);
    }
  };
  return (
    <form className="card item-form" onSubmit={(e) => void submit(e)}>
      <h3 tabIndex={-1} ref={focusRef}>
        {t('item.setResponsible')}
      </h3>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('municipality.unitName')}</th>
            <th scope="col">{t('item.role')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                {u.name}
                {u.abbreviation && <span className="muted"> ({u.abbreviation})</span>}
              </th>
              <td>
                <select
                  aria-label={t('item.roleOf', { name: u.name })}
                  value={roles[u.id] ?? ''}
                  onChange={(e) => setRoles({ ...roles, [u.id]: e.target.value as Role })}
                >
                  <option value="">–</option>
                  <option value="lead">{t('roles.lead')}</option>
                  <option value="contributor">{t('roles.contributor')}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormActions onCancel={onCancel} />
    </form>
  );
}

export function FrameworkForm({
  catalogue,
  initial,
  onSubmit,
  onCancel,
}: {
  catalogue: FrameworkCatalogue;
  initial: string[];
  onSubmit: (ids: string[]) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = lang(i18n.language);
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const [chosen, setChosen] = useState(new Set(initial));
  const [error, setError] = useState<string>();
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await onSubmit([...chosen]);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t('conflict.item') : (e as Error).message);
    }
  };
  return (
    <form className="card item-form" onSubmit={(e) => void submit(e)}>
      <h3 tabIndex={-1} ref={focusRef}>
        {t('item.setFrameworks')}
      </h3>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      {catalogue.frameworks.map((f) => (
        <fieldset key={f.id}>
          <legend>{f.title[language]}</legend>
          <label className="check">
            <input type="checkbox" checked={chosen.has(f.id)} onChange={() => toggle(f.id)} /> {t('frameworks.whole')}
          </label>
          {f.items.map((i) => (
            <label key={i.id} className="check">
              <input type="checkbox" checked={chosen.has(i.id)} onChange={() => toggle(i.id)} /> {i.number}. {i.short[language]}
            </label>
          ))}
        </fieldset>
      ))}
      <FormActions onCancel={onCancel} />
    </form>
  );
}
