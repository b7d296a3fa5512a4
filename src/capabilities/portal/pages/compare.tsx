import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import { coverage, frameworks, type Coverage } from '../../frameworks/catalogue.ts';
import { getItems, listDocuments } from '../../plans/service.ts';
import type { ItemView } from '../../plans/views.ts';
import { Local } from '../components.tsx';
import { formatNumber, type Lang } from '../languages.ts';
import { href, Page } from '../layout.tsx';
import { commonMessages } from '../messages/common.ts';
import { compareMessages } from '../messages/compare.ts';
import { fill } from '../messages/define.ts';
import { overallProgressOf } from '../plan-data.ts';
import type { PlanProgress, PublicStatus } from '../plan-progress.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import { PUBLIC_STATUSES } from './home.tsx';

type Messages = ReturnType<typeof compareMessages>;

interface Compared {
  code: string;
  name: string;
  plan: { id: string; title: string; itemCount: number };
  areas: ItemView[];
  coverage: Coverage;
  progress: PlanProgress | null;
}

/** The statuses in the order a reader scans them: finished first, unreported last. */
const statusOrder: PublicStatus[] = ['done', 'in_progress', 'delayed', 'not_started', 'cancelled', 'not_reported'];

/** The municipalities that have a public plan: the ones a comparison can hold. */
async function publicMunicipalities(ctx: AppContext): Promise<{ code: string; name: string }[]> {
  return ctx.db
    .selectFrom('document')
    .innerJoin('municipality', 'municipality.code', 'document.municipality_code')
    .select(['municipality.code', 'municipality.name', sql<number>`count(*)::int`.as('plans')])
    .where('document.status', 'in', [...PUBLIC_STATUSES])
    .groupBy(['municipality.code', 'municipality.name'])
    .orderBy('municipality.name')
    .execute();
}

/**
 * The selection from the address: `kommun` repeated. Without any parameter, every municipality with a public plan;
 * `vald` marks a submitted form, so a form with nothing ticked means nothing chosen rather than everything.
 */
export function parseSelection(
  query: Record<string, string | string[] | undefined>,
  available: string[],
): { chosen: string[]; skipped: string[] } {
  const raw = query.kommun === undefined ? [] : Array.isArray(query.kommun) ? query.kommun : [query.kommun];
  if (raw.length === 0 && query.vald === undefined) return { chosen: [...available], skipped: [] };
  const wanted = [...new Set(raw.map((c) => c.trim()).filter((c) => c !== ''))];
  return { chosen: available.filter((c) => wanted.includes(c)), skipped: wanted.filter((c) => !available.includes(c)) };
}

/** The plan a municipality is compared by: its top-level public plan, adopted before proposed, the newest first. */
async function planOf(ctx: AppContext, code: string) {
  const docs = (await listDocuments(ctx.db, null, code)).filter((d) => d.parentDocumentId === null);
  const rank = (status: string) => (status === 'adopted' ? 0 : status === 'proposed' ? 1 : 2);
  docs.sort((a, b) => rank(a.status) - rank(b.status) || (b.valid.from ?? '').localeCompare(a.valid.from ?? ''));
  return docs[0];
}

/** A plan's areas as its own outline has them: the items of kind area that no other area holds, in reading order. */
export function topAreas<T extends { id: string; parentId: string | null; kind: string; position: number }>(items: T[]): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const insideArea = (item: T): boolean => {
    for (
      let parent = item.parentId ? byId.get(item.parentId) : undefined;
      parent;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined
    )
      if (parent.kind === 'area') return true;
    return false;
  };
  const order = new Map<string, string>();
  const key = (item: T): string => {
    const known = order.get(item.id);
    if (known !== undefined) return known;
    const parent = item.parentId ? byId.get(item.parentId) : undefined;
    const own = `${parent ? key(parent) : ''}/${String(item.position).padStart(5, '0')}`;
    order.set(item.id, own);
    return own;
  };
  return items.filter((i) => i.kind === 'area' && !insideArea(i)).sort((a, b) => key(a).localeCompare(key(b)));
}

async function compared(ctx: AppContext, municipalities: { code: string; name: string }[]): Promise<Compared[]> {
  const out: Compared[] = [];
  for (const m of municipalities) {
    const doc = await planOf(ctx, m.code);
    if (!doc) continue;
    const { document, items } = await getItems(ctx.db, null, doc.id);
    const linked = items
      .filter((i) => i.frameworks.length > 0)
      .map((i) => ({ itemId: i.id, label: i.label, number: i.number, text: i.text, frameworks: i.frameworks }));
    const progress = (await overallProgressOf(ctx.db, [doc.id])).get(doc.id) ?? null;
    out.push({
      code: m.code,
      name: m.name,
      plan: { id: doc.id, title: doc.title, itemCount: doc.itemCount },
      areas: topAreas(items),
      coverage: coverage(frameworks(), linked, document.frameworks),
      progress,
    });
  }
  return out;
}

function frameworkTitle(t: Messages, id: string, fallback: string): string {
  const key = `fw_${id.replace(/-/g, '_')}` as keyof Messages;
  return key in t ? t[key] : fallback;
}

/** A framework's point in the reader's language where the catalogue has it (Swedish, English), else Swedish marked. */
function pointLabel(lang: Lang, short: { sv: string; en: string }) {
  return lang === 'en' ? { text: short.en, lang: 'en' as Lang } : { text: short.sv, lang: 'sv' as Lang };
}

function FrameworkTables({ plans, lang, t }: { plans: Compared[]; lang: Lang; t: Messages }) {
  const catalogue = frameworks();
  return (
    <>
      {catalogue.map((framework, f) => {
        const title = frameworkTitle(t, framework.id, framework.title.sv);
        const per = plans.map((p) => p.coverage.frameworks[f]);
        return (
          <div className="table-scroll" key={framework.id}>
            <table className="compare-matrix">
              <caption>{fill(t.frameworkCaption, { framework: title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colPrinciple}</th>
                  {plans.map((p) => (
                    <th scope="col" key={p.code}>
                      {p.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {framework.items.map((point, i) => (
                  <tr key={point.id}>
                    <th scope="row">
                      {formatNumber(lang, point.number)}. <Local value={pointLabel(lang, point.short)} pageLang={lang} />
                    </th>
                    {per.map((fw, j) => {
                      const count = fw?.items[i]?.linkedItems.length ?? 0;
                      return (
                        <td key={plans[j]?.code} className={count > 0 ? 'covered' : 'not-covered'}>
                          {count > 0 ? fill(t.covered, { count: formatNumber(lang, count) }) : t.notCovered}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                {per.some((fw) => (fw?.linkedItems.length ?? 0) > 0) && (
                  <tr>
                    <th scope="row">{t.wholeFramework}</th>
                    {per.map((fw, j) => {
                      const count = fw?.linkedItems.length ?? 0;
                      return (
                        <td key={plans[j]?.code} className={count > 0 ? 'covered' : 'not-covered'}>
                          {count > 0 ? fill(t.covered, { count: formatNumber(lang, count) }) : t.notCovered}
                        </td>
                      );
                    })}
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t.totalRow}</th>
                  {per.map((fw, j) => (
                    <td key={plans[j]?.code}>
                      {fill(t.outOf, {
                        covered: formatNumber(lang, framework.items.length - (fw?.uncovered.length ?? framework.items.length)),
                        total: formatNumber(lang, framework.items.length),
                      })}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        );
      })}
    </>
  );
}

const percent = (lang: Lang, share: number) => formatNumber(lang, share, { style: 'percent', maximumFractionDigits: 0 });

function ProgressTable({ plans, lang, t }: { plans: Compared[]; lang: Lang; t: Messages }) {
  const label = (s: PublicStatus) => t[`status_${s}`];
  return (
    <div className="compare-progress">
      <div className="table-scroll">
        <table>
          <caption>{t.progressCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colMunicipality}</th>
              <th scope="col">{t.colCycle}</th>
              {statusOrder.map((s) => (
                <th scope="col" className="number" key={s}>
                  {label(s)}
                </th>
              ))}
              <th scope="col" className="number">
                {t.colOverall}
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => {
              const summary = p.progress?.summary;
              const total = summary?.total ?? 0;
              const cycle = p.progress?.cycles.at(-1);
              return (
                <tr key={p.code}>
                  <th scope="row">{p.name}</th>
                  {!summary || total === 0 ? (
                    <td colSpan={statusOrder.length + 2}>{t.noFollowUp}</td>
                  ) : (
                    <>
                      <td>{cycle ? <Local value={{ text: cycle.label, lang: 'sv' }} pageLang={lang} /> : ''}</td>
                      {statusOrder.map((s) => (
                        <td className="number" key={s}>
                          {percent(lang, summary.byStatus[s] / total)}
                        </td>
                      ))}
                      <td className="number">{summary.progress === null ? '–' : percent(lang, summary.progress)}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {/* The same shares as the table, drawn; hidden from screen readers, which read the table. */}
      <div className="compare-bars" aria-hidden="true">
        <p className="compare-bars-title">{t.chartTitle}</p>
        <ul className="compare-legend">
          {statusOrder.map((s) => (
            <li key={s}>
              <svg width="12" height="12" viewBox="0 0 12 12" focusable="false">
                <rect className={`bar-${s}`} width="12" height="12" />
              </svg>{' '}
              {label(s)}
            </li>
          ))}
        </ul>
        {plans.map((p) => {
          const summary = p.progress?.summary;
          const total = summary?.total ?? 0;
          let x = 0;
          return (
            <div className="compare-bar" key={p.code}>
              <span>{p.name}</span>
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false" className="compare-bar-svg">
                <rect className="bar-track" x="0" y="0" width="100" height="10" />
                {summary &&
                  total > 0 &&
                  statusOrder.map((s) => {
                    const width = (summary.byStatus[s] / total) * 100;
                    const rect = <rect key={s} className={`bar-${s}`} x={x} y="0" width={width} height="10" />;
                    x += width;
                    return rect;
                  })}
              </svg>
            </div>
          );
        })}
      </div>
    </div>
  );
}

async function comparePage({ ctx, lang, path, query, publicUrl }: PageRequest) {
  const t = compareMessages(lang);
  const common = commonMessages(lang);
  const available = await publicMunicipalities(ctx);
  const { chosen, skipped } = parseSelection(
    query,
    available.map((m) => m.code),
  );
  const plans =
    chosen.length >= 2
      ? await compared(
          ctx,
          available.filter((m) => chosen.includes(m.code)),
        )
      : [];
  return (
    <Page lang={lang} path={path} title={t.title} publicUrl={publicUrl} shareable breadcrumbs={[{ href: href(lang), label: common.home }]}>
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      {available.length === 0 ? (
        <p>{t.noPlansAnywhere}</p>
      ) : (
        <form method="get" action={href(lang, '/jamfor')} className="compare-form">
          <input type="hidden" name="vald" value="1" />
          <fieldset aria-describedby="jamfor-hjalp">
            <legend>{t.chooseLegend}</legend>
            <p id="jamfor-hjalp" className="muted">
              {t.chooseHint}
            </p>
            <ul className="checkbox-list">
              {available.map((m) => (
                <li key={m.code}>
                  <input type="checkbox" name="kommun" value={m.code} id={`kommun-${m.code}`} defaultChecked={chosen.includes(m.code)} />{' '}
                  <label htmlFor={`kommun-${m.code}`}>{m.name}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit">{t.submit}</button>
        </form>
      )}
      {skipped.length > 0 && <p className="notice">{fill(t.unknown, { codes: skipped.join(', ') })}</p>}
      {available.length > 0 && chosen.length < 2 && (
        <p className="notice" role="status">
          {fill(t.tooFew, { count: formatNumber(lang, chosen.length) })}
        </p>
      )}
      {plans.length >= 2 && (
        <>
          <section aria-labelledby="planer-rubrik">
            <h2 id="planer-rubrik">{t.plansTitle}</h2>
            <div className="table-scroll">
              <table>
                <caption>{t.plansCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colMunicipality}</th>
                    <th scope="col">{t.colPlan}</th>
                    <th scope="col" className="number">
                      {t.colItems}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {plans.map((p) => (
                    <tr key={p.code}>
                      <th scope="row">
                        <a href={href(lang, `/kommun/${p.code}`)}>{p.name}</a>
                      </th>
                      <td>
                        <a href={href(lang, `/kommun/${p.code}/plan/${p.plan.id}`)} lang="sv" dir="ltr">
                          {p.plan.title}
                        </a>
                      </td>
                      <td className="number">{formatNumber(lang, p.plan.itemCount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="ramverk-rubrik">
            <h2 id="ramverk-rubrik">{t.frameworksTitle}</h2>
            <p>{t.frameworksIntro}</p>
            <FrameworkTables plans={plans} lang={lang} t={t} />
          </section>
          <section aria-labelledby="omraden-rubrik">
            <h2 id="omraden-rubrik">{t.areasTitle}</h2>
            <p>{t.areasIntro}</p>
            <div className="compare-areas">
              {plans.map((p) => (
                <section key={p.code} aria-labelledby={`omraden-${p.code}`}>
                  <h3 id={`omraden-${p.code}`}>{p.name}</h3>
                  {p.areas.length === 0 ? (
                    <p>{t.noAreas}</p>
                  ) : (
                    <ol lang={lang === 'sv' ? undefined : 'sv'} dir={lang === 'sv' ? undefined : 'ltr'}>
                      {p.areas.map((a) => (
                        <li key={a.id}>
                          <a href={href(lang, `/kommun/${p.code}/plan/${p.plan.id}/punkt/${a.id}`)}>{a.text}</a>
                        </li>
                      ))}
                    </ol>
                  )}
                  {p.areas.length > 0 && lang !== 'sv' && <p className="not-translated">{commonMessages(lang).notTranslated}</p>}
                </section>
              ))}
            </div>
          </section>
          <section aria-labelledby="framdrift-rubrik">
            <h2 id="framdrift-rubrik">{t.progressTitle}</h2>
            <p>{t.progressIntro}</p>
            <ProgressTable plans={plans} lang={lang} t={t} />
          </section>
        </>
      )}
    </Page>
  );
}

export function registerComparePages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/jamfor', comparePage);
}
