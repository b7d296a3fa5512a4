import type { FastifyInstance } from 'fastify';
import type { ReactNode } from 'react';
import type { AppContext } from '../../../http.ts';
import { invalid, notFound } from '../../../kernel/errors.ts';
import { describeDue, describeRecurrence, describeTarget } from '../../../kernel/words.ts';
import { referenceOf } from '../../follow-up/structure.ts';
import { lightOfStatus, type Light } from '../../follow-up/words.ts';
import { buildTree, type Tree } from '../../plans/model.ts';
import { getDocument, isUuid } from '../../plans/service.ts';
import { loadItemViews, type DocumentView, type ItemView } from '../../plans/views.ts';
import { localText } from '../../translations/rules.ts';
import { loadTranslations, type TranslatedFields } from '../../translations/service.ts';
import { Local, ProgressBar, Section, type LocalText } from '../components.tsx';
import { formatDate, formatNumber, type Lang } from '../languages.ts';
import { href, Page, type Crumb } from '../layout.tsx';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { homeMessages } from '../messages/home.ts';
import { planMessages } from '../messages/plan.ts';
import { loadPlanProgress } from '../plan-data.ts';
import {
  parseView,
  publicStatuses,
  shownItems,
  viewQuery,
  type ApprovedReport,
  type CycleInfo,
  type ItemProgress,
  type PlanProgress,
  type PublicStatus,
  type Standing,
  type ViewOptions,
} from '../plan-progress.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import { municipalityOf } from './home.tsx';
import { FollowForm } from '../../follows/form.tsx';

/**
 * The public plan pages: a plan with its structure and its progress from approved follow-up, and one item with its
 * history over the cycles. The view a reader chooses lives in the address, so the share link reproduces it.
 * The components are exported so other page modules (following a plan by e-mail) can place their parts on them.
 */

type Messages = ReturnType<typeof planMessages>;

const lightOf = (status: PublicStatus): Light => (status === 'not_reported' ? 'grey' : lightOfStatus[status]);

export const statusWord = (t: Messages, status: PublicStatus) => t[`st_${status}`];

/** A traffic light with its word: the colour repeats what the text says, never alone. */
export function StatusMark({ light, text }: { light: Light; text: string }) {
  return (
    <span className={`status status-light-${light}`}>
      <svg className="status-dot" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
        <circle className={`light-${light}`} cx="5" cy="5" r="5" />
      </svg>
      {text}
    </span>
  );
}

/** Swedish words inside a page in another language (a unit's name, a cycle's label): marked, kept left to right. */
function Sv({ children, lang }: { children: string; lang: Lang }) {
  if (lang === 'sv') return <>{children}</>;
  return (
    <bdi lang="sv" dir="ltr">
      {children}
    </bdi>
  );
}

/** A message with markup in its placeholder: the words around it stay in the order the language puts them. */
function Filled({ template, name, children }: { template: string; name: string; children: ReactNode }) {
  const [before = '', after = ''] = template.split(`{${name}}`);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
}

function CycleName({ cycle, lang, t }: { cycle: CycleInfo; lang: Lang; t: Messages }) {
  return (
    <>
      <Sv lang={lang}>{cycle.label}</Sv>
      {cycle.state === 'open' ? ` (${t.ongoing})` : ''}
    </>
  );
}

/** "Delmål 1.2" as the plan says it in Swedish; in other languages the level's name from the page's own words. */
function itemReference(item: Pick<ItemView, 'kind' | 'label' | 'number'>, lang: Lang, t: Messages): string {
  if (lang === 'sv') return referenceOf(item);
  return [t[`kind_${item.kind}`], item.number].filter(Boolean).join(' ');
}

const planPath = (code: string, documentId: string) => `/kommun/${code}/plan/${documentId}`;
const itemPath = (code: string, documentId: string, itemId: string) => `${planPath(code, documentId)}/punkt/${itemId}`;

export interface PlanData {
  municipality: { code: string; name: string };
  document: DocumentView;
  title: LocalText;
  edition: number;
  parent: { id: string; title: LocalText } | null;
  items: ItemView[];
  tree: Tree<ItemView>[];
  itemText: (item: ItemView) => LocalText;
  progress: PlanProgress;
}

/** The plan as the public may read it; a draft, or a plan of another municipality under this address, is a 404. */
export async function loadPlanData(page: PageRequest, asOfId: string | null): Promise<PlanData> {
  const { ctx, lang, params } = page;
  const municipality = await municipalityOf(ctx, params.code ?? '');
  const document = await getDocument(ctx.db, null, params.docId ?? '');
  if (document.municipality.code !== municipality.code) throw notFound('Planen');
  const row = await ctx.db
    .selectFrom('document')
    .select(['edition', 'parent_document_id'])
    .where('id', '=', document.id)
    .executeTakeFirstOrThrow();
  const parentDocument = row.parent_document_id ? await getDocument(ctx.db, null, row.parent_document_id).catch(() => null) : null;
  const items = await loadItemViews(ctx.db, document.id);
  const [documentTranslations, itemTranslations] = await Promise.all([
    loadTranslations(ctx.db, 'document', [document.id, ...(parentDocument ? [parentDocument.id] : [])], lang),
    loadTranslations(
      ctx.db,
      'item',
      items.map((i) => i.id),
      lang,
    ),
  ]);
  const progress = await loadPlanProgress(ctx.db, document.id, items, asOfId);
  if (!progress) throw notFound('Uppföljningen');
  const text = (map: Map<string, TranslatedFields>, id: string, swedish: string) => localText(swedish, map.get(id)?.title, lang);
  return {
    municipality,
    document,
    title: text(documentTranslations, document.id, document.title),
    edition: row.edition,
    parent: parentDocument ? { id: parentDocument.id, title: text(documentTranslations, parentDocument.id, parentDocument.title) } : null,
    items,
    tree: buildTree(items),
    itemText: (item) => text(itemTranslations, item.id, item.text),
    progress,
  };
}

function DocumentFacts({ data, lang }: { data: PlanData; lang: Lang }) {
  const t = planMessages(lang);
  const home = homeMessages(lang);
  const { document } = data;
  const kind = home[`kind_${document.kind.replace('-', '_')}` as keyof typeof home] ?? document.kind;
  const status = home[`status_${document.status}` as keyof typeof home] ?? document.status;
  const year = (date: string) => formatDate(lang, date.length === 4 ? `${date}-01-01` : date, { year: 'numeric' });
  // The label says "valid"; the value is the years alone, open-ended when the plan names no end.
  const valid = document.valid.from ? `${year(document.valid.from)}–${document.valid.to ? year(document.valid.to) : ''}` : null;
  const decision = document.status === 'proposed' ? document.decided : document.adopted;
  return (
    <dl className="plan-facts">
      <div>
        <dt>{t.kindLabel}</dt>
        <dd>{kind}</dd>
      </div>
      <div>
        <dt>{t.statusLabel}</dt>
        <dd>{status}</dd>
      </div>
      {valid && (
        <div>
          <dt>{t.validLabel}</dt>
          <dd>{valid}</dd>
        </div>
      )}
      {decision && (decision.body || decision.date) && (
        <div>
          <dt>{document.status === 'proposed' ? t.proposedLabel : t.adoptedLabel}</dt>
          <dd>
            {decision.body && <Sv lang={lang}>{decision.body}</Sv>}
            {decision.body && decision.date && ', '}
            {decision.date && formatDate(lang, decision.date)}
            {decision.paragraph && ` (${fill(t.paragraph, { paragraph: decision.paragraph.replace(/^§\s*/, '') })})`}
          </dd>
        </div>
      )}
      {decision?.dnr && (
        <div>
          <dt>{t.dnrLabel}</dt>
          <dd>
            <Sv lang={lang}>{decision.dnr}</Sv>
          </dd>
        </div>
      )}
      {data.parent && (
        <div>
          <dt>{t.partOfLabel}</dt>
          <dd>
            <a href={href(lang, planPath(data.municipality.code, data.parent.id))}>
              <Local value={data.parent.title} pageLang={lang} />
            </a>
          </dd>
        </div>
      )}
      {data.edition > 1 && (
        <div>
          <dt>{t.editionLabel}</dt>
          <dd>{formatNumber(lang, data.edition)}</dd>
        </div>
      )}
    </dl>
  );
}

function ExampleNotice({ cycles, lang }: { cycles: CycleInfo[]; lang: Lang }) {
  if (!cycles.some((c) => c.example)) return null;
  return <p className="notice">{planMessages(lang).exampleNotice}</p>;
}

/** The counts per status as one stacked bar; hidden from screen readers, which read the table beside it. */
function StatusBar({ counts }: { counts: Record<PublicStatus, number> }) {
  const total = publicStatuses.reduce((n, s) => n + counts[s], 0);
  if (total === 0) return null;
  let x = 0;
  return (
    <svg className="plan-status-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {publicStatuses
        .filter((s) => counts[s] > 0)
        .map((s) => {
          const width = (counts[s] / total) * 100;
          const rect = <rect key={s} className={`bar-${s}`} x={x} y="0" width={width} height="10" />;
          x += width;
          return rect;
        })}
    </svg>
  );
}

export function ProgressSummary({ progress, lang }: { progress: PlanProgress; lang: Lang }) {
  const t = planMessages(lang);
  const latest = progress.cycles[progress.cycles.length - 1];
  if (!latest) return <p>{t.noFollowUp}</p>;
  const counts = progress.summary.byStatus;
  const total = progress.summary.total;
  return (
    <>
      <p>
        <Filled template={progress.asOf ? t.asOfIntro : t.latestIntro} name="cycle">
          <CycleName cycle={latest} lang={lang} t={t} />
        </Filled>{' '}
        {fill(t.itemsFollowed, { count: formatNumber(lang, total) })}
      </p>
      <div className="plan-summary">
        <div className="plan-summary-chart">
          <StatusBar counts={counts} />
          {progress.summary.progress !== null && (
            <p>
              <ProgressBar value={progress.summary.progress} lang={lang} label={t.overallLabel} />
            </p>
          )}
          <p>
            {t.overallLight}: <StatusMark light={progress.summary.light} text={t[`light_${progress.summary.light}`]} />
          </p>
        </div>
        <table className="plan-status-table">
          <caption>{t.statusCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.statusLabel}</th>
              <th scope="col" className="number">
                {t.countLabel}
              </th>
              <th scope="col" className="number">
                {t.shareLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {publicStatuses.map((s) => (
              <tr key={s}>
                <th scope="row">
                  <span className="bar-key" aria-hidden="true">
                    <svg viewBox="0 0 10 10" focusable="false">
                      <rect className={`bar-${s}`} x="0" y="0" width="10" height="10" />
                    </svg>
                  </span>
                  {statusWord(t, s)}
                </th>
                <td className="number">{formatNumber(lang, counts[s])}</td>
                <td className="number">
                  {formatNumber(lang, total === 0 ? 0 : counts[s] / total, { style: 'percent', maximumFractionDigits: 0 })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The view chooser: a plain GET form, so it works without script and the address it leads to can be shared. */
export function ViewForm({ data, view, lang }: { data: PlanData; view: ViewOptions; lang: Lang }) {
  const t = planMessages(lang);
  const base = href(lang, planPath(data.municipality.code, data.document.id));
  const chosen = view.view !== 'alla' || view.status !== null || view.cycleId !== null;
  return (
    <section aria-labelledby="visa-rubrik" className="plan-view-form">
      <h2 id="visa-rubrik">{t.filterTitle}</h2>
      <form method="get" action={base} className="inline">
        <div>
          <label htmlFor="visa">{t.viewLabel}</label>
          <select id="visa" name="visa" defaultValue={view.view}>
            <option value="alla">{t.viewAll}</option>
            <option value="mal">{t.viewGoals}</option>
          </select>
        </div>
        <div>
          <label htmlFor="status">{t.statusFilterLabel}</label>
          <select id="status" name="status" defaultValue={view.status ?? ''}>
            <option value="">{t.anyStatus}</option>
            {publicStatuses.map((s) => (
              <option key={s} value={s}>
                {statusWord(t, s)}
              </option>
            ))}
          </select>
        </div>
        {data.progress.allCycles.length > 0 && (
          <div>
            <label htmlFor="cykel">{t.cycleLabel}</label>
            <select id="cykel" name="cykel" defaultValue={view.cycleId ?? ''}>
              <option value="">{t.latestCycle}</option>
              {[...data.progress.allCycles].reverse().map((c) => (
                <option key={c.id} value={c.id} lang={lang === 'sv' ? undefined : 'sv'}>
                  {c.label}
                  {c.state === 'open' ? ` (${t.ongoing})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit">{t.apply}</button>
      </form>
      {chosen && (
        <p>
          <a href={base}>{t.resetView}</a>
        </p>
      )}
    </section>
  );
}

function Reports({ reports, lang, t }: { reports: ApprovedReport[]; lang: Lang; t: Messages }) {
  const shown = reports.filter((r) => r.narrative.trim() !== '' || reports.length > 1);
  if (shown.length === 0) return null;
  return (
    <ul className="item-reports">
      {shown.map((r, i) => (
        <li key={i}>
          <span className="item-report-who">
            {r.unitName ? <Sv lang={lang}>{r.unitName}</Sv> : t.coordinator}
            {r.occurrence ? `, ${fill(t.occurrence, { date: formatDate(lang, r.occurrence) })}` : ''}
            {reports.length > 1 && r.status ? (
              <>
                {': '}
                <StatusMark light={lightOfStatus[r.status]} text={statusWord(t, r.status)} />
              </>
            ) : null}
          </span>
          {r.narrative.trim() !== '' && <Local value={{ text: r.narrative, lang: 'sv' }} pageLang={lang} block />}
        </li>
      ))}
    </ul>
  );
}

function ItemStatus({ progress, lang, t }: { progress: ItemProgress | undefined; lang: Lang; t: Messages }) {
  if (!progress?.status && !progress?.assessment) return null;
  return (
    <>
      {progress.status && (
        <p className="item-status">
          <StatusMark light={lightOf(progress.status)} text={statusWord(t, progress.status)} />
          {progress.latest && (
            <span className="muted">
              {' '}
              (
              <Filled template={t.statusIn} name="cycle">
                <CycleName cycle={progress.latest.cycle} lang={lang} t={t} />
              </Filled>
              )
            </span>
          )}
          {progress.latest?.progress !== null && progress.latest?.progress !== undefined && (
            <>
              {' '}
              <ProgressBar value={progress.latest.progress / 100} lang={lang} label={t.progressLabel} />
            </>
          )}
        </p>
      )}
      {progress.assessment && (
        <p className="item-assessment">
          {t.assessmentLabel}: <StatusMark light={progress.assessment.light} text={t[`as_${progress.assessment.value}`]} />{' '}
          <span className="muted">
            (<CycleName cycle={progress.assessment.cycle} lang={lang} t={t} />)
          </span>
        </p>
      )}
      {progress.assessment && progress.assessment.rationale.trim() !== '' && (
        <Local value={{ text: progress.assessment.rationale, lang: 'sv' }} pageLang={lang} block />
      )}
    </>
  );
}

function Responsible({ item, lang, t }: { item: ItemView; lang: Lang; t: Messages }) {
  if (item.responsible.length === 0) return null;
  return (
    <p className="item-meta">
      {t.responsibleLabel}:{' '}
      {item.responsible.map((r, i) => (
        <span key={r.unitId}>
          {i > 0 && ', '}
          <Sv lang={lang}>{r.name}</Sv>
        </span>
      ))}
    </p>
  );
}

function PlanItem({
  node,
  depth,
  data,
  shown,
  lang,
}: {
  node: Tree<ItemView>;
  depth: number;
  data: PlanData;
  shown: Set<string>;
  lang: Lang;
}) {
  const t = planMessages(lang);
  const { item } = node;
  if (item.kind === 'note')
    return (
      <li className="plan-item plan-note">
        <Local value={data.itemText(item)} pageLang={lang} block />
      </li>
    );
  const Heading = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(depth, 3)] as 'h3';
  const progress = data.progress.items.get(item.id);
  const children = node.children.filter((c) => shown.has(c.item.id));
  const reference = itemReference(item, lang, t);
  return (
    <li className={`plan-item plan-${item.kind}`} id={`punkt-${item.id}`}>
      <Heading className="item-heading">
        <span className="item-ref">{reference}</span> <Local value={data.itemText(item)} pageLang={lang} />
      </Heading>
      <Responsible item={item} lang={lang} t={t} />
      <ItemStatus progress={progress} lang={lang} t={t} />
      {progress?.latest && <Reports reports={progress.latest.reports} lang={lang} t={t} />}
      <p className="item-more screen-only">
        <a href={href(lang, itemPath(data.municipality.code, data.document.id, item.id))}>
          {t.itemLink}
          <span className="visually-hidden">: {reference}</span>
        </a>
      </p>
      {children.length > 0 && (
        <ol className="plan-tree">
          {children.map((c) => (
            <PlanItem key={c.item.id} node={c} depth={depth + 1} data={data} shown={shown} lang={lang} />
          ))}
        </ol>
      )}
    </li>
  );
}

function inTreeOrder(roots: Tree<ItemView>[]): ItemView[] {
  return roots.flatMap((r) => [r.item, ...inTreeOrder(r.children)]);
}

export function HistoryTable({ data, shown, lang }: { data: PlanData; shown: Set<string>; lang: Lang }) {
  const t = planMessages(lang);
  const { cycles } = data.progress;
  const rows = inTreeOrder(data.tree).filter((i) => shown.has(i.id) && data.progress.items.get(i.id)?.followed);
  if (cycles.length === 0 || rows.length === 0) return null;
  return (
    <Section id="historik" title={t.historyTitle}>
      <p>{t.historyNote}</p>
      <div className="table-scroll" role="region" aria-labelledby="historik-tabell" tabIndex={0}>
        <table className="plan-history">
          <caption id="historik-tabell">{t.historyCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.itemColumn}</th>
              {cycles.map((c) => (
                <th scope="col" key={c.id}>
                  <CycleName cycle={c} lang={lang} t={t} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => {
              const progress = data.progress.items.get(item.id);
              return (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={href(lang, itemPath(data.municipality.code, data.document.id, item.id))}>{itemReference(item, lang, t)}</a>{' '}
                    <Local value={data.itemText(item)} pageLang={lang} />
                  </th>
                  {cycles.map((c) => (
                    <HistoryCell key={c.id} standing={progress?.history.get(c.id)} lang={lang} t={t} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function HistoryCell({ standing, lang, t }: { standing: Standing | undefined; lang: Lang; t: Messages }) {
  if (!standing?.status)
    return (
      <td className="muted">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t.noReport}</span>
      </td>
    );
  return (
    <td>
      <StatusMark light={standing.light} text={statusWord(t, standing.status)} />
      {standing.progress !== null && (
        <span className="muted"> {formatNumber(lang, standing.progress / 100, { style: 'percent', maximumFractionDigits: 0 })}</span>
      )}
    </td>
  );
}

export interface PlanPageProps {
  page: Pick<PageRequest, 'lang' | 'path' | 'publicUrl'>;
  data: PlanData;
  view: ViewOptions;
}

export function PlanPage({ page, data, view }: PlanPageProps) {
  const { lang } = page;
  const t = planMessages(lang);
  const common = commonMessages(lang);
  const shown = shownItems(data.tree, view, (id) => data.progress.items.get(id)?.status ?? null);
  const roots = data.tree.filter((r) => shown.has(r.item.id));
  const matching = view.status === null ? null : data.items.filter((i) => data.progress.items.get(i.id)?.status === view.status).length;
  const crumbs: Crumb[] = [
    { href: href(lang), label: common.home },
    { href: href(lang, `/kommun/${data.municipality.code}`), label: data.municipality.name },
  ];
  return (
    <Page
      lang={lang}
      path={page.path}
      title={data.title.text}
      municipality={data.municipality}
      section="plans"
      breadcrumbs={crumbs}
      shareable
      publicUrl={page.publicUrl}
    >
      <h1 className="plan-title">
        <Local value={data.title} pageLang={lang} />
      </h1>
      <Section id="om-planen" title={t.aboutTitle}>
        <DocumentFacts data={data} lang={lang} />
      </Section>
      <ExampleNotice cycles={data.progress.cycles} lang={lang} />
      <Section id="lage" title={t.progressTitle}>
        <ProgressSummary progress={data.progress} lang={lang} />
      </Section>
      <ViewForm data={data} view={view} lang={lang} />
      <Section id="planen" title={t.structureTitle}>
        {matching !== null && <p>{matching === 0 ? t.noneMatch : fill(t.filteredCount, { count: formatNumber(lang, matching) })}</p>}
        {roots.length > 0 && (
          <ol className="plan-tree plan-tree-root">
            {roots.map((r) => (
              <PlanItem key={r.item.id} node={r} depth={0} data={data} shown={shown} lang={lang} />
            ))}
          </ol>
        )}
      </Section>
      <HistoryTable data={data} shown={shown} lang={lang} />
      <FollowForm lang={lang} kind="document" targetId={data.document.id} returnPath={planPath(data.municipality.code, data.document.id)} />
    </Page>
  );
}

function readView(query: PageRequest['query']): ViewOptions {
  const view = parseView(query);
  if ('key' in view) throw invalid(`/${view.key}`, `Okänt värde för ${view.key}: ”${view.value.slice(0, 60)}”.`);
  return view;
}

export async function planPage(page: PageRequest) {
  const view = readView(page.query);
  const base = href(page.lang, planPath(page.params.code ?? '', page.params.docId ?? ''));
  // A form sends every field, chosen or not; the address to share is the short one that means the same.
  const canonical = `${base}${viewQuery(view)}`;
  if (page.path !== canonical && page.path.startsWith(`${base}?`)) return { redirect: canonical };
  const data = await loadPlanData(page, view.cycleId);
  return <PlanPage page={page} data={data} view={view} />;
}

export interface ItemPageProps {
  page: Pick<PageRequest, 'lang' | 'path' | 'publicUrl'>;
  data: PlanData;
  item: ItemView;
}

function schedule(item: ItemView, lang: Lang): { label: 'dueLabel' | 'whenLabel'; text: LocalText } | null {
  const language = lang === 'en' ? 'en' : 'sv';
  if (item.recurrence) return { label: 'whenLabel', text: { text: describeRecurrence(item.recurrence, language), lang: language } };
  if (item.due) return { label: 'dueLabel', text: { text: describeDue(item.due, language), lang: language } };
  return null;
}

export function ItemPage({ page, data, item }: ItemPageProps) {
  const { lang } = page;
  const t = planMessages(lang);
  const common = commonMessages(lang);
  const code = data.municipality.code;
  const progress = data.progress.items.get(item.id);
  const parent = item.parentId ? data.items.find((i) => i.id === item.parentId) : undefined;
  const children = data.items.filter((i) => i.parentId === item.id && i.kind !== 'note').sort((a, b) => a.position - b.position);
  const reference = itemReference(item, lang, t);
  const when = schedule(item, lang);
  const language = lang === 'en' ? 'en' : 'sv';
  const history = [...(progress?.history.values() ?? [])].reverse();
  const crumbs: Crumb[] = [
    { href: href(lang), label: common.home },
    { href: href(lang, `/kommun/${code}`), label: data.municipality.name },
    { href: href(lang, planPath(code, data.document.id)), label: data.title.text },
  ];
  const period = (c: CycleInfo) =>
    `${formatDate(lang, c.from, { dateStyle: 'medium' })} – ${formatDate(lang, c.to, { dateStyle: 'medium' })}`;
  return (
    <Page
      lang={lang}
      path={page.path}
      title={`${reference} – ${data.title.text}`}
      municipality={data.municipality}
      section="plans"
      breadcrumbs={crumbs}
      shareable
      publicUrl={page.publicUrl}
    >
      <h1 className="item-title">
        <span className="item-ref">{reference}</span> <Local value={data.itemText(item)} pageLang={lang} />
      </h1>
      <Section id="om-punkten" title={t.itemFacts}>
        <dl className="plan-facts">
          <div>
            <dt>{t.inPlanLabel}</dt>
            <dd>
              <a href={href(lang, planPath(code, data.document.id))}>
                <Local value={data.title} pageLang={lang} />
              </a>
            </dd>
          </div>
          {parent && (
            <div>
              <dt>{t.parentLabel}</dt>
              <dd>
                <a href={href(lang, itemPath(code, data.document.id, parent.id))}>{itemReference(parent, lang, t)}</a>{' '}
                <Local value={data.itemText(parent)} pageLang={lang} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t.responsibleLabel}</dt>
            <dd>
              {item.responsible.length === 0
                ? t.noResponsible
                : item.responsible.map((r, i) => (
                    <span key={r.unitId}>
                      {i > 0 && ', '}
                      <Sv lang={lang}>{r.name}</Sv>
                    </span>
                  ))}
            </dd>
          </div>
          {when && (
            <div>
              <dt>{t[when.label]}</dt>
              <dd>
                <Local value={when.text} pageLang={lang} />
              </dd>
            </div>
          )}
          {item.target && (
            <div>
              <dt>{t.targetLabel}</dt>
              <dd>
                <Local
                  value={{ text: item.target.text ?? describeTarget(item.target, language), lang: item.target.text ? 'sv' : language }}
                  pageLang={lang}
                />
              </dd>
            </div>
          )}
        </dl>
      </Section>
      <ExampleNotice cycles={history.map((h) => h.cycle)} lang={lang} />
      <Section id="lage" title={t.currentTitle}>
        {progress?.status || progress?.assessment ? <ItemStatus progress={progress} lang={lang} t={t} /> : <p>{t.noItemReports}</p>}
      </Section>
      {children.length > 0 && (
        <Section id="under" title={t.childrenTitle}>
          <ul className="item-children">
            {children.map((c) => {
              const status = data.progress.items.get(c.id)?.status;
              return (
                <li key={c.id}>
                  <a href={href(lang, itemPath(code, data.document.id, c.id))}>{itemReference(c, lang, t)}</a>{' '}
                  <Local value={data.itemText(c)} pageLang={lang} />
                  {status && (
                    <>
                      {' '}
                      <StatusMark light={lightOf(status)} text={statusWord(t, status)} />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </Section>
      )}
      <Section id="historik" title={t.itemHistoryTitle}>
        {history.length === 0 ? (
          <p>{t.noItemReports}</p>
        ) : (
          <>
            <div className="table-scroll" role="region" aria-labelledby="punkt-historik" tabIndex={0}>
              <table className="plan-history">
                <caption id="punkt-historik">{t.itemHistoryCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.cycleLabel}</th>
                    <th scope="col">{t.periodLabel}</th>
                    <th scope="col">{t.statusLabel}</th>
                    <th scope="col" className="number">
                      {t.progressLabel}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => (
                    <tr key={h.cycle.id}>
                      <th scope="row">
                        <CycleName cycle={h.cycle} lang={lang} t={t} />
                      </th>
                      <td>{period(h.cycle)}</td>
                      <td>{h.status && <StatusMark light={h.light} text={statusWord(t, h.status)} />}</td>
                      <td className="number">
                        {h.progress === null ? '–' : formatNumber(lang, h.progress / 100, { style: 'percent', maximumFractionDigits: 0 })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {history.map((h) => (
              <section key={h.cycle.id} aria-labelledby={`cykel-${h.cycle.id}`} className="item-cycle">
                <h3 id={`cykel-${h.cycle.id}`}>
                  <CycleName cycle={h.cycle} lang={lang} t={t} />
                </h3>
                <p className="muted">{period(h.cycle)}</p>
                <Reports reports={h.reports.length === 1 && h.reports[0]?.narrative.trim() === '' ? [] : h.reports} lang={lang} t={t} />
              </section>
            ))}
          </>
        )}
      </Section>
      <FollowForm lang={lang} kind="item" targetId={item.id} returnPath={itemPath(code, data.document.id, item.id)} />
    </Page>
  );
}

export async function itemPage(page: PageRequest) {
  const itemId = page.params.itemId ?? '';
  if (!isUuid(itemId)) throw notFound('Punkten');
  const data = await loadPlanData(page, null);
  const item = data.items.find((i) => i.id === itemId);
  if (!item) throw notFound('Punkten');
  return <ItemPage page={page} data={data} item={item} />;
}

/** Each plan's overall progress on the municipality page, or that no follow-up is approved yet. */
export function PlanProgressNote({ progress, lang }: { progress: PlanProgress | undefined; lang: Lang }) {
  const t = planMessages(lang);
  if (!progress || progress.summary.progress === null) return <p className="muted">{t.planProgressNone}</p>;
  return (
    <p className="plan-card-progress">
      <ProgressBar value={progress.summary.progress} lang={lang} label={t.planProgressShort} />
    </p>
  );
}

export function registerPlanPages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/kommun/:code/plan/:docId', planPage);
  pageRoute(app, ctx, '/kommun/:code/plan/:docId/punkt/:itemId', itemPage);
}
