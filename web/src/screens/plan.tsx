import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type DocumentView, type FrameworkCatalogue, type ItemView, type Outline, type OutlineNode, type Unit } from '../client.ts';
import { FrameworkForm, ResponsibilityForm } from '../components/assign-forms.tsx';
import { DocumentForm } from '../components/document-form.tsx';
import { bodyOf, draftOf, ItemForm } from '../components/item-form.tsx';
import { ItemFacts } from '../components/item-view.tsx';
import { byItem, ItemIndicators } from '../components/indicators/item-indicators.tsx';
import { ItemProgrammesView, usePlanProgrammes } from '../components/item-programmes.tsx';
import { usePlanActivityCounts } from './catalogue/item-activities.tsx';
import type { PlanIndicator } from '../components/indicators/shared.tsx';
import { PlanHeader } from '../components/plan-header.tsx';
import { PlanSpreadsheet } from '../components/plan-spreadsheet.tsx';
import { Translations } from '../components/translations.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { lang } from '../format.ts';
import { canEditItem, canEditPlan, useSession } from '../session.tsx';
import { useFocusOnMount } from '../use-focus.ts';
import { useLoad, useTitle } from '../use-load.ts';

type Panel =
  | { kind: 'edit'; node: OutlineNode }
  | { kind: 'add'; parent: OutlineNode | null; position: number; template: OutlineNode | null }
  | { kind: 'responsible'; node: OutlineNode }
  | { kind: 'frameworks'; node: OutlineNode }
  | { kind: 'delete'; node: OutlineNode }
  | { kind: 'translations'; node: OutlineNode };

interface Place {
  node: OutlineNode;
  parent: OutlineNode | null;
  index: number;
  siblings: OutlineNode[];
}

function placesOf(nodes: OutlineNode[], parent: OutlineNode | null = null, into = new Map<string, Place>()): Map<string, Place> {
  nodes.forEach((node, index) => {
    into.set(node.id, { node, parent, index, siblings: nodes });
    placesOf(node.children, node, into);
  });
  return into;
}

const countAll = (n: OutlineNode): number => 1 + n.children.reduce((s, c) => s + countAll(c), 0);

export function PlanScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const outline = useLoad(() => api<Outline>('GET', `/api/plans/${id}/outline`), [id, user?.id]);
  const code = doc.data?.municipality.code;
  const units = useLoad(() => (code ? api<Unit[]>('GET', `/api/municipalities/${code}/units`) : Promise.resolve([])), [code]);
  const catalogue = useLoad(() => api<FrameworkCatalogue>('GET', '/api/frameworks'), []);
  // The indicators of every item, loaded once for the plan; without them the plan still shows.
  const indicators = useLoad(() => api<PlanIndicator[]>('GET', `/api/plans/${id}/indicators`), [id, user?.id]);
  const indicatorsByItem = useMemo(() => byItem(indicators.data), [indicators.data]);
  const activityCounts = usePlanActivityCounts(id, user?.id);
  // What the programmes did for each item (trainings, internships, fund projects, matching), loaded once for the plan.
  const programmes = usePlanProgrammes(id, user?.id);
  const [editing, setEditing] = useState(false);
  const [editingDocument, setEditingDocument] = useState(false);
  const [translatingTitle, setTranslatingTitle] = useState(false);
  const [panel, setPanel] = useState<Panel>();
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [focusId, setFocusId] = useState<string>();
  useTitle(doc.data?.title);

  const language = lang(i18n.language);
  const frameworkNames = useMemo(() => {
    const map = new Map<string, string>();
    for (const f of catalogue.data?.frameworks ?? []) {
      map.set(f.id, f.title[language]);
      for (const i of f.items)
        map.set(i.id, `${f.id === 'eu-cbp' ? 'EU' : f.id === 'eccar' ? 'ECCAR' : 'SE'} ${i.number}: ${i.short[language]}`);
    }
    return map;
  }, [catalogue.data, language]);
  const unitIdByName = useMemo(() => new Map((units.data ?? []).flatMap((u) => [[u.name, u.id] as const])), [units.data]);
  const places = useMemo(() => placesOf(outline.data?.nodes ?? []), [outline.data]);

  // After a write and reload, focus returns to the item that was worked on.
  useEffect(() => {
    if (!focusId) return;
    const el = document.getElementById(`item-${focusId}-title`);
    if (el) {
      el.focus();
      setFocusId(undefined);
    }
  }, [focusId, outline.data]);

  const afterWrite = useCallback(
    async (message: string, itemId?: string) => {
      setPanel(undefined);
      await outline.reload();
      setNotice(message);
      if (itemId) setFocusId(itemId);
    },
    [outline],
  );

  const error = doc.error ?? outline.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || !outline.data) return <Loading />;
  const document_ = doc.data;
  const planEditor = canEditPlan(user, document_.municipality.code);
  const mayEditSome = planEditor || user?.role === 'reporter';
  const q = filter.trim().toLocaleLowerCase('sv');
  const matches = (n: OutlineNode) =>
    q !== '' && `${n.label} ${n.number ?? ''} ${n.text} ${n.responsible.join(' ')}`.toLocaleLowerCase('sv').includes(q);
  const matchCount = q ? [...places.values()].filter((p) => matches(p.node)).length : 0;
  // A reporter sees at once which items are hers to update.
  const isMine = (n: OutlineNode) =>
    user?.role === 'reporter' && n.responsible.some((name) => user.unitIds.includes(unitIdByName.get(name) ?? ''));
  const mineCount = user?.role === 'reporter' ? [...places.values()].filter((p) => isMine(p.node)).length : 0;

  const move = async (node: OutlineNode, parentId: string | null, position: number, message: string) => {
    try {
      await api<ItemView>('POST', `/api/items/${node.id}/move`, { version: node.version, parentId, position });
      await afterWrite(message, node.id);
    } catch (e) {
      setNotice((e as Error).message);
      await outline.reload();
    }
  };

  const renderPanel = (forId: string | null) => {
    if (!panel) return null;
    const target = panel.kind === 'add' ? (panel.template?.id ?? panel.parent?.id ?? null) : panel.node.id;
    if (target !== forId) return null;
    switch (panel.kind) {
      case 'edit': {
        const unitIds = panel.node.responsible.map((n) => unitIdByName.get(n) ?? '');
        return (
          <ItemForm
            title={t('item.editTitle', { label: panel.node.label, number: panel.node.number ?? '' })}
            initial={draftOf(panel.node)}
            contentOnly={!planEditor && canEditItem(user, document_.municipality.code, unitIds)}
            onCancel={() => {
              setPanel(undefined);
              setFocusId(panel.node.id);
              void outline.reload();
            }}
            onSubmit={async (draft) => {
              await api<ItemView>('PATCH', `/api/items/${panel.node.id}`, { version: panel.node.version, ...bodyOf(draft) });
              await afterWrite(t('item.saved'), panel.node.id);
            }}
          />
        );
      }
      case 'add': {
        const template = panel.template;
        const level = template
          ? { kind: template.kind, label: template.label }
          : { kind: 'activity' as const, label: document_.levels.at(-1) ?? t('itemKinds.activity') };
        return (
          <ItemForm
            title={panel.parent ? t('item.addUnder', { label: panel.parent.label, number: panel.parent.number ?? '' }) : t('item.addTop')}
            initial={draftOf({ ...level, text: '' })}
            onCancel={() => setPanel(undefined)}
            onSubmit={async (draft) => {
              const created = await api<ItemView>('POST', `/api/plans/${id}/items`, {
                parentId: panel.parent?.id ?? null,
                position: panel.position,
                ...bodyOf(draft),
              });
              await afterWrite(t('item.added'), created.id);
            }}
          />
        );
      }
      case 'responsible': {
        const initial: Record<string, 'lead' | 'contributor'> = {};
        const contributors = new Set(panel.node.contributors ?? []);
        for (const name of panel.node.responsible) {
          const unitId = unitIdByName.get(name);
          if (unitId) initial[unitId] = contributors.has(name) ? 'contributor' : 'lead';
        }
        return (
          <ResponsibilityForm
            units={units.data ?? []}
            initial={initial}
            onCancel={() => setPanel(undefined)}
            onSubmit={async (assignments) => {
              await api('PUT', `/api/items/${panel.node.id}/responsibility`, { version: panel.node.version, assignments });
              await afterWrite(t('item.saved'), panel.node.id);
            }}
          />
        );
      }
      case 'frameworks':
        return catalogue.data ? (
          <FrameworkForm
            catalogue={catalogue.data}
            initial={panel.node.frameworks}
            onCancel={() => setPanel(undefined)}
            onSubmit={async (ids) => {
              await api('PUT', `/api/items/${panel.node.id}/frameworks`, { version: panel.node.version, frameworks: ids });
              await afterWrite(t('item.saved'), panel.node.id);
            }}
          />
        ) : null;
      case 'translations':
        return (
          <Translations
            kind="item"
            id={panel.node.id}
            name={`${panel.node.label}${panel.node.number ? ` ${panel.node.number}` : ''}`}
            onClose={() => {
              setPanel(undefined);
              setFocusId(panel.node.id);
            }}
          />
        );
      case 'delete':
        return (
          <ConfirmDelete
            node={panel.node}
            onCancel={() => setPanel(undefined)}
            onConfirm={() => {
              const { parent, index, siblings } = places.get(panel.node.id) as Place;
              const next = siblings[index + 1] ?? siblings[index - 1] ?? parent;
              void api('DELETE', `/api/items/${panel.node.id}?version=${panel.node.version}`)
                .then(() => afterWrite(t('item.deleted'), next?.id))
                .catch((e: Error) => setNotice(e.message));
            }}
          />
        );
    }
  };

  const renderNode = (node: OutlineNode, depth: number) => {
    const place = places.get(node.id) as Place;
    const isCollapsed = collapsed.has(node.id);
    const unitIds = node.responsible.map((n) => unitIdByName.get(n) ?? '');
    const editable = editing && canEditItem(user, document_.municipality.code, unitIds);
    const heading = `${node.label}${node.number ? ` ${node.number}` : ''}`;
    const toggle = () => {
      const next = new Set(collapsed);
      if (next.has(node.id)) next.delete(node.id);
      else next.add(node.id);
      setCollapsed(next);
    };
    if (node.kind === 'note' && !editing)
      return (
        <li key={node.id} id={`item-${node.id}`} className="node note">
          <details>
            <summary id={`item-${node.id}-title`} tabIndex={0}>
              {node.label}
            </summary>
            {node.text.split('\n\n').map((para, i) => (
              <p key={i} className="note-text">
                {para}
              </p>
            ))}
            {node.children.length > 0 && <ol className="tree">{node.children.map((c) => renderNode(c, depth + 1))}</ol>}
          </details>
        </li>
      );
    return (
      <li
        key={node.id}
        id={`item-${node.id}`}
        className={`node kind-${node.kind}${matches(node) ? ' match' : ''}${isMine(node) ? ' mine' : ''}`}
      >
        <div className="node-head">
          {node.children.length > 0 && (
            <button
              type="button"
              className="toggle"
              aria-expanded={!isCollapsed}
              onClick={toggle}
              aria-label={t(isCollapsed ? 'plan.expand' : 'plan.collapse', { name: heading })}
            >
              {isCollapsed ? '▸' : '▾'}
            </button>
          )}
          <span className="node-label" id={`item-${node.id}-title`} tabIndex={-1}>
            {heading}
          </span>
        </div>
        {isMine(node) && <p className="badge mine-badge">{t('plan.yours')}</p>}
        <ItemFacts node={node} frameworkNames={frameworkNames} />
        <ItemIndicators indicators={indicatorsByItem.get(node.id)} />
        <ItemProgrammesView data={programmes.get(node.id)} activityYears={activityCounts.get(node.id)} compact />
        {editable && (
          <div className="toolbar" role="group" aria-label={t('item.actionsFor', { name: heading })}>
            <button type="button" onClick={() => setPanel({ kind: 'edit', node })}>
              {t('common.edit')}
            </button>
            {planEditor && (
              <>
                <button
                  type="button"
                  onClick={() =>
                    setPanel({ kind: 'add', parent: node, position: node.children.length, template: node.children.at(-1) ?? null })
                  }
                >
                  {t('item.addChild')}
                </button>
                <button
                  type="button"
                  onClick={() => setPanel({ kind: 'add', parent: place.parent, position: place.index + 1, template: node })}
                >
                  {t('item.addAfter')}
                </button>
                <button
                  type="button"
                  disabled={place.index === 0}
                  onClick={() => void move(node, place.parent?.id ?? null, place.index - 1, t('item.moved'))}
                >
                  {t('item.up')}
                </button>
                <button
                  type="button"
                  disabled={place.index === place.siblings.length - 1}
                  onClick={() => void move(node, place.parent?.id ?? null, place.index + 1, t('item.moved'))}
                >
                  {t('item.down')}
                </button>
                <button
                  type="button"
                  disabled={place.index === 0}
                  onClick={() => {
                    const previous = place.siblings[place.index - 1];
                    if (previous) void move(node, previous.id, previous.children.length, t('item.moved'));
                  }}
                >
                  {t('item.indent')}
                </button>
                <button
                  type="button"
                  disabled={!place.parent}
                  onClick={() => {
                    const parentPlace = place.parent ? places.get(place.parent.id) : undefined;
                    if (parentPlace) void move(node, parentPlace.parent?.id ?? null, parentPlace.index + 1, t('item.moved'));
                  }}
                >
                  {t('item.outdent')}
                </button>
                <button type="button" onClick={() => setPanel({ kind: 'responsible', node })}>
                  {t('item.responsible')}
                </button>
                <button type="button" onClick={() => setPanel({ kind: 'frameworks', node })}>
                  {t('item.frameworks')}
                </button>
                <button type="button" onClick={() => setPanel({ kind: 'translations', node })}>
                  {t('translations.open')}
                </button>
                <button type="button" className="danger" onClick={() => setPanel({ kind: 'delete', node })}>
                  {t('common.delete')}
                </button>
              </>
            )}
          </div>
        )}
        {renderPanel(node.id)}
        {node.children.length > 0 && !isCollapsed && <ol className="tree">{node.children.map((c) => renderNode(c, depth + 1))}</ol>}
      </li>
    );
  };

  return (
    <section className="page">
      <PlanHeader document={document_} />
      <div className="plan-tools">
        <div className="field inline">
          <label htmlFor="plan-filter">{t('plan.filter')}</label>
          <input id="plan-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        {q && (
          <p role="status" className="muted">
            {t('plan.matches', { count: matchCount })}
          </p>
        )}
        <button type="button" className="button secondary small" onClick={() => setCollapsed(new Set())}>
          {t('plan.expandAll')}
        </button>
        {planEditor && !editingDocument && (
          <button type="button" className="button secondary small" onClick={() => setEditingDocument(true)}>
            {t('document.edit')}
          </button>
        )}
        {planEditor && (
          <button
            type="button"
            className="button secondary small"
            aria-expanded={translatingTitle}
            aria-controls={translatingTitle ? 'plan-title-translations' : undefined}
            onClick={() => setTranslatingTitle(!translatingTitle)}
          >
            {t('translations.openFor', { name: t('translations.planTitle') })}
          </button>
        )}
        {mayEditSome && (
          <button type="button" className="button small" aria-pressed={editing} onClick={() => setEditing(!editing)}>
            {editing ? t('plan.stopEditing') : t('plan.edit')}
          </button>
        )}
      </div>
      {user?.role === 'reporter' && (
        <p className="alert ok">{mineCount > 0 ? t('plan.reporterHint', { count: mineCount }) : t('plan.reporterNone')}</p>
      )}
      {editingDocument && (
        <DocumentForm
          document={document_}
          onCancel={() => setEditingDocument(false)}
          onSaved={(saved) => {
            doc.setData(saved);
            setEditingDocument(false);
            setNotice(t('document.saved'));
          }}
        />
      )}
      {translatingTitle && (
        <div id="plan-title-translations">
          <Translations
            kind="document"
            id={document_.id}
            name={t('translations.planTitle')}
            level={2}
            onClose={() => setTranslatingTitle(false)}
          />
        </div>
      )}
      <PlanSpreadsheet planId={document_.id} canImport={planEditor} onImported={outline.reload} />
      <p role="status" className="notice" aria-live="polite">
        {notice}
      </p>
      <h2 className="visually-hidden">{t('plan.tree')}</h2>
      {outline.data.nodes.length === 0 && <p>{t('plan.empty')}</p>}
      <ol className="tree root">{outline.data.nodes.map((n) => renderNode(n, 0))}</ol>
      {editing && planEditor && (
        <>
          <button
            type="button"
            className="button secondary"
            onClick={() => setPanel({ kind: 'add', parent: null, position: outline.data?.nodes.length ?? 0, template: null })}
          >
            {t('item.addTop')}
          </button>
          {renderPanel(null)}
        </>
      )}
    </section>
  );
}

function ConfirmDelete({ node, onConfirm, onCancel }: { node: OutlineNode; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const total = countAll(node);
  return (
    <div className="card confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <h3 id="confirm-title" tabIndex={-1} ref={focusRef}>
        {t('item.deleteTitle', { label: node.label, number: node.number ?? '' })}
      </h3>
      <p id="confirm-text">{total > 1 ? t('item.deleteWithChildren', { count: total - 1 }) : t('item.deleteOne')}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onConfirm}>
          {t('item.deleteConfirm')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
