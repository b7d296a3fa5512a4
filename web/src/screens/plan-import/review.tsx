import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, type FieldProblem, type Unit } from '../../client.ts';
import { useFocusOnMount } from '../../use-focus.ts';
import type { ImportPreview } from '../../../../src/capabilities/plan-import/preview.ts';
import type { PlanOutline } from '../../../../src/capabilities/plans/outline.ts';
import { MetaPanel, metaProblems, parseLevels, type Meta } from './meta-panel.tsx';
import { SourcePane } from './source-pane.tsx';
import {
  blankNode,
  dropUnit,
  flatten,
  fromOutline,
  isUncertain,
  problems as treeProblems,
  renameUnit,
  toOutline,
  unitNames,
  unitUses,
  type Tree,
} from './tree-edit.ts';
import { nodeName, TreePane } from './tree-pane.tsx';
import { UnitsPanel, type MissingUnit, type UnitKind } from './units-panel.tsx';

interface Saved {
  documentId: string;
  itemCount: number;
  createdUnits: string[];
}

function metaOf(outline: PlanOutline): Meta {
  const meta: Partial<PlanOutline> = { ...outline };
  delete meta.nodes;
  return meta as Meta;
}

const fold = (s: string) => s.trim().toLocaleLowerCase('sv');

export function ReviewStep(props: { code: string; preview: ImportPreview; units: Unit[]; onStartOver: () => void }) {
  const { code, preview, units } = props;
  const { t } = useTranslation();
  const [tree, setTree] = useState<Tree>(() => fromOutline(preview.outline.nodes, preview.evidence));
  const [history, setHistory] = useState<{ tree: Tree; what: string; tag?: string | undefined }[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [onlyUncertain, setOnlyUncertain] = useState(false);
  const [message, setMessage] = useState('');
  const [meta, setMetaState] = useState<Meta>(() => metaOf(preview.outline));
  const [levels, setLevels] = useState(preview.outline.levels.join(', '));
  const [kinds, setKinds] = useState<Record<string, UnitKind>>({});
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ message: string; details: FieldProblem[] }>();
  const [saved, setSaved] = useState<Saved>();

  // Leaving the page (reload, closing the tab, a typed address) with unsaved edits asks first.
  useEffect(() => {
    if (!dirty || saved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, saved]);

  // In-app links too: the router here cannot block navigation, so a click on a link is asked about first.
  useEffect(() => {
    if (!dirty || saved) return;
    const ask = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!link || link.getAttribute('href')?.startsWith('#') || event.defaultPrevented) return;
      if (!window.confirm(t('planImport.review.confirmLeave'))) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    document.addEventListener('click', ask, true);
    return () => document.removeEventListener('click', ask, true);
  }, [dirty, saved, t]);

  const apply = (next: Tree, what: string, tag?: string) => {
    if (next === tree) return;
    // Keystrokes in one node's fields make one undo step, not one per letter.
    setHistory((h) => (tag && h[h.length - 1]?.tag === tag ? h : [...h.slice(-49), { tree, what, tag }]));
    setTree(next);
    setDirty(true);
    if (!tag) setMessage(what);
  };
  const undo = () => {
    const last = history[history.length - 1];
    if (!last) return;
    setHistory(history.slice(0, -1));
    setTree(last.tree);
    setMessage(t('planImport.tree.undone', { what: last.what }));
    if (selected && !flatten(last.tree).some((f) => f.node.key === selected)) setSelected(null);
  };
  const setMeta = (next: Meta) => {
    setMetaState(next);
    setDirty(true);
  };

  const isExisting = useMemo(() => {
    const known = new Set(units.flatMap((u) => [fold(u.name), ...(u.abbreviation ? [fold(u.abbreviation)] : [])]));
    return (name: string) => known.has(fold(name));
  }, [units]);
  const proposedKind = (name: string): UnitKind =>
    kinds[name] ??
    preview.proposedUnits.find((u) => fold(u.name) === fold(name))?.kind ??
    preview.outline.units?.find((u) => fold(u.name) === fold(name))?.kind ??
    'unit';
  const missing: MissingUnit[] = unitNames(tree)
    .filter((name) => !isExisting(name))
    .map((name) => ({ name, uses: unitUses(tree, name), kind: proposedKind(name) }));
  const suggestions = [...new Set([...units.map((u) => u.name), ...unitNames(tree)])].sort((a, b) => a.localeCompare(b, 'sv'));

  const nodeProblems = treeProblems(tree);
  const docProblems = metaProblems(meta);
  const flat = flatten(tree);
  const uncertainCount = flat.filter(({ node }) => isUncertain(node)).length;

  const selectFromSource = (key: string) => {
    setSelected(key);
    if (onlyUncertain) setOnlyUncertain(false);
    setTimeout(() => {
      const head = document.getElementById(`node-${key}`);
      head?.scrollIntoView({ block: 'nearest' });
      head?.focus({ preventScroll: true });
    }, 0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const typing = (event.target as HTMLElement).closest('input, textarea, select');
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !event.shiftKey && !typing) {
      event.preventDefault();
      undo();
    }
  };

  const save = async () => {
    setSaveError(undefined);
    const first = nodeProblems[0];
    if (first || docProblems.length > 0) {
      if (first) {
        setSelected(first.key);
        setOnlyUncertain(false);
      }
      setSaveError({ message: t('planImport.save.fix', { count: nodeProblems.length + docProblems.length }), details: [] });
      return;
    }
    const outline: PlanOutline = {
      ...meta,
      title: meta.title.trim(),
      levels: parseLevels(levels),
      units: missing.map((m) => ({
        name: m.name,
        kind: m.kind,
        abbreviation: preview.proposedUnits.find((u) => u.name === m.name)?.abbreviation ?? null,
      })),
      nodes: toOutline(tree),
    };
    setSaving(true);
    try {
      const result = await api<Saved>('POST', `/api/municipalities/${code}/plans/import`, { outline });
      setDirty(false);
      setSaved(result);
    } catch (e) {
      setSaveError(e instanceof ApiError ? { message: e.message, details: e.details } : { message: (e as Error).message, details: [] });
    } finally {
      setSaving(false);
    }
  };

  if (saved) return <SavedSummary saved={saved} title={meta.title} />;

  const pages = preview.pages ? t('planImport.review.pages', { count: preview.pages }) : '';
  const lastStep = history[history.length - 1];
  return (
    <div className="import-review" onKeyDown={onKeyDown}>
      <h2>{t('planImport.review.heading')}</h2>
      <div className="import-summary">
        <p>
          <strong>{t('planImport.review.file', { name: preview.fileName, format: preview.format.toUpperCase(), pages })}</strong>
          {' · '}
          {t('planImport.review.summary', { count: flat.length, uncertain: uncertainCount })}
          {' · '}
          <strong>{t('planImport.nothingSaved')}</strong>
        </p>
        <button
          type="button"
          className="button small secondary"
          onClick={() => {
            if (!dirty || window.confirm(t('planImport.review.confirmStartOver'))) props.onStartOver();
          }}
        >
          {t('planImport.review.startOver')}
        </button>
      </div>

      <section className="card import-warnings" aria-labelledby="import-warnings-heading">
        <h3 id="import-warnings-heading">{t('planImport.meta.warnings')}</h3>
        {preview.warnings.length === 0 ? (
          <p className="muted small">{t('planImport.meta.noWarnings')}</p>
        ) : (
          <ul lang="sv">
            {preview.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </section>

      <div className="import-panes">
        <SourcePane text={preview.sourceText} tree={tree} selected={selected} onSelect={selectFromSource} />
        <section className="import-tree-pane" aria-labelledby="import-tree-heading">
          <h3 id="import-tree-heading">{t('planImport.tree.heading')}</h3>
          <div className="import-tree-tools">
            <label className="check">
              <input type="checkbox" checked={onlyUncertain} onChange={(e) => setOnlyUncertain(e.target.checked)} />{' '}
              {t('planImport.tree.onlyUncertain')} ({uncertainCount})
            </label>
            <button type="button" className="button small secondary" disabled={!lastStep} onClick={undo}>
              {lastStep ? t('planImport.tree.undo', { what: lastStep.what }) : t('planImport.tree.nothingToUndo')}
            </button>
          </div>
          <p className="notice import-message" role="status">
            {message}
          </p>
          <p className="hint">{t('planImport.review.shortcuts')}</p>
          <TreePane
            tree={tree}
            apply={apply}
            selected={selected}
            onSelect={setSelected}
            onlyUncertain={onlyUncertain}
            isExisting={isExisting}
            problems={nodeProblems}
          />
          <button
            type="button"
            className="button small secondary"
            onClick={() => {
              const fresh = blankNode({ kind: 'goal', label: preview.outline.levels[0] ?? t('planImport.node.kinds.goal') });
              apply([...tree, fresh], t('planImport.ops.did.add'));
              setSelected(fresh.key);
            }}
          >
            {t('planImport.tree.addRoot')}
          </button>
        </section>
      </div>

      <div className="import-details">
        <MetaPanel meta={meta} onChange={setMeta} levels={levels} onLevels={(l) => (setLevels(l), setDirty(true))} problems={docProblems} />
        <UnitsPanel
          missing={missing}
          existing={units}
          onKind={(name, kind) => setKinds({ ...kinds, [name]: kind })}
          onMap={(name, to) => apply(renameUnit(tree, name, to), t('planImport.ops.did.mapUnit', { from: name, to }))}
          onDrop={(name) => apply(dropUnit(tree, name), t('planImport.ops.did.dropUnit', { name }))}
        />
      </div>

      <section className="card import-save" aria-labelledby="import-save-heading">
        <h3 id="import-save-heading">{t('planImport.save.heading')}</h3>
        <p>
          {t('planImport.save.intro', { count: flat.length })}
          {missing.length > 0 && <> {t('planImport.save.creates', { names: missing.map((m) => m.name).join(', ') })}</>}
        </p>
        <div role="alert">
          {saveError && (
            <div className="alert error">
              <p>{saveError.message}</p>
              {(nodeProblems.length > 0 || docProblems.length > 0 || saveError.details.length > 0) && (
                <ul>
                  {docProblems.map((p) => (
                    <li key={p}>
                      <button
                        type="button"
                        className="link-button small"
                        onClick={() =>
                          document.getElementById(`meta-${p === 'validFrom' ? 'valid-from' : p === 'validTo' ? 'valid-to' : p}`)?.focus()
                        }
                      >
                        {t(`planImport.meta.problems.${p === 'validFrom' || p === 'validTo' ? 'valid' : p}`)}
                      </button>
                    </li>
                  ))}
                  {nodeProblems.map((p) => {
                    const node = flat.find((f) => f.node.key === p.key)?.node;
                    return (
                      <li key={`${p.key}:${p.field}`}>
                        <button
                          type="button"
                          className="link-button small"
                          onClick={() => {
                            setSelected(p.key);
                            setOnlyUncertain(false);
                            setTimeout(
                              () => document.getElementById(`f-${p.key}-${p.field === 'period' ? 'period-from' : p.field}`)?.focus(),
                              0,
                            );
                          }}
                        >
                          {t('planImport.save.fixNode', {
                            name: node ? nodeName(node) : '',
                            problem: t(`planImport.node.problems.${p.field}`),
                          })}
                        </button>
                      </li>
                    );
                  })}
                  {saveError.details.map((d) => (
                    <li key={`${d.path}:${d.message}`}>
                      <code>{d.path}</code> {d.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <div className="actions">
          <button type="button" className="button" disabled={saving} onClick={() => void save()}>
            {saving ? t('planImport.save.busy') : t('planImport.save.button')}
          </button>
        </div>
      </section>

      <datalist id="import-unit-names">
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}

function SavedSummary({ saved, title }: { saved: Saved; title: string }) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="card import-saved" aria-labelledby="import-saved-heading">
      <h2 id="import-saved-heading" ref={heading} tabIndex={-1}>
        {t('planImport.save.done')}
      </h2>
      <p role="status">
        {t('planImport.save.doneText', { title, count: saved.itemCount })}
        {saved.createdUnits.length > 0 && <> {t('planImport.save.created', { names: saved.createdUnits.join(', ') })}</>}
      </p>
      <p>
        <Link className="button" to={`/planer/${saved.documentId}`}>
          {t('planImport.save.open')}
        </Link>
      </p>
    </section>
  );
}
