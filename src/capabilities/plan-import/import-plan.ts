import { guessUnitKind } from '../plans/model.ts';
import type { OutlineNode, PlanOutline } from '../plans/outline.ts';
import { dueIn, frameworksIn, periodIn, recurrenceIn, responsibleIn, targetIn } from './attributes.ts';
import { documentFacts, municipalityIn, type Municipality } from './metadata.ts';
import type { NodeEvidence } from './preview.ts';
import type { SourceDocument } from './source.ts';
import { bodyStart, buildNodes, classify, tidy, toOutlineNode, type DraftNode } from './structure.ts';

/**
 * The importer's pipeline over an extracted document: tidy → classify → sections → nodes → attributes →
 * document facts. Pure: the caller extracts the file and knows the municipalities.
 */

export interface ReadPlan {
  outline: PlanOutline;
  evidence: NodeEvidence[];
  warnings: string[];
}

export interface ReadOptions {
  fileName: string;
  /** The municipality the coordinator imports for; when absent the document's own words decide. */
  municipality: Municipality | null;
  municipalities: Municipality[];
}

type Unit = NonNullable<PlanOutline['units']>[number];

export function readPlan(source: SourceDocument, options: ReadOptions): ReadPlan {
  const classified = classify(tidy(source.blocks));
  const start = bodyStart(classified);
  const opening = classified.slice(0, start).map((p) => (p.block.cells ? p.block.cells.join(' | ') : p.text));
  const context = { matrixColumns: [] as string[] };
  const drafts = buildNodes(classified.slice(start), context);
  const fullText = classified.map((p) => p.text).join('\n');
  const facts = documentFacts(opening, fullText, options.municipalities, options.municipality);

  const evidence: NodeEvidence[] = [];
  const warnings: string[] = [];
  const convert = (draft: DraftNode, path: string, parent: OutlineNode | null): OutlineNode => {
    const node = toOutlineNode({ ...draft, children: [] });
    evidence.push({ path, spans: draft.spans, confidence: draft.confidence, reason: draft.reason });
    if (draft.kind !== 'note') describe(node, draft, parent);
    node.children = draft.children.map((c, i) => convert(c, `${path}.${i}`, node));
    return node;
  };
  const nodes = drafts.map((d, i) => convert(d, String(i), null));

  const items = countItems(nodes);
  if (items === 0)
    warnings.push(
      'Inga mål eller aktiviteter hittades. Är det här en plan? Lägg till dem för hand eller prova en annan version av dokumentet.',
    );
  if (!facts.municipality) warnings.push('Kommunen kunde inte utläsas ur dokumentet.');
  const named = options.municipality ? municipalityIn(fullText, options.municipalities) : null;
  if (options.municipality && named && named.code !== options.municipality.code)
    warnings.push(`Dokumentet verkar gälla ${named.name} kommun, men importeras till ${options.municipality.name} kommun.`);
  if (!facts.adopted?.date) warnings.push('Inget beslut om antagande hittades: kontrollera beslutande organ, datum och paragraf.');
  const unsure = evidence.filter((e) => e.confidence < 0.7).length;
  if (unsure > 0) warnings.push(`${unsure} punkter är osäkra: granska dem särskilt.`);

  const municipality = facts.municipality ?? { code: '0000', name: 'Okänd' };
  const outline: PlanOutline = {
    format: 'plan-outline/1',
    municipality,
    title: facts.title,
    kind: facts.kind,
    status: facts.status,
    adopted: facts.adopted,
    decided: facts.decided,
    documentDate: facts.documentDate,
    valid: facts.valid,
    revision: facts.revision,
    followUp: facts.followUp,
    levels: levelsOf(nodes),
    units: unitsOf(nodes, context.matrixColumns),
    matrixColumns: context.matrixColumns,
    frameworks: [...new Set(frameworksIn(fullText))],
    source: { file: options.fileName, note: 'Importerad från dokument; granskad före sparande.' },
    nodes,
  };
  return { outline, evidence, warnings };
}

/** Schedule, target, responsibility and framework links from the item's own words. */
function describe(node: OutlineNode, draft: DraftNode, parent: OutlineNode | null): void {
  const text = [draft.text, ...draft.extra].join('. ');
  const recurrence = recurrenceIn(text);
  const period = periodIn(text);
  const target = targetIn(text);
  // A goal's year is when its target is to be met; an activity's year is its deadline.
  const due = node.kind === 'activity' ? dueIn(text) : draft.extra.length > 0 ? dueIn(draft.extra.join('. ')) : null;
  node.recurrence = recurrence ?? (target?.per === 'year' && node.kind === 'activity' ? 'FREQ=YEARLY' : null);
  node.period = period;
  node.due = due;
  node.target = target;
  const { responsible, contributors } = responsibleIn(text);
  node.responsible = [...new Set([...draft.matrixUnits, ...responsible])];
  if (contributors.length > 0) node.contributors = contributors.filter((c) => node.responsible.includes(c));
  const own = frameworksIn(text);
  node.frameworks = parent && parent.frameworks.length > 0 ? own.filter((f) => !parent.frameworks.includes(f) || own.length > 0) : own;
}

function countItems(nodes: OutlineNode[]): number {
  return nodes.reduce((n, node) => n + (node.kind === 'note' ? 0 : 1) + countItems(node.children), 0);
}

/** The plan's level names from the top: the labels met at each depth of the item tree. */
function levelsOf(nodes: OutlineNode[]): string[] {
  const levels: string[] = [];
  const walk = (list: OutlineNode[]) => {
    for (const n of list) {
      if (n.kind === 'note') continue;
      if (!levels.includes(n.label)) levels.push(n.label);
      walk(n.children);
    }
  };
  walk(nodes);
  return levels;
}

function unitsOf(nodes: OutlineNode[], columns: string[]): Unit[] {
  const names = new Set<string>();
  const walk = (list: OutlineNode[]) => {
    for (const n of list) {
      for (const r of n.responsible) names.add(r);
      walk(n.children);
    }
  };
  walk(nodes);
  for (const c of columns) names.add(c);
  return [...names].map((name) => ({ name, kind: guessUnitKind(name) }));
}
