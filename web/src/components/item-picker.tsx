import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './item-picker.css';

/** A goal or activity a programme can serve (GET /api/municipalities/:code/programme-items). */
export interface LinkableItem {
  id: string;
  documentTitle: string;
  reference: string;
  text: string;
}

/** An item already linked that the list does not offer (a superseded edition's, say): kept, and shown so it can be unlinked. */
export interface LinkedItem {
  id: string;
  reference: string;
  text: string;
}

const short = (text: string) => (text.length > 110 ? `${text.slice(0, 109)}…` : text);

/**
 * Which plan items a programme or an activity serves: checkboxes grouped by plan, in a fieldset with a filter box.
 * Native checkboxes keep it usable by keyboard (Tab, Space) and by screen readers without any ARIA of our own;
 * the filter only hides unchosen items, so nothing chosen ever disappears from view.
 */
export function ItemPicker({
  items,
  value,
  onChange,
  linked = [],
  legend,
  hint,
  problem,
}: {
  items: LinkableItem[];
  value: string[];
  onChange: (ids: string[]) => void;
  linked?: LinkedItem[] | undefined;
  legend?: string | undefined;
  hint?: string | undefined;
  problem?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const chosen = useMemo(() => new Set(value), [value]);
  const q = filter.trim().toLocaleLowerCase('sv');
  const elsewhere = linked.filter((l) => chosen.has(l.id) && !items.some((i) => i.id === l.id));
  const groups = useMemo(() => {
    const plans = [...new Set(items.map((i) => i.documentTitle))];
    return plans.map((plan) => ({ plan, items: items.filter((i) => i.documentTitle === plan) }));
  }, [items]);
  const shows = (i: LinkableItem) =>
    chosen.has(i.id) || q === '' || `${i.reference} ${i.text} ${i.documentTitle}`.toLocaleLowerCase('sv').includes(q);
  const shown = groups.map((g) => ({ ...g, items: g.items.filter(shows) })).filter((g) => g.items.length > 0);
  const hits = q === '' ? null : shown.reduce((n, g) => n + g.items.filter((i) => !chosen.has(i.id)).length, 0);
  const toggle = (itemId: string, on: boolean) => onChange(on ? [...value, itemId] : value.filter((v) => v !== itemId));
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : '', `${id}-count`].filter(Boolean).join(' ');

  const box = (item: { id: string; reference: string; text: string }) => (
    <li key={item.id}>
      <label className="item-picker-option">
        <input type="checkbox" checked={chosen.has(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
        <span>
          <strong>{item.reference}</strong> {short(item.text)}
        </span>
      </label>
    </li>
  );

  return (
    <fieldset className={problem ? 'item-picker invalid' : 'item-picker'} aria-describedby={describedBy}>
      <legend>{legend ?? t('programmes.itemPicker.legend')}</legend>
      <span className="hint" id={`${id}-hint`}>
        {hint ?? t('programmes.itemPicker.hint')}
      </span>
      {problem && (
        <span className="field-error" id={`${id}-error`}>
          {problem}
        </span>
      )}
      {items.length === 0 && elsewhere.length === 0 ? (
        <p className="muted">{t('programmes.itemPicker.none')}</p>
      ) : (
        <>
          <div className="field item-picker-filter">
            <label htmlFor={`${id}-filter`}>{t('programmes.itemPicker.filter')}</label>
            <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
          </div>
          <p id={`${id}-count`} className="small muted" role="status" aria-live="polite">
            {t('programmes.itemPicker.chosen', { count: value.length })}
            {hits !== null && ` · ${t('programmes.itemPicker.hits', { count: hits })}`}
          </p>
          <div className="item-picker-list">
            {elsewhere.length > 0 && (
              <div role="group" aria-labelledby={`${id}-elsewhere`}>
                <p className="item-picker-plan" id={`${id}-elsewhere`}>
                  {t('programmes.itemPicker.elsewhere')}
                </p>
                <ul>{elsewhere.map(box)}</ul>
              </div>
            )}
            {shown.map((g, index) => (
              <div key={g.plan} role="group" aria-labelledby={`${id}-plan-${index}`}>
                <p className="item-picker-plan" id={`${id}-plan-${index}`}>
                  {g.plan}
                </p>
                <ul>{g.items.map(box)}</ul>
              </div>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}

/** Whether the chosen items differ from those linked: an edit sends itemIds only then, so it does not touch links needlessly. */
export function itemsChanged(before: string[], after: string[]): boolean {
  const a = new Set(before);
  const b = new Set(after);
  return a.size !== b.size || [...a].some((x) => !b.has(x));
}
