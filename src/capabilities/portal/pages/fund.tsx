import type { ReactNode } from 'react';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import type { FundOrganisationKind } from '../../../db/schema.ts';
import { fundOverview, listGrants, type CallView, type GrantView } from '../../fund/service.ts';
import { Section } from '../components.tsx';
import { formatDate, formatNumber, type Lang } from '../languages.ts';
import { href, Page } from '../layout.tsx';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { fundMessages } from '../messages/fund.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import { municipalityOf } from './home.tsx';

/**
 * The integration fund's public page: the calls open now (or opening soon) and the grants decided.
 *
 * What is public, and why (fund/README.md, decision 0019): calls are open to all once the coordinator opens them
 * (`fundOverview` with no caller leaves drafts out); of the applications, only decided grants are public records
 * the platform publishes (`listGrants`: organisation, project title, amount, date, who decided and the minutes
 * paragraph). A draft is its organisation's alone, a submitted application is read by the municipality's own people,
 * and the fund's rules publish no rejections: a refusal is a public record one may ask the municipality for, but
 * it names an organisation that got nothing, so the platform does not broadcast it. The page therefore calls those
 * two services and nothing else — no application's purpose, budget, assessment or rejection reaches it.
 */

type Messages = ReturnType<typeof fundMessages>;

/** Whole kronor in the reader's language and digits. */
export function formatSek(lang: Lang, sek: number): string {
  return formatNumber(lang, sek, { style: 'currency', currency: 'SEK', maximumFractionDigits: 0, minimumFractionDigits: 0 });
}

/** Text the municipality wrote in Swedish: marked so on a page in another language. */
function Swedish({ children, pageLang, block = false }: { children: ReactNode; pageLang: Lang; block?: boolean }) {
  if (pageLang === 'sv') return block ? <p>{children}</p> : <>{children}</>;
  const Tag = block ? 'p' : 'span';
  return (
    <Tag lang="sv" dir="ltr">
      {children}
    </Tag>
  );
}

function ExampleBadge({ t }: { t: Messages }) {
  return <span className="badge">{t.example}</span>;
}

const kindLabel = (t: Messages, kind: FundOrganisationKind) => t[`kind_${kind}`];

function CallCard({ call, code, lang, t }: { call: CallView; code: string; lang: Lang; t: Messages }) {
  const id = `utlysning-${call.id}`;
  const date = (d: string) => formatDate(lang, d);
  return (
    <article className="fund-call" aria-labelledby={id}>
      <h3 id={id}>
        <Swedish pageLang={lang}>{call.title}</Swedish>
        {call.example && (
          <>
            {' '}
            <ExampleBadge t={t} />
          </>
        )}
      </h3>
      <p className={`call-phase call-phase-${call.phase}`}>{call.phase === 'open' ? t.phase_open : t.phase_upcoming}</p>
      {call.description && (
        <>
          <h4>{t.purpose}</h4>
          <Swedish pageLang={lang} block>
            {call.description}
          </Swedish>
        </>
      )}
      <dl className="catalogue-facts">
        <div>
          <dt>{t.fund}</dt>
          <dd>
            <Swedish pageLang={lang}>{call.fundName}</Swedish>
          </dd>
        </div>
        <div>
          <dt>{t.budget}</dt>
          <dd>{formatSek(lang, call.budgetSek)}</dd>
        </div>
        {call.balance.grantedSek > 0 && (
          <div>
            <dt>{t.left}</dt>
            <dd>{formatSek(lang, Math.max(0, call.balance.leftSek))}</dd>
          </div>
        )}
        {call.phase === 'upcoming' && (
          <div>
            <dt>{t.opens}</dt>
            <dd>
              <time dateTime={call.opensOn}>{date(call.opensOn)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t.deadline}</dt>
          <dd>
            <time dateTime={call.deadline}>{date(call.deadline)}</time>
          </dd>
        </div>
        <div>
          <dt>{t.period}</dt>
          <dd>{fill(t.periodRange, { from: date(call.periodFrom), to: date(call.periodTo) })}</dd>
        </div>
        <div>
          <dt>{t.eligible}</dt>
          <dd>{call.eligibleKinds.map((k) => kindLabel(t, k)).join(', ')}</dd>
        </div>
      </dl>
      {call.priorityRule === 'municipal_units_first' && <p>{t.priority}</p>}
      {call.criteria.length > 0 && (
        <>
          <h4>{t.criteriaTitle}</h4>
          <ul className="criteria">
            {call.criteria.map((c) => (
              <li key={c.key}>
                <Swedish pageLang={lang}>
                  <strong>{c.name}</strong>
                  {c.description ? ` – ${c.description}` : ''}
                </Swedish>{' '}
                <span className="muted">({fill(t.weight, { weight: formatNumber(lang, c.weight) })})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t.applyTitle}</h4>
      <p>{t.applyText}</p>
      <p>
        {/* The application itself is the staff app's, in Swedish only: the link says so in the reader's language. */}
        <a className="button" href={`/kommuner/${code}/fonden`} hrefLang="sv">
          {t.applyLink}
        </a>{' '}
        {lang !== 'sv' && <span className="muted">({t.inSwedish})</span>}
      </p>
    </article>
  );
}

function GrantsTable({ fundName, grants, lang, t }: { fundName: string; grants: GrantView[]; lang: Lang; t: Messages }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{fill(t.grantsCaption, { fund: fundName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colProject}</th>
            <th scope="col">{t.colOrganisation}</th>
            <th scope="col" className="number">
              {t.colAmount}
            </th>
            <th scope="col">{t.colDecided}</th>
            <th scope="col">{t.colDecidedBy}</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr key={g.applicationId}>
              <th scope="row">
                <Swedish pageLang={lang}>{g.title}</Swedish>
                {g.example && (
                  <>
                    {' '}
                    <ExampleBadge t={t} />
                  </>
                )}
              </th>
              <td>
                <Swedish pageLang={lang}>{g.organisation}</Swedish>
              </td>
              <td className="number">{formatSek(lang, g.grantedSek)}</td>
              <td>
                <time dateTime={g.decidedOn}>{formatDate(lang, g.decidedOn)}</time>
              </td>
              <td>
                <Swedish pageLang={lang}>{[g.decidedBy, g.minutesParagraph].filter(Boolean).join(' ')}</Swedish>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function fundPage({ ctx, lang, path, params, publicUrl }: PageRequest) {
  const t = fundMessages(lang);
  const common = commonMessages(lang);
  const municipality = await municipalityOf(ctx, params.code ?? '');
  const overview = await fundOverview(ctx.db, null, municipality.code);
  const grants = await listGrants(ctx.db, municipality.code);
  const calls = overview.funds
    .flatMap((f) => f.calls)
    .filter((c) => c.phase === 'open' || c.phase === 'upcoming')
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const title = fill(t.title, { municipality: municipality.name });
  const anyExample = calls.some((c) => c.example) || grants.some((g) => g.example);
  const fundNames = [...new Set(grants.map((g) => g.fundName))];
  return (
    <Page
      lang={lang}
      path={path}
      title={title}
      municipality={municipality}
      section="fund"
      publicUrl={publicUrl}
      breadcrumbs={[
        { href: href(lang), label: common.home },
        { href: href(lang, `/kommun/${municipality.code}`), label: municipality.name },
      ]}
      description={t.intro}
      shareable
    >
      <h1>{title}</h1>
      <p className="lead">{t.intro}</p>
      {overview.funds.length === 0 ? (
        <p>{t.noFund}</p>
      ) : (
        <>
          {anyExample && <p className="notice">{t.exampleNote}</p>}
          <Section id="utlysningar" title={t.openTitle}>
            {calls.length === 0 ? (
              <p>{t.noOpen}</p>
            ) : (
              calls.map((call) => <CallCard key={call.id} call={call} code={municipality.code} lang={lang} t={t} />)
            )}
          </Section>
          <Section id="beslut" title={t.decisionsTitle}>
            <p>{t.decisionsIntro}</p>
            {grants.length === 0 ? (
              <p>{t.noDecisions}</p>
            ) : (
              fundNames.map((name) => (
                <GrantsTable key={name} fundName={name} grants={grants.filter((g) => g.fundName === name)} lang={lang} t={t} />
              ))
            )}
            <p className="muted">{t.decisionsNote}</p>
          </Section>
          <Section id="budget" title={t.budgetTitle}>
            {overview.funds
              .filter((f) => f.years.length > 0)
              .map((f) => (
                <div className="table-scroll" key={f.id}>
                  <table>
                    <caption>{fill(t.budgetCaption, { fund: f.name })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.colYear}</th>
                        <th scope="col" className="number">
                          {t.colBudget}
                        </th>
                        <th scope="col" className="number">
                          {t.colGranted}
                        </th>
                        <th scope="col" className="number">
                          {t.colLeft}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {f.years.map((y) => (
                        <tr key={y.year}>
                          <th scope="row">{formatNumber(lang, y.year, { useGrouping: false })}</th>
                          <td className="number">{formatSek(lang, y.budgetSek)}</td>
                          <td className="number">{formatSek(lang, y.grantedSek)}</td>
                          <td className="number">{formatSek(lang, y.leftSek)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
          </Section>
        </>
      )}
    </Page>
  );
}

export function registerFundPages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/kommun/:code/fonden', fundPage);
}
