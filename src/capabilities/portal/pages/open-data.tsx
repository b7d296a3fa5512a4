import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import { LICENCE, type DatasetInput, type DistributionInput } from '../../open-data/dcat.ts';
import { catalogInput } from '../../open-data/service.ts';
import { href, Page } from '../layout.tsx';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { openDataMessages } from '../messages/open-data.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import type { Lang } from '../languages.ts';

type Words = ReturnType<typeof openDataMessages>;

/** The download links of one dataset, one per format; the row header says which dataset they belong to. */
function Downloads({ distributions }: { distributions: DistributionInput[] }) {
  return (
    <ul className="open-data-formats">
      {distributions.map((d) => (
        <li key={d.url}>
          <a href={d.url} type={d.format === 'csv' ? 'text/csv' : 'application/json'}>
            {d.format.toUpperCase()}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Rows of a municipality's table: each plan on its own row (its title in Swedish), then the other datasets. */
function datasetRows(datasets: DatasetInput[], t: Words, lang: Lang) {
  return datasets.flatMap((d) => {
    if (d.kind === 'plans') {
      // One plan's files share their address up to the extension; editions may share a title, never an address.
      const byPlan = new Map<string, { title: string; distributions: DistributionInput[] }>();
      for (const dist of d.distributions) {
        const key = dist.url.replace(/\.[a-z]+$/, '');
        const entry = byPlan.get(key) ?? { title: dist.title?.sv ?? '', distributions: [] };
        entry.distributions.push(dist);
        byPlan.set(key, entry);
      }
      return [...byPlan.values()].map(({ title, distributions }) => {
        const [before, after] = t.plan.split('{title}');
        return (
          <tr key={distributions[0]?.url}>
            <th scope="row">
              {before}
              {lang === 'sv' ? (
                title
              ) : (
                <span lang="sv" dir="ltr">
                  {title}
                </span>
              )}
              {after}
            </th>
            <td>
              <Downloads distributions={distributions} />
            </td>
          </tr>
        );
      });
    }
    const label = d.kind === 'follow-up' ? t.followUp : d.kind === 'indicators' ? t.indicators : t.activities;
    return [
      <tr key={d.kind}>
        <th scope="row">{label}</th>
        <td>
          <Downloads distributions={d.distributions} />
        </td>
      </tr>,
    ];
  });
}

async function openDataPage({ ctx, lang, path, publicUrl }: PageRequest) {
  const t = openDataMessages(lang);
  const common = commonMessages(lang);
  // Relative addresses: the page lists exactly what the DCAT catalogue announces, on whatever host serves it.
  const catalog = await catalogInput(ctx.db, '', { publisherName: ctx.config.OPEN_DATA_PUBLISHER, contactEmail: null });
  return (
    <Page lang={lang} path={path} title={t.title} publicUrl={publicUrl} breadcrumbs={[{ href: href(lang), label: common.home }]} shareable>
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      <section aria-labelledby="licens-rubrik">
        <h2 id="licens-rubrik">{t.licenceTitle}</h2>
        <p>{t.licenceText}</p>
        <p>
          <a href={LICENCE} rel="license">
            {t.licenceLink}
          </a>
        </p>
      </section>
      <section aria-labelledby="aldrig-rubrik">
        <h2 id="aldrig-rubrik">{t.neverTitle}</h2>
        <p>{t.neverText}</p>
      </section>
      <section aria-labelledby="utvecklare-rubrik">
        <h2 id="utvecklare-rubrik">{t.developersTitle}</h2>
        <ul>
          <li>
            <a href="/api/docs">{t.apiDocs}</a> – {t.apiDocsText}
          </li>
          <li>
            <a href="/api/open/catalog.rdf" type="application/rdf+xml">
              {t.catalogRdf}
            </a>{' '}
            – {t.catalogText}
          </li>
          <li>
            <a href="/api/open/catalog.jsonld" type="application/ld+json">
              {t.catalogJsonLd}
            </a>
          </li>
        </ul>
        <p>{t.csvText}</p>
      </section>
      <section aria-labelledby="datamangder-rubrik">
        <h2 id="datamangder-rubrik">{t.datasetsTitle}</h2>
        {catalog.municipalities.length === 0 ? (
          <p>{t.noneYet}</p>
        ) : (
          catalog.municipalities.map((m) => (
            <section key={m.code} aria-labelledby={`kommun-${m.code}-rubrik`} id={`kommun-${m.code}`} className="open-data-municipality">
              <h3 id={`kommun-${m.code}-rubrik`}>
                <a href={href(lang, `/kommun/${m.code}`)}>{m.name}</a>
              </h3>
              <table>
                <caption className="visually-hidden">{fill(common.municipalitySuffix, { municipality: m.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.datasetColumn}</th>
                    <th scope="col">{t.downloadColumn}</th>
                  </tr>
                </thead>
                <tbody>{datasetRows(m.datasets, t, lang)}</tbody>
              </table>
            </section>
          ))
        )}
      </section>
    </Page>
  );
}

export function registerOpenDataPages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/oppna-data', openDataPage);
}
