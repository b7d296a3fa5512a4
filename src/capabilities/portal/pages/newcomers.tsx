import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import { listGuide, type GuideEntryView } from '../../newcomer-guide/service.ts';
import { responsibilityLines } from '../../newcomer-guide/rules.ts';
import { loadTranslations } from '../../translations/service.ts';
import { localText } from '../../translations/rules.ts';
import { Local } from '../components.tsx';
import { formatDate, type Lang } from '../languages.ts';
import { href, Page } from '../layout.tsx';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { newcomersMessages } from '../messages/newcomers.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import { municipalityOf } from './home.tsx';

type Messages = ReturnType<typeof newcomersMessages>;

/**
 * National help for every newcomer. A language version is linked only where the site is known to have one at that
 * address; elsewhere the Swedish start page, said so.
 */
const nationalHelp: {
  key: 'n1177' | 'nMigrationsverket' | 'nArbetsformedlingen' | 'nInformationsverige';
  url: string;
  versions: Partial<Record<Lang, string>>;
}[] = [
  { key: 'n1177', url: 'https://www.1177.se', versions: {} },
  { key: 'nMigrationsverket', url: 'https://www.migrationsverket.se', versions: {} },
  { key: 'nArbetsformedlingen', url: 'https://arbetsformedlingen.se', versions: { en: 'https://arbetsformedlingen.se/other-languages' } },
  {
    key: 'nInformationsverige',
    url: 'https://www.informationsverige.se/sv/',
    versions: { en: 'https://www.informationsverige.se/en/', ar: 'https://www.informationsverige.se/ar/' },
  },
];

/** Lines of contact text kept as written: addresses and hours read line by line. */
function Lines({ text, lang, pageLang }: { text: string; lang: Lang; pageLang: Lang }) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return (
    <>
      {lines.map((line, i) => (
        <Local key={i} value={{ text: line, lang }} pageLang={pageLang} block />
      ))}
    </>
  );
}

function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

function ActorSection({
  entry,
  index,
  title,
  responsibilities,
  lang,
  t,
}: {
  entry: GuideEntryView;
  index: number;
  title: { text: string; lang: Lang };
  responsibilities: { lines: string[]; lang: Lang };
  lang: Lang;
  t: Messages;
}) {
  const id = `aktor-${index + 1}`;
  const foreign = responsibilities.lang !== lang;
  return (
    <section aria-labelledby={`${id}-rubrik`} id={id} className="guide-actor">
      <h3 id={`${id}-rubrik`}>
        <Local value={title} pageLang={lang} />
      </h3>
      {responsibilities.lines.length > 0 && (
        <>
          <h4>{t.responsibilitiesHeading}</h4>
          <ul lang={foreign ? responsibilities.lang : undefined} dir={foreign ? 'ltr' : undefined}>
            {responsibilities.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          {foreign && <p className="not-translated">{commonMessages(lang).notTranslated}</p>}
        </>
      )}
      {(entry.help.trim() !== '' || entry.url) && (
        <>
          <h4>{t.helpHeading}</h4>
          <Lines text={entry.help} lang="sv" pageLang={lang} />
          {entry.url && (
            <p>
              {t.website}{' '}
              <a href={entry.url} dir="ltr">
                {linkLabel(entry.url)}
              </a>
            </p>
          )}
        </>
      )}
      <p className="muted">{fill(t.updated, { date: formatDate(lang, entry.updatedAt.slice(0, 10)) })}</p>
    </section>
  );
}

async function newcomersPage({ ctx, lang, path, params, publicUrl }: PageRequest) {
  const t = newcomersMessages(lang);
  const common = commonMessages(lang);
  const municipality = await municipalityOf(ctx, params.code ?? '');
  const { entries } = await listGuide(ctx.db, null, municipality.code);
  const translations = await loadTranslations(
    ctx.db,
    'guide',
    entries.map((e) => e.id),
    lang,
  );
  const shown = entries.map((entry) => {
    const tr = translations.get(entry.id);
    const title = localText(entry.actor, tr?.title, lang);
    const described = localText(entry.responsibilities, tr?.description, lang);
    return { entry, title, responsibilities: { lines: responsibilityLines(described.text), lang: described.lang } };
  });
  const title = fill(t.title, { municipality: municipality.name });
  return (
    <Page
      lang={lang}
      path={path}
      title={title}
      municipality={municipality}
      section="newcomers"
      publicUrl={publicUrl}
      shareable
      breadcrumbs={[
        { href: href(lang), label: common.home },
        { href: href(lang, `/kommun/${municipality.code}`), label: municipality.name },
      ]}
      description={fill(t.intro, { municipality: municipality.name })}
    >
      <h1>{title}</h1>
      <p className="lead">{fill(t.intro, { municipality: municipality.name })}</p>
      <p className="notice">{t.emergency}</p>
      {entries.length === 0 ? (
        <p>{t.noEntries}</p>
      ) : (
        <>
          {entries.some((e) => e.example) && <p className="notice">{t.example}</p>}
          <section aria-labelledby="i-korthet-rubrik">
            <h2 id="i-korthet-rubrik">{t.summaryTitle}</h2>
            <div className="table-scroll">
              <table className="guide-summary">
                <caption>{fill(t.summaryCaption, { municipality: municipality.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colActor}</th>
                    <th scope="col">{t.colResponsibilities}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map(({ entry, title: actor, responsibilities }, i) => (
                    <tr key={entry.id}>
                      <th scope="row">
                        <a href={`#aktor-${i + 1}`}>
                          <Local value={actor} pageLang={lang} />
                        </a>
                      </th>
                      <td>
                        <span
                          lang={responsibilities.lang !== lang ? responsibilities.lang : undefined}
                          dir={responsibilities.lang !== lang ? 'ltr' : undefined}
                        >
                          {responsibilities.lines.join(' · ')}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="aktorer-rubrik">
            <h2 id="aktorer-rubrik">{t.actorsTitle}</h2>
            <div className="guide-actors">
              {shown.map(({ entry, title: actor, responsibilities }, i) => (
                <ActorSection key={entry.id} entry={entry} index={i} title={actor} responsibilities={responsibilities} lang={lang} t={t} />
              ))}
            </div>
          </section>
        </>
      )}
      <section aria-labelledby="nationellt-rubrik">
        <h2 id="nationellt-rubrik">{t.nationalTitle}</h2>
        <p>{t.nationalIntro}</p>
        <ul className="guide-national">
          {nationalHelp.map(({ key, url, versions }) => {
            const version = versions[lang];
            return (
              <li key={key}>
                <a href={version ?? url} hrefLang={version ? lang : 'sv'}>
                  {t[key]}
                </a>{' '}
                {lang !== 'sv' && <span className="muted">{version ? t.inYourLanguage : t.inSwedish}</span>}
              </li>
            );
          })}
        </ul>
      </section>
    </Page>
  );
}

export function registerNewcomerPages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/kommun/:code/ny-i-kommunen', newcomersPage);
}
