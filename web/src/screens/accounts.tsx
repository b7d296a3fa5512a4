import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Municipality, type Role, type Unit, type User } from '../client.ts';
import { FormActions, problemAt, SelectField, TextField } from '../components/fields.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { useSession } from '../session.tsx';
import { ConfirmRemove } from './programmes/shared.tsx';
import { useLoad, useTitle } from '../use-load.ts';

const roles: Role[] = ['admin', 'coordinator', 'reporter', 'reader'];

/** The list carries whether an account is disabled; an erased account is disabled and renamed (decision 0025). */
type Account = User & { disabled?: boolean };
const isErased = (u: Account) => u.disabled === true && u.username.startsWith('raderad-') && u.displayName === 'Raderat konto';

/** Accounts: administrators see and create all; coordinators see their municipality's. */
export function AccountsScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const users = useLoad(() => api<Account[]>('GET', '/api/users'), [user?.id]);
  const municipalities = useLoad(() => api<Municipality[]>('GET', '/api/municipalities'), []);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [erasing, setErasing] = useState<Account>();
  // Where focus goes back to when the confirmation closes: the button that opened it.
  const opener = useRef<HTMLButtonElement | null>(null);
  useTitle(t('accounts.title'));
  if (users.error) return <LoadError error={users.error} />;
  if (!users.data || !municipalities.data) return <Loading />;
  const nameOf = new Map(municipalities.data.map((m) => [m.code, m.name]));
  const isAdmin = user?.role === 'admin';
  const act = async (work: () => Promise<string>) => {
    try {
      setNotice(await work());
      setFailure(undefined);
      await users.reload();
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  const closeConfirmation = () => {
    setErasing(undefined);
    opener.current?.focus();
  };
  return (
    <section className="page">
      <h1>{t('accounts.title')}</h1>
      <p className="muted">{user?.role === 'admin' ? t('accounts.introAdmin') : t('accounts.intro')}</p>
      <p role="status" className="notice">
        {notice}
      </p>
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}
      {erasing && (
        <ConfirmRemove
          headingLevel={2}
          title={t('privacy.accounts.eraseTitle', { username: erasing.username })}
          text={t('privacy.accounts.eraseText')}
          confirmLabel={t('privacy.accounts.eraseConfirm')}
          onCancel={closeConfirmation}
          onConfirm={() =>
            act(async () => {
              await api('DELETE', `/api/users/${erasing.id}`);
              setErasing(undefined);
              return t('privacy.accounts.erased', { username: erasing.username });
            })
          }
        />
      )}
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
      <div className="table-scroll">
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
              <th scope="col">{t('privacy.accounts.status')}</th>
              {isAdmin && <th scope="col">{t('privacy.accounts.actions')}</th>}
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
                <td>
                  {isErased(u)
                    ? t('privacy.accounts.statusErased')
                    : u.disabled
                      ? t('privacy.accounts.statusDisabled')
                      : t('privacy.accounts.statusActive')}
                </td>
                {isAdmin && (
                  <td>
                    <div className="actions">
                      <a
                        className="button secondary"
                        href={`/api/users/${u.id}/extract`}
                        download
                        aria-label={t('privacy.accounts.extractOf', { username: u.username })}
                      >
                        {t('privacy.accounts.extract')}
                      </a>
                      {u.id !== user?.id && !isErased(u) && (
                        <>
                          <button
                            type="button"
                            className="button secondary"
                            aria-label={t('sso.endSessionsOf', { username: u.username })}
                            onClick={() =>
                              void act(async () => {
                                const { ended } = await api<{ ended: number }>('DELETE', `/api/users/${u.id}/sessions`);
                                return t('sso.sessionsEnded', { count: ended, username: u.username });
                              })
                            }
                          >
                            {t('sso.endSessions')}
                          </button>
                          <button
                            type="button"
                            className="button secondary"
                            aria-label={t(u.disabled ? 'privacy.accounts.enableOf' : 'privacy.accounts.disableOf', {
                              username: u.username,
                            })}
                            onClick={() =>
                              void act(async () => {
                                await api('PUT', `/api/users/${u.id}/disabled`, { disabled: !u.disabled });
                                return t(u.disabled ? 'privacy.accounts.enabled' : 'privacy.accounts.disabled', { username: u.username });
                              })
                            }
                          >
                            {t(u.disabled ? 'privacy.accounts.enable' : 'privacy.accounts.disable')}
                          </button>
                          <button
                            type="button"
                            className="button danger"
                            aria-label={t('privacy.accounts.eraseOf', { username: u.username })}
                            onClick={(e) => {
                              opener.current = e.currentTarget;
                              setErasing(u);
                            }}
                          >
                            {t('privacy.accounts.erase')}
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
