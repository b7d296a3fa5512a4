import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Municipality, type Role, type Unit, type User } from '../client.ts';
import { FormActions, problemAt, SelectField, TextField } from '../components/fields.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';

const roles: Role[] = ['admin', 'coordinator', 'reporter', 'reader'];

/** Accounts: administrators see and create all; coordinators see their municipality's. */
export function AccountsScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const users = useLoad(() => api<User[]>('GET', '/api/users'), [user?.id]);
  const municipalities = useLoad(() => api<Municipality[]>('GET', '/api/municipalities'), []);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  useTitle(t('accounts.title'));
  if (users.error) return <LoadError error={users.error} />;
  if (!users.data || !municipalities.data) return <Loading />;
  const nameOf = new Map(municipalities.data.map((m) => [m.code, m.name]));
  return (
    <section className="page">
      <h1>{t('accounts.title')}</h1>
      <p className="muted">{user?.role === 'admin' ? t('accounts.introAdmin') : t('accounts.intro')}</p>
      <p role="status" className="notice">
        {notice}
      </p>
      {user?.role === 'admin' &&
        (creating ? (
          <NewAccountForm
            municipalities={municipalities.data}
            onCancel={() => setCreating(false)}
            onSaved={(created) => {
              setCreating(false);
              setNotice(t('accounts.created', { username: created.username }));
              void users.reload();
            }}
          />
        ) : (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            {t('accounts.new')}
          </button>
        ))}
      <table className="table">
        <caption className="visually-hidden">{t('accounts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accounts.username')}</th>
            <th scope="col">{t('accounts.displayName')}</th>
            <th scope="col">{t('accounts.email')}</th>
            <th scope="col">{t('accounts.role')}</th>
            <th scope="col">{t('accounts.municipality')}</th>
            <th scope="col">{t('accounts.units')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{u.email ?? '–'}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.municipalityCode ? `${nameOf.get(u.municipalityCode) ?? ''} (${u.municipalityCode})` : '–'}</td>
              <td>{u.unitIds.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NewAccountForm({
  municipalities,
  onSaved,
  onCancel,
}: {
  municipalities: Municipality[];
  onSaved: (u: User) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF] = useState({
    username: '',
    displayName: '',
    email: '',
    password: '',
    role: 'coordinator' as Role,
    municipalityCode: '1860',
  });
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const units = useLoad(() => api<Unit[]>('GET', `/api/municipalities/${f.municipalityCode}/units`), [f.municipalityCode]);
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems({});
    setError(undefined);
    try {
      const created = await api<User>('POST', '/api/users', {
        ...f,
        email: f.email.trim() || null,
        municipalityCode: f.role === 'admin' ? null : f.municipalityCode,
        unitIds: f.role === 'reporter' ? unitIds : [],
      });
      onSaved(created);
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(t('form.invalid'));
      } else setError((e as Error).message);
    }
  };
  return (
    <form className="card item-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('accounts.new')}</h2>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="field-row">
        <TextField
          id={`${id}-u`}
          label={t('accounts.username')}
          value={f.username}
          onChange={(username) => set({ username })}
          problem={problemAt(problems, '/username')}
          hint={t('accounts.usernameHint')}
        />
        <TextField
          id={`${id}-d`}
          label={t('accounts.displayName')}
          value={f.displayName}
          onChange={(displayName) => set({ displayName })}
          problem={problemAt(problems, '/displayName')}
        />
        <TextField
          id={`${id}-e`}
          label={t('accounts.email')}
          value={f.email}
          onChange={(email) => set({ email })}
          problem={problemAt(problems, '/email')}
          hint={t('accounts.emailHint')}
        />
        <TextField
          id={`${id}-p`}
          label={t('accounts.password')}
          value={f.password}
          onChange={(password) => set({ password })}
          problem={problemAt(problems, '/password')}
          hint={t('accounts.passwordHint')}
        />
      </div>
      <div className="field-row">
        <SelectField
          id={`${id}-r`}
          label={t('accounts.role')}
          value={f.role}
          onChange={(role) => set({ role })}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        {f.role !== 'admin' && (
          <SelectField
            id={`${id}-m`}
            label={t('accounts.municipality')}
            value={f.municipalityCode}
            onChange={(municipalityCode) => {
              set({ municipalityCode });
              setUnitIds([]);
            }}
            options={municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
          />
        )}
      </div>
      {f.role === 'reporter' && (
        <fieldset>
          <legend>{t('accounts.reporterUnits')}</legend>
          {problemAt(problems, '/unitIds') && <p className="field-error">{problemAt(problems, '/unitIds')}</p>}
          {(units.data ?? [])
            .filter((u) => u.kind !== 'partner')
            .map((u) => (
              <label key={u.id} className="check">
                <input
                  type="checkbox"
                  checked={unitIds.includes(u.id)}
                  onChange={(e) => setUnitIds(e.target.checked ? [...unitIds, u.id] : unitIds.filter((x) => x !== u.id))}
                />{' '}
                {u.name}
                {u.abbreviation && ` (${u.abbreviation})`}
              </label>
            ))}
        </fieldset>
      )}
      <FormActions onCancel={onCancel} />
    </form>
  );
}
