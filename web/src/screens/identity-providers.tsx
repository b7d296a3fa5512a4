import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Municipality } from '../client.ts';
import { FormActions, problemAt, SelectField, TextField } from '../components/fields.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { useLoad, useTitle } from '../use-load.ts';
import type { IdentityProviderView } from '../../../src/capabilities/accounts/oidc-providers.ts';

type SsoRole = IdentityProviderView['roleMapping'][number]['role'];
const ssoRoles: SsoRole[] = ['coordinator', 'reporter', 'reader'];

/** Administrators keep each municipality's identity providers for single sign-on. The client secret is write-only. */
export function IdentityProvidersScreen() {
  const { t } = useTranslation();
  const list = useLoad(() => api<{ redirectUri: string; providers: IdentityProviderView[] }>('GET', '/api/admin/identity-providers'), []);
  const municipalities = useLoad(() => api<Municipality[]>('GET', '/api/municipalities'), []);
  const [editing, setEditing] = useState<IdentityProviderView | 'new'>();
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  useTitle(t('sso.admin.title'));
  if (list.error) return <LoadError error={list.error} />;
  if (!list.data || !municipalities.data) return <Loading />;
  const nameOf = new Map(municipalities.data.map((m) => [m.code, m.name]));
  const remove = async (provider: IdentityProviderView) => {
    try {
      await api('DELETE', `/api/admin/identity-providers/${provider.id}?version=${provider.version}`);
      setNotice(t('sso.admin.removed', { name: provider.displayName }));
      setFailure(undefined);
      await list.reload();
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <section className="page">
      <h1>{t('sso.admin.title')}</h1>
      <p className="muted">{t('sso.admin.intro')}</p>
      <p>
        {t('sso.admin.redirectUri')}: <code>{list.data.redirectUri}</code>
      </p>
      <p role="status" className="notice">
        {notice}
      </p>
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}
      {editing ? (
        <ProviderForm
          key={editing === 'new' ? 'new' : editing.id}
          provider={editing === 'new' ? undefined : editing}
          municipalities={municipalities.data}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setNotice(t('sso.admin.saved', { name: saved.displayName }));
            void list.reload();
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('sso.admin.new')}
        </button>
      )}
      {list.data.providers.length === 0 ? (
        <p>{t('sso.admin.none')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('sso.admin.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sso.admin.displayName')}</th>
              <th scope="col">{t('sso.admin.municipality')}</th>
              <th scope="col">{t('sso.admin.issuer')}</th>
              <th scope="col">{t('sso.admin.createdAccounts')}</th>
              <th scope="col">{t('sso.admin.status')}</th>
              <th scope="col">{t('sso.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.providers.map((p) => (
              <tr key={p.id}>
                <td>{p.displayName}</td>
                <td>
                  {nameOf.get(p.municipalityCode) ?? ''} ({p.municipalityCode})
                </td>
                <td>
                  <code>{p.issuer}</code>
                </td>
                <td>{p.allowCreate ? t('sso.admin.yes') : t('sso.admin.no')}</td>
                <td>{p.enabled ? t('sso.admin.on') : t('sso.admin.off')}</td>
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={t('sso.admin.editOf', { name: p.displayName })}
                      onClick={() => setEditing(p)}
                    >
                      {t('sso.admin.edit')}
                    </button>
                    <button
                      type="button"
                      className="button danger"
                      aria-label={t('sso.admin.removeOf', { name: p.displayName })}
                      onClick={() => void remove(p)}
                    >
                      {t('sso.admin.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ProviderForm({
  provider,
  municipalities,
  onSaved,
  onCancel,
}: {
  provider: IdentityProviderView | undefined;
  municipalities: Municipality[];
  onSaved: (p: IdentityProviderView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF] = useState({
    municipalityCode: provider?.municipalityCode ?? '1860',
    displayName: provider?.displayName ?? '',
    issuer: provider?.issuer ?? '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
    scopes: provider?.scopes ?? 'openid email profile',
    roleClaim: provider?.roleClaim ?? '',
    allowCreate: provider?.allowCreate ?? false,
    enabled: provider?.enabled ?? true,
  });
  const [mapping, setMapping] = useState(provider?.roleMapping ?? []);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems({});
    setError(undefined);
    const { clientSecret, roleClaim, ...rest } = f;
    const body = {
      ...rest,
      roleClaim: roleClaim.trim() || null,
      roleMapping: mapping.filter((m) => m.value.trim() !== ''),
      // Left out when editing with the field empty: the saved secret stays.
      ...(clientSecret !== '' || !provider ? { clientSecret } : {}),
    };
    try {
      const saved = provider
        ? await api<IdentityProviderView>('PATCH', `/api/admin/identity-providers/${provider.id}`, { ...body, version: provider.version })
        : await api<IdentityProviderView>('POST', '/api/admin/identity-providers', body);
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(t('form.invalid'));
      } else setError((e as Error).message);
    }
  };
  return (
    <form className="card item-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{provider ? t('sso.admin.editOf', { name: provider.displayName }) : t('sso.admin.new')}</h2>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="field-row">
        <SelectField
          id={`${id}-m`}
          label={t('sso.admin.municipality')}
          value={f.municipalityCode}
          onChange={(municipalityCode) => set({ municipalityCode })}
          options={municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
        />
        <TextField
          id={`${id}-d`}
          label={t('sso.admin.displayName')}
          value={f.displayName}
          onChange={(displayName) => set({ displayName })}
          problem={problemAt(problems, '/displayName')}
          hint={t('sso.admin.displayNameHint')}
        />
      </div>
      <TextField
        id={`${id}-i`}
        label={t('sso.admin.issuer')}
        value={f.issuer}
        onChange={(issuer) => set({ issuer })}
        problem={problemAt(problems, '/issuer')}
        hint={t('sso.admin.issuerHint')}
      />
      <div className="field-row">
        <TextField
          id={`${id}-c`}
          label={t('sso.admin.clientId')}
          value={f.clientId}
          onChange={(clientId) => set({ clientId })}
          problem={problemAt(problems, '/clientId')}
        />
        <div className="field">
          <label htmlFor={`${id}-s`}>{t('sso.admin.clientSecret')}</label>
          <input
            id={`${id}-s`}
            type="password"
            autoComplete="new-password"
            value={f.clientSecret}
            onChange={(e) => set({ clientSecret: e.target.value })}
            aria-describedby={`${id}-s-hint`}
            aria-invalid={problemAt(problems, '/clientSecret') ? true : undefined}
          />
          <span className="hint" id={`${id}-s-hint`}>
            {provider ? t('sso.admin.clientSecretKeep') : t('sso.admin.clientSecretHint')}
          </span>
          {problemAt(problems, '/clientSecret') && <span className="field-error">{problemAt(problems, '/clientSecret')}</span>}
        </div>
        <TextField
          id={`${id}-sc`}
          label={t('sso.admin.scopes')}
          value={f.scopes}
          onChange={(scopes) => set({ scopes })}
          problem={problemAt(problems, '/scopes')}
        />
      </div>
      <TextField
        id={`${id}-rc`}
        label={t('sso.admin.roleClaim')}
        value={f.roleClaim}
        onChange={(roleClaim) => set({ roleClaim })}
        problem={problemAt(problems, '/roleClaim')}
        hint={t('sso.admin.roleClaimHint')}
      />
      <fieldset>
        <legend>{t('sso.admin.mapping')}</legend>
        <p className="hint">{t('sso.admin.mappingHint')}</p>
        {problemAt(problems, '/roleMapping') && <p className="field-error">{problemAt(problems, '/roleMapping')}</p>}
        {mapping.map((m, i) => (
          <div className="field-row" key={i}>
            <TextField
              id={`${id}-mv-${i}`}
              label={t('sso.admin.value')}
              value={m.value}
              onChange={(value) => setMapping(mapping.map((x, j) => (j === i ? { ...x, value } : x)))}
            />
            <SelectField
              id={`${id}-mr-${i}`}
              label={t('sso.admin.role')}
              value={m.role}
              onChange={(role) => setMapping(mapping.map((x, j) => (j === i ? { ...x, role } : x)))}
              options={ssoRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
            <button
              type="button"
              className="button secondary"
              aria-label={t('sso.admin.removeMapping', { value: m.value })}
              onClick={() => setMapping(mapping.filter((_, j) => j !== i))}
            >
              {t('sso.admin.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="button secondary" onClick={() => setMapping([...mapping, { value: '', role: 'reader' }])}>
          {t('sso.admin.addMapping')}
        </button>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={f.allowCreate} onChange={(e) => set({ allowCreate: e.target.checked })} />{' '}
        {t('sso.admin.allowCreate')}
      </label>
      <label className="check">
        <input type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> {t('sso.admin.enabled')}
      </label>
      <FormActions onCancel={onCancel} />
    </form>
  );
}
