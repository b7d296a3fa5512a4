import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../client.ts';
import { useLoad } from '../use-load.ts';
import type { PublicIdentityProvider } from '../../../src/capabilities/accounts/oidc-providers.ts';
import type { SsoRefusal } from '../../../src/capabilities/accounts/oidc-rules.ts';
import { useSession } from '../session.tsx';
import { useTitle } from '../use-load.ts';

const demoMunicipalities = ['laxa', 'ljusnarsberg', 'laholm', 'osteraker', 'kalix'];

// Why a sign-in through an identity provider was refused (the server's redirect says ?sso=<reason>).
const ssoRefusals: SsoRefusal[] = [
  'expired',
  'state',
  'denied',
  'provider',
  'unavailable',
  'provider_disabled',
  'no_account',
  'no_role',
  'reporter_needs_units',
  'disabled',
  'wrong_municipality',
  'ambiguous',
];

export function LoginScreen() {
  const { t } = useTranslation();
  const { signIn, demo } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const providers = useLoad(() => api<PublicIdentityProvider[]>('GET', '/api/auth/oidc/providers'), []);
  const refusal = ssoRefusals.find((r) => r === params.get('sso'));
  useTitle(t('login.title'));
  const next = params.get('next');
  const returnTo = next && next.startsWith('/') && !next.startsWith('/logga-in') ? next : '/';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      void navigate(returnTo);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('login.wrong') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow">
      <h1>{t('login.title')}</h1>
      {refusal && (
        <p className="alert error" role="alert">
          {t(`sso.refused.${refusal}`)}
        </p>
      )}
      {providers.data && providers.data.length > 0 && (
        <nav className="card sso" aria-label={t('sso.signInWith')}>
          <div className="actions">
            {providers.data.map((p) => (
              // A full page load, not a client route: the server redirects to the identity provider.
              <a key={p.id} className="button" href={`${p.startUrl}?returnTo=${encodeURIComponent(returnTo)}`}>
                {p.displayName}
              </a>
            ))}
          </div>
          <p className="muted">{t('sso.or')}</p>
        </nav>
      )}
      <form className="form card" onSubmit={(e) => void submit(e)} noValidate>
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor="username">{t('login.username')}</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t('login.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      {demo && (
        <aside className="card demo" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('login.demoTitle')}</h2>
          <p>{t('login.demoText')}</p>
          <ul className="demo-accounts">
            {demoMunicipalities.map((m) => (
              <li key={m}>
                <code>{m}.samordnare</code>, <code>{m}.rapportor</code>, <code>{m}.lasare</code>
              </li>
            ))}
          </ul>
          <p>{t('login.demoAdmin')}</p>
        </aside>
      )}
    </section>
  );
}
