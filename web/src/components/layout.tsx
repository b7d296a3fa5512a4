import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { languages } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { Loading } from './status.tsx';
import { MyReportsNavItem, OutboxNavItem } from './reporting/nav.tsx';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { user, signOut, signOutEverywhere } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>Delaktig</span>
          </Link>
          <nav aria-label={t('layout.nav')}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('layout.municipalities')}
                </NavLink>
              </li>
              {user?.municipalityCode && (
                <li>
                  <NavLink to={`/kommuner/${user.municipalityCode}`}>{t('layout.myMunicipality')}</NavLink>
                </li>
              )}
              <MyReportsNavItem />
              {(user?.role === 'admin' || user?.role === 'coordinator') && (
                <li>
                  <NavLink to="/admin/konton">{t('layout.accounts')}</NavLink>
                </li>
              )}
              <OutboxNavItem />
              {user?.role === 'admin' && (
                <li>
                  <NavLink to="/admin/logg">{t('layout.audit')}</NavLink>
                </li>
              )}
              {user?.role === 'admin' && (
                <li>
                  <NavLink to="/admin/inloggning">{t('sso.nav')}</NavLink>
                </li>
              )}
              <li>
                <a href="/api/docs">{t('layout.api')}</a>
              </li>
            </ul>
          </nav>
          <div className="tools">
            <label className="language">
              <span className="visually-hidden">{t('layout.language')}</span>
              <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
                {languages.map((l) => (
                  <option key={l.code} value={l.code} lang={l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            {user ? (
              <span className="who">
                <span>
                  {user.displayName} <span className="role">({t(`roles.${user.role}`)})</span>
                </span>
                <a href="/api/auth/me/extract" download className="link-button">
                  {t('privacy.myExtract')}
                </a>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    void signOut().then(() => navigate('/'));
                  }}
                >
                  {t('layout.signOut')}
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    void signOutEverywhere().then(() => navigate('/'));
                  }}
                >
                  {t('sso.signOutEverywhere')}
                </button>
              </span>
            ) : (
              <Link to={`/logga-in?next=${encodeURIComponent(location.pathname)}`} className="button secondary">
                {t('layout.signIn')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('layout.footer')}</p>
      </footer>
    </>
  );
}
