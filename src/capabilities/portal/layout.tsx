import type { ReactNode } from 'react';
import { LANGUAGES, languageInfo, pathInLanguage, type Lang } from './languages.ts';
import { commonMessages } from './messages/common.ts';
import { fill } from './messages/define.ts';
import { stylesheetHref } from './assets.ts';

export interface Crumb {
  href: string;
  label: string;
}

export type Section = 'plans' | 'indicators' | 'activities' | 'fund' | 'newcomers';

export interface PageProps {
  lang: Lang;
  /** The path and query of this page, so the language chooser and the share link reproduce it. */
  path: string;
  title: string;
  description?: string;
  municipality?: { code: string; name: string } | undefined;
  section?: Section | undefined;
  /** From the top down, without the page itself (the h1 names that). */
  breadcrumbs?: Crumb[];
  /** Pages that can be shared and printed show their stable link at the end. */
  shareable?: boolean;
  publicUrl: string;
  children: ReactNode;
}

/** A link inside the portal in the given language. */
export function href(lang: Lang, path = ''): string {
  return `/${lang}${path}`;
}

const sectionPaths: [Section, string][] = [
  ['plans', ''],
  ['indicators', '/indikatorer'],
  ['activities', '/aktiviteter'],
  ['fund', '/fonden'],
  ['newcomers', '/ny-i-kommunen'],
];

/**
 * The frame of every public page: server-rendered HTML that works without script, one stylesheet, landmarks in the
 * order a screen reader expects, the language chooser as plain links (the same page in each language).
 */
export function Page(props: PageProps) {
  const { lang, path, municipality } = props;
  const t = commonMessages(lang);
  const info = languageInfo[lang];
  const fullTitle =
    municipality && props.title !== municipality.name
      ? `${props.title} – ${municipality.name} – ${t.siteName}`
      : `${props.title} – ${t.siteName}`;
  const sectionLabels: Record<Section, string> = {
    plans: t.plans,
    indicators: t.indicators,
    activities: t.activities,
    fund: t.fund,
    newcomers: t.newcomers,
  };
  return (
    <html lang={lang} dir={info.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={props.description ?? t.siteTagline} />
        <link rel="stylesheet" href={stylesheetHref()} />
        <link rel="canonical" href={`${props.publicUrl}${path}`} />
        {LANGUAGES.map((other) => (
          <link key={other} rel="alternate" hrefLang={other} href={`${props.publicUrl}${pathInLanguage(path, other)}`} />
        ))}
      </head>
      <body>
        <a className="skip-link" href="#innehall">
          {t.skipToContent}
        </a>
        <header className="site-header">
          <div className="wrap header-row">
            <a className="brand" href={href(lang)}>
              <span className="brand-name">{t.siteName}</span>
              <span className="brand-tagline">{t.siteTagline}</span>
            </a>
            <nav className="languages" aria-label={t.languages}>
              <ul>
                {LANGUAGES.map((other) => (
                  <li key={other}>
                    <a
                      href={pathInLanguage(path, other)}
                      lang={other}
                      hrefLang={other}
                      dir={languageInfo[other].dir}
                      aria-current={other === lang ? 'true' : undefined}
                    >
                      {languageInfo[other].nativeName}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {municipality && (
            <nav className="municipality-nav" aria-label={fill(t.municipalityNav, { municipality: municipality.name })}>
              <div className="wrap">
                <a className="municipality-name" href={href(lang, `/kommun/${municipality.code}`)}>
                  {municipality.name}
                </a>
                <ul>
                  {sectionPaths.map(([section, sub]) => (
                    <li key={section}>
                      <a
                        href={href(lang, `/kommun/${municipality.code}${sub}`)}
                        aria-current={props.section === section ? 'page' : undefined}
                      >
                        {sectionLabels[section]}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            </nav>
          )}
        </header>
        <main id="innehall" tabIndex={-1} className="wrap">
          {props.breadcrumbs && props.breadcrumbs.length > 0 && (
            <nav className="breadcrumbs" aria-label={t.breadcrumbs}>
              <ol>
                {props.breadcrumbs.map((crumb) => (
                  <li key={crumb.href}>
                    <a href={crumb.href}>{crumb.label}</a>
                  </li>
                ))}
              </ol>
            </nav>
          )}
          {props.children}
          {props.shareable && (
            <aside className="share" aria-labelledby="dela-rubrik">
              <h2 id="dela-rubrik">{t.shareTitle}</h2>
              <p>
                {t.shareText} <a href={path}>{`${props.publicUrl}${path}`}</a>
              </p>
              <p className="screen-only">{t.print}</p>
            </aside>
          )}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <ul>
              <li>
                <a href={href(lang, '/jamfor')}>{t.compare}</a>
              </li>
              <li>
                <a href={href(lang, '/oppna-data')}>{t.openData}</a>
              </li>
              <li>
                <a href={href(lang, '/tillganglighet')}>{t.accessibility}</a>
              </li>
              <li>
                {/* The words are in the page's language (a lang="sv" here drew Tigrinya with a Latin font: boxes); the
                    staff app they lead to is Swedish, which hrefLang and the marked "Svenska" say. */}
                <a href="/logga-in" hrefLang="sv">
                  {t.staffLogin}
                  {lang !== 'sv' && (
                    <>
                      {' ('}
                      <span lang="sv">Svenska</span>)
                    </>
                  )}
                </a>
              </li>
            </ul>
            <p>{t.footerAbout}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
