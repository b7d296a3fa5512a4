import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ItemKind } from '../../client.ts';
import { describeRecurrence, lang } from '../../format.ts';
import {
  addAfter,
  addChild,
  blankNode,
  canMerge,
  flatten,
  indent,
  isUncertain,
  mergeWithNext,
  moveDown,
  moveUp,
  outdent,
  pathOf,
  remove,
  sentenceBreaks,
  split,
  updateFields,
  updateNode,
  type EditNode,
  type NodeFields,
  type Problem,
  type Tree,
} from './tree-edit.ts';

const kinds: ItemKind[] = ['vision', 'area', 'goal', 'activity', 'note'];
const commonRules = ['FREQ=YEARLY', 'FREQ=MONTHLY;INTERVAL=6', 'FREQ=MONTHLY;INTERVAL=3', 'FREQ=MONTHLY', 'CONTINUOUS'];

export type Apply = (next: Tree, what: string, tag?: string) => void;

export function nodeName(node: EditNode): string {
  const f = node.fields;
  const head = [f.label, f.number].filter(Boolean).join(' ');
  if (f.number) return head;
  const text = f.text.replace(/\s+/g, ' ').trim();
  const excerpt = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return excerpt ? `${head}: ${excerpt}` : head;
}

function ConfidenceBadge({ node }: { node: EditNode }) {
  const { t } = useTranslation();
  if (!node.evidence) return <span className="badge">{t('planImport.tree.new')}</span>;
  const percent = Math.round(node.evidence.confidence * 100);
  if (node.reviewed && node.evidence.confidence < 0.7) return <span className="badge status-adopted">{t('planImport.tree.reviewed')}</span>;
  return isUncertain(node) ? (
    <span className="badge warn">{t('planImport.tree.unsure', { percent })}</span>
  ) : (
    <span className="badge confidence-ok">{t('planImport.tree.sure', { percent })}</span>
  );
}

interface Props {
  tree: Tree;
  apply: Apply;
  selected: string | null;
  onSelect: (key: string | null) => void;
  onlyUncertain: boolean;
  isExisting: (name: string) => boolean;
  problems: Problem[];
}

/** The proposed plan as an editable tree: one line per node, the selected one opened with its fields and operations. */
export function TreePane(props: Props) {
  const { tree, apply, selected, onSelect, onlyUncertain } = props;
  const { t } = useTranslation();
  const pendingFocus = useRef<string | null>(null);

  // After an operation the node may have remounted elsewhere in the tree: focus goes back to what was pressed.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    const [key] = id.split('|');
    const target = document.getElementById(id.replace('|', '-')) as HTMLButtonElement | null;
    const fallback = document.getElementById(`node-${key}`);
    (target && !target.disabled ? target : fallback)?.focus();
  });
  const focusLater = (key: string, op?: string) => {
    pendingFocus.current = op ? `op-${key}|${op}` : `node-${key}|`;
  };

  const visible = (node: EditNode): boolean => !onlyUncertain || isUncertain(node) || node.children.some(visible);
  const order = flatten(tree)
    .filter(({ node }) => visible(node))
    .map(({ node }) => node.key);

  const run = (key: string, op: 'up' | 'down' | 'indent' | 'outdent' | 'merge') => {
    const node = flatten(tree).find((f) => f.node.key === key)?.node;
    if (!node) return;
    const name = nodeName(node);
    const next = { up: moveUp, down: moveDown, indent, outdent, merge: mergeWithNext }[op](tree, key);
    focusLater(key, op);
    apply(next, t(`planImport.ops.did.${op}`, { name }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, key: string) => {
    const index = order.indexOf(key);
    const go = (i: number) => {
      const target = order[Math.max(0, Math.min(order.length - 1, i))];
      if (!target) return;
      event.preventDefault();
      document.getElementById(`node-${target}`)?.focus();
    };
    if (event.altKey) {
      const op = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' } as const)[
        event.key as 'ArrowUp' | 'ArrowDown' | 'ArrowRight' | 'ArrowLeft'
      ];
      if (op) {
        event.preventDefault();
        run(key, op);
        pendingFocus.current = `node-${key}|`;
      }
      return;
    }
    if (event.key === 'ArrowDown') go(index + 1);
    else if (event.key === 'ArrowUp') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(order.length - 1);
  };

  const renderList = (list: Tree, depth: number) => {
    const shown = list.filter(visible);
    if (shown.length === 0) return null;
    return (
      <ul className={depth === 0 ? 'import-tree root' : 'import-tree'}>
        {shown.map((node) => (
          <li key={node.key} className={`import-node kind-${node.fields.kind}${node.key === selected ? ' selected' : ''}`}>
            <div className="import-node-head">
              <button
                type="button"
                id={`node-${node.key}`}
                className="import-node-button"
                aria-expanded={node.key === selected}
                aria-controls={node.key === selected ? `editor-${node.key}` : undefined}
                onClick={() => onSelect(node.key === selected ? null : node.key)}
                onKeyDown={(e) => onKeyDown(e, node.key)}
              >
                <span className={`kind-chip kind-${node.fields.kind}`}>{t(`planImport.node.kinds.${node.fields.kind}`)}</span>{' '}
                <span className="import-node-name">{[node.fields.label, node.fields.number].filter(Boolean).join(' ')}</span>{' '}
                <span className="import-node-text">{excerpt(node.fields.text) || t('planImport.tree.noText')}</span>
                {node.fields.responsible.length > 0 && <span className="import-node-units"> · {node.fields.responsible.join(', ')}</span>}
              </button>
              <ConfidenceBadge node={node} />
            </div>
            {node.key === selected && <NodeEditor {...props} node={node} run={run} focusLater={focusLater} />}
            {renderList(node.children, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };

  if (tree.length === 0) return <p className="muted">{t('planImport.tree.empty')}</p>;
  if (onlyUncertain && order.length === 0) return <p className="muted">{t('planImport.tree.noneUncertain')}</p>;
  return (
    <div aria-label={t('planImport.tree.label')} role="group">
      {renderList(tree, 0)}
    </div>
  );
}

function excerpt(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > 140 ? `${folded.slice(0, 140)}…` : folded;
}

function problemText(t: TFunction, problems: Problem[], key: string, field: Problem['field']): string | undefined {
  return problems.some((p) => p.key === key && p.field === field) ? t(`planImport.node.problems.${field}`) : undefined;
}

function NodeEditor(
  props: Props & {
    node: EditNode;
    run: (key: string, op: 'up' | 'down' | 'indent' | 'outdent' | 'merge') => void;
    focusLater: (key: string, op?: string) => void;
  },
) {
  const { node, tree, apply, onSelect, run, focusLater, problems } = props;
  const { t, i18n } = useTranslation();
  const textArea = useRef<HTMLTextAreaElement>(null);
  const [sentence, setSentence] = useState('');
  const [newUnit, setNewUnit] = useState('');
  const key = node.key;
  const f = node.fields;
  const name = nodeName(node);
  const id = (field: string) => `f-${key}-${field}`;
  const path = pathOf(tree, key) ?? [];
  const atTop = path[path.length - 1] === 0;
  const atRoot = path.length === 1;
  const siblings = path.length === 1 ? tree : (flatten(tree).find((x) => x.path.join() === path.slice(0, -1).join())?.node.children ?? []);
  const atEnd = path[path.length - 1] === siblings.length - 1;

  const edit = (patch: Partial<NodeFields>) => apply(updateFields(tree, key, patch), t('planImport.ops.did.edit', { name }), `edit:${key}`);
  const problem = (field: Problem['field']) => problemText(t, problems, key, field);
  const described = (field: Problem['field'], hint?: boolean) =>
    [hint ? `${id(field)}-hint` : '', problem(field) ? `${id(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const FieldError = ({ field }: { field: Problem['field'] }) =>
    problem(field) ? (
      <span className="field-error" id={`${id(field)}-error`}>
        {problem(field)}
      </span>
    ) : null;

  const splitAt = (offset: number) => {
    const result = split(tree, key, offset);
    if (!result.newKey) return;
    focusLater(result.newKey);
    onSelect(result.newKey);
    apply(result.tree, t('planImport.ops.did.split', { name }));
  };
  const del = () => {
    const count = flatten(node.children).length;
    const order = flatten(tree).map((x) => x.node.key);
    const index = order.indexOf(key);
    const descendants = new Set(flatten(node.children).map((x) => x.node.key));
    const next = order.slice(index + 1).find((k) => !descendants.has(k)) ?? order[index - 1];
    onSelect(null);
    if (next) focusLater(next);
    apply(
      remove(tree, key),
      count > 0 ? t('planImport.ops.did.deleteWithChildren', { name, count }) : t('planImport.ops.did.delete', { name }),
    );
  };
  const add = (where: 'child' | 'note') => {
    const fresh =
      where === 'child'
        ? blankNode({ kind: f.kind === 'goal' || f.kind === 'area' || f.kind === 'vision' ? 'activity' : f.kind, label: f.label })
        : blankNode({ kind: 'note', label: t('planImport.node.noteLabel') });
    if (where === 'child') {
      const childLabel = node.children[0]?.fields.label;
      if (childLabel) fresh.fields.label = childLabel;
    }
    onSelect(fresh.key);
    focusTextSoon(fresh.key);
    apply(
      where === 'child' ? addChild(tree, key, fresh) : addAfter(tree, key, fresh),
      t(where === 'child' ? 'planImport.ops.did.addChild' : 'planImport.ops.did.addNote', { name }),
    );
  };
  // A new node opens with its text ready to type.
  const focusTextSoon = (freshKey: string) => {
    setTimeout(() => document.getElementById(`f-${freshKey}-text`)?.focus(), 0);
  };
  const addUnit = () => {
    const unit = newUnit.trim();
    if (!unit || f.responsible.includes(unit)) return;
    edit({ responsible: [...f.responsible, unit] });
    setNewUnit('');
  };
  const target = f.target ?? null;
  const setTarget = (patch: { text?: string; unit?: string; value?: string }) => {
    const next = {
      ...(target ?? { unit: '' }),
      ...(patch.text !== undefined ? { text: patch.text || null } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.value !== undefined ? { value: numberOrNull(patch.value) } : {}),
    };
    const empty =
      !next.text && next.unit.trim() === '' && (next.value === undefined || next.value === null) && next.min == null && next.max == null;
    edit({ target: empty ? null : next });
  };
  const rule = f.recurrence ?? '';
  const breaks = sentenceBreaks(f.text);

  return (
    <div id={`editor-${key}`} className="node-editor" role="group" aria-label={t('planImport.node.editor', { name })}>
      {node.evidence && (
        <p className="muted small">
          {t('planImport.tree.reason', { reason: node.evidence.reason })}
          {isUncertain(node) && (
            <>
              {' '}
              <button
                type="button"
                className="link-button small"
                onClick={() =>
                  apply(
                    updateNode(tree, key, (n) => ({ ...n, reviewed: true })),
                    t('planImport.ops.markReviewed'),
                    `edit:${key}`,
                  )
                }
              >
                {t('planImport.ops.markReviewed')}
              </button>
            </>
          )}
        </p>
      )}
      <div className="toolbar" role="group" aria-label={t('planImport.ops.group', { name })}>
        <button type="button" id={`op-${key}-up`} disabled={atTop} onClick={() => run(key, 'up')}>
          ↑ {t('planImport.ops.up')}
        </button>
        <button type="button" id={`op-${key}-down`} disabled={atEnd} onClick={() => run(key, 'down')}>
          ↓ {t('planImport.ops.down')}
        </button>
        <button type="button" id={`op-${key}-indent`} disabled={atTop} onClick={() => run(key, 'indent')}>
          → {t('planImport.ops.indent')}
        </button>
        <button type="button" id={`op-${key}-outdent`} disabled={atRoot} onClick={() => run(key, 'outdent')}>
          ← {t('planImport.ops.outdent')}
        </button>
        <button type="button" id={`op-${key}-merge`} disabled={!canMerge(tree, key)} onClick={() => run(key, 'merge')}>
          {t('planImport.ops.merge')}
        </button>
        <button type="button" id={`op-${key}-child`} onClick={() => add('child')}>
          {t('planImport.ops.addChild')}
        </button>
        <button type="button" id={`op-${key}-note`} onClick={() => add('note')}>
          {t('planImport.ops.addNote')}
        </button>
        <button type="button" id={`op-${key}-delete`} className="danger" onClick={del}>
          {t('planImport.ops.delete')}
        </button>
      </div>

      <div className="field-row">
        <div className="field">
          <label htmlFor={id('kind')}>{t('planImport.node.kind')}</label>
          <select id={id('kind')} value={f.kind} onChange={(e) => edit({ kind: e.target.value as ItemKind })}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`planImport.node.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('label')}>{t('planImport.node.label')}</label>
          <input
            id={id('label')}
            size={14}
            value={f.label}
            onChange={(e) => edit({ label: e.target.value })}
            aria-invalid={problem('label') ? true : undefined}
            aria-describedby={described('label', true)}
          />
          <span className="hint" id={`${id('label')}-hint`}>
            {t('planImport.node.labelHint')}
          </span>
          <FieldError field="label" />
        </div>
        <div className="field">
          <label htmlFor={id('number')}>{t('planImport.node.number')}</label>
          <input id={id('number')} size={5} value={f.number ?? ''} onChange={(e) => edit({ number: e.target.value || null })} />
        </div>
      </div>

      <div className="field">
        <label htmlFor={id('text')}>{t('planImport.node.text')}</label>
        <textarea
          id={id('text')}
          ref={textArea}
          rows={Math.min(12, Math.max(3, Math.ceil(f.text.length / 70)))}
          value={f.text}
          onChange={(e) => edit({ text: e.target.value })}
          aria-invalid={problem('text') ? true : undefined}
          aria-describedby={described('text')}
          lang="sv"
        />
        <FieldError field="text" />
        <div className="split-tools">
          <button type="button" className="link-button small" onClick={() => splitAt(textArea.current?.selectionStart ?? 0)}>
            {t('planImport.ops.splitAtCursor')}
          </button>
          {breaks.length > 0 && (
            <>
              <label htmlFor={id('sentence')} className="visually-hidden">
                {t('planImport.ops.splitAt')}
              </label>
              <select id={id('sentence')} value={sentence} onChange={(e) => setSentence(e.target.value)}>
                <option value="">{t('planImport.ops.splitAt')} …</option>
                {breaks.map((offset) => (
                  <option key={offset} value={offset}>
                    … {f.text.slice(Math.max(0, offset - 40), offset).trim()}
                  </option>
                ))}
              </select>
              <button type="button" className="link-button small" disabled={sentence === ''} onClick={() => splitAt(Number(sentence))}>
                {t('planImport.ops.split')}
              </button>
            </>
          )}
        </div>
      </div>

      <fieldset className="responsible">
        <legend>{t('planImport.node.responsible')}</legend>
        {f.responsible.length === 0 ? (
          <p className="muted small">{t('planImport.node.noResponsible')}</p>
        ) : (
          <ul className="chips">
            {f.responsible.map((unit) => (
              <li key={unit} className="chip">
                {unit}
                {!props.isExisting(unit) && <span className="muted"> ({t('planImport.node.newUnit')})</span>}{' '}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('planImport.node.removeUnit', { name: unit })}
                  onClick={() => edit({ responsible: f.responsible.filter((r) => r !== unit) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="field inline">
          <label htmlFor={id('unit')}>{t('planImport.node.addResponsible')}</label>
          <input
            id={id('unit')}
            list="import-unit-names"
            value={newUnit}
            onChange={(e) => setNewUnit(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addUnit();
              }
            }}
          />
          <button type="button" className="button small secondary" onClick={addUnit}>
            {t('planImport.node.add')}
          </button>
        </div>
      </fieldset>

      <div className="field-row">
        <div className="field">
          <label htmlFor={id('due')}>{t('planImport.node.due')}</label>
          <input
            id={id('due')}
            size={11}
            value={f.due ?? ''}
            onChange={(e) => edit({ due: e.target.value || null })}
            aria-invalid={problem('due') ? true : undefined}
            aria-describedby={described('due', true)}
          />
          <span className="hint" id={`${id('due')}-hint`}>
            {t('planImport.node.dueHint')}
          </span>
          <FieldError field="due" />
        </div>
        <div className="field">
          <label htmlFor={id('recurrence')}>{t('planImport.node.recurrence')}</label>
          <select
            id={id('recurrence')}
            value={rule}
            onChange={(e) => edit({ recurrence: e.target.value || null })}
            aria-invalid={problem('recurrence') ? true : undefined}
            aria-describedby={described('recurrence')}
          >
            <option value="">{t('planImport.node.rules.none')}</option>
            {commonRules.map((r) => (
              <option key={r} value={r}>
                {t(`planImport.node.rules.${r}`)}
              </option>
            ))}
            {rule !== '' && !commonRules.includes(rule) && (
              <option value={rule}>{t('planImport.node.rules.other', { rule: safeDescribe(rule, i18n.language) })}</option>
            )}
          </select>
          <FieldError field="recurrence" />
        </div>
        <div className="field">
          <label htmlFor={id('period-from')}>{t('planImport.node.periodFrom')}</label>
          <input
            id={id('period-from')}
            size={11}
            value={f.period?.from ?? ''}
            onChange={(e) => edit({ period: { from: e.target.value || null, to: f.period?.to ?? null } })}
            aria-invalid={problem('period') ? true : undefined}
            aria-describedby={described('period')}
          />
        </div>
        <div className="field">
          <label htmlFor={id('period-to')}>{t('planImport.node.periodTo')}</label>
          <input
            id={id('period-to')}
            size={11}
            value={f.period?.to ?? ''}
            onChange={(e) => edit({ period: { from: f.period?.from ?? null, to: e.target.value || null } })}
            aria-invalid={problem('period') ? true : undefined}
            aria-describedby={described('period')}
          />
          <FieldError field="period" />
        </div>
      </div>

      <fieldset>
        <legend>{t('planImport.node.target')}</legend>
        <div className="field">
          <label htmlFor={id('target-text')}>{t('planImport.node.targetText')}</label>
          <input id={id('target-text')} value={target?.text ?? ''} onChange={(e) => setTarget({ text: e.target.value })} lang="sv" />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={id('target-value')}>{t('planImport.node.targetValue')}</label>
            {/* Read when leaving the field: a number being typed ("12,") is not a number yet. */}
            <input
              key={`${key}:${target?.value ?? ''}`}
              id={id('target-value')}
              size={8}
              inputMode="decimal"
              defaultValue={target?.value?.toString() ?? ''}
              onBlur={(e) => {
                if (e.target.value !== (target?.value?.toString() ?? '')) setTarget({ value: e.target.value });
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={id('target')}>{t('planImport.node.targetUnit')}</label>
            <input
              id={id('target')}
              size={14}
              value={target?.unit ?? ''}
              onChange={(e) => setTarget({ unit: e.target.value })}
              aria-invalid={problem('target') ? true : undefined}
              aria-describedby={described('target', true)}
            />
            <span className="hint" id={`${id('target')}-hint`}>
              {t('planImport.node.targetUnitHint')}
            </span>
            <FieldError field="target" />
          </div>
        </div>
      </fieldset>
    </div>
  );
}

function numberOrNull(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || Number.isNaN(value) ? null : value;
}

function safeDescribe(rule: string, language: string): string {
  try {
    return describeRecurrence(rule, lang(language));
  } catch {
    return rule;
  }
}
