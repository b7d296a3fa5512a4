import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../client.ts';
import { useSession } from '../session.tsx';
import { useTitle } from '../use-load.ts';

const demoMunicipalities = ['laxa', 'ljusnarsberg', 'laholm', 'osteraker', 'kalix'];

export function LoginScreen() {
  const { t } = useTranslation();
  const { signIn, demo } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useTitle(t('login.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      const next = params.get('next');
      void navigate(next && next.startsWith('/') && !next.startsWith('/logga-in') ? next : '/');
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('login.wrong') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow">
      <h1>{t('login.title')}</h1>
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
