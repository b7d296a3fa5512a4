import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import { notFound } from '../../../kernel/errors.ts';
import { listDocuments } from '../../plans/service.ts';
import { formatDate, formatNumber } from '../languages.ts';
import { href, Page } from '../layout.tsx';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { homeMessages } from '../messages/home.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import { overallProgressOf } from '../plan-data.ts';
import { PlanProgressNote } from './plan.tsx';

/** Documents anyone may read: the statuses decision 0008 makes public. */
export const PUBLIC_STATUSES = ['proposed', 'adopted', 'superseded'] as const;

export async function municipalityOf(ctx: AppContext, code: string): Promise<{ code: string; name: string }> {
  const row = /^[0-9]{4}$/.test(code)
    ? await ctx.db.selectFrom('municipality').select(['code', 'name']).where('code', '=', code).executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Kommunen');
  return row;
}

async function homePage({ ctx, lang, path, publicUrl }: PageRequest) {
  const t = homeMessages(lang);
  const rows = await ctx.db
    .selectFrom('document')
    .innerJoin('municipality', 'municipality.code', 'document.municipality_code')
    .select(['municipality.code', 'municipality.name', 'municipality.county', sql<number>`count(*)::int`.as('plans')])
    .where('document.status', 'in', [...PUBLIC_STATUSES])
    .groupBy(['municipality.code', 'municipality.name', 'municipality.county'])
    .orderBy('municipality.name')
    .execute();
  return (
    <Page lang={lang} path={path} title={t.title} publicUrl={publicUrl}>
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      <section aria-labelledby="kommuner-rubrik">
        <h2 id="kommuner-rubrik">{t.municipalitiesTitle}</h2>
        {rows.length === 0 ? (
          <p>{t.noneYet}</p>
        ) : (
          <ul className="cards">
            {rows.map((row) => (
              <li key={row.code} className="card">
                <a href={href(lang, `/kommun/${row.code}`)}>{row.name}</a>
                <p>
                  {row.county} · {fill(t.planCount, { count: formatNumber(lang, Number(row.plans)) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

async function municipalityPage({ ctx, lang, path, params, publicUrl }: PageRequest) {
  const t = homeMessages(lang);
  const common = commonMessages(lang);
  const municipality = await municipalityOf(ctx, params.code ?? '');
  const documents = await listDocuments(ctx.db, null, municipality.code);
  const progressOf = await overallProgressOf(
    ctx.db,
    documents.map((d) => d.id),
  );
  const kindLabel = (kind: string) => t[`kind_${kind.replace('-', '_')}` as keyof typeof t] ?? kind;
  const statusLabel = (status: string) => t[`status_${status}` as keyof typeof t] ?? status;
  const more: [string, string, string][] = [
    ['/indikatorer', common.indicators, t.moreIndicators],
    ['/aktiviteter', common.activities, t.moreActivities],
    ['/fonden', common.fund, t.moreFund],
    ['/ny-i-kommunen', common.newcomers, t.moreNewcomers],
  ];
  return (
    <Page
      lang={lang}
      path={path}
      title={municipality.name}
      municipality={municipality}
      section="plans"
      publicUrl={publicUrl}
      breadcrumbs={[{ href: href(lang), label: common.home }]}
      description={fill(t.municipalityIntro, { municipality: municipality.name })}
    >
      <h1>{municipality.name}</h1>
      <p className="lead">{fill(t.municipalityIntro, { municipality: municipality.name })}</p>
      <section aria-labelledby="planer-rubrik">
        <h2 id="planer-rubrik">{t.plansTitle}</h2>
        {documents.length === 0 ? (
          <p>{t.noPlans}</p>
        ) : (
          <ul className="cards">
            {documents.map((doc) => (
              <li key={doc.id} className={`card${doc.parentDocumentId ? ' card-child' : ''}`}>
                <a href={href(lang, `/kommun/${municipality.code}/plan/${doc.id}`)} lang="sv" dir="ltr">
                  {doc.title}
                </a>
                <p>
                  {kindLabel(doc.kind)} · {statusLabel(doc.status)}
                  {doc.valid.from &&
                    ` · ${
                      doc.valid.to
                        ? fill(t.valid, {
                            from: formatDate(lang, doc.valid.from, { year: 'numeric' }),
                            to: formatDate(lang, doc.valid.to, { year: 'numeric' }),
                          })
                        : fill(t.validFrom, { from: formatDate(lang, doc.valid.from, { year: 'numeric' }) })
                    }`}
                  {` · ${fill(t.itemCount, { count: formatNumber(lang, doc.itemCount) })}`}
                </p>
                {doc.adopted?.body && doc.adopted.date && (
                  <p>{fill(t.adoptedBy, { body: doc.adopted.body, date: formatDate(lang, doc.adopted.date) })}</p>
                )}
                <PlanProgressNote progress={progressOf.get(doc.id)} lang={lang} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="mer-rubrik">
        <h2 id="mer-rubrik">{fill(t.moreTitle, { municipality: municipality.name })}</h2>
        <ul className="cards">
          {more.map(([sub, label, text]) => (
            <li key={sub} className="card">
              <a href={href(lang, `/kommun/${municipality.code}${sub}`)}>{label}</a>
              <p>{text}</p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

export function registerHomePages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '', homePage);
  pageRoute(app, ctx, '/kommun/:code', municipalityPage);
}
