import { Fragment, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { flatten, isUncertain, segments, type Tree } from './tree-edit.ts';

const kinds = ['vision', 'area', 'goal', 'activity', 'note'] as const;

/**
 * The document's text as the importer read it, each extracted node's place marked in the colour of its kind.
 * Where places nest, the innermost (last in source order) node owns the mark; clicking a mark selects it.
 */
export function SourcePane(props: { text: string; tree: Tree; selected: string | null; onSelect: (key: string) => void }) {
  const { text, tree, selected, onSelect } = props;
  const { t } = useTranslation();
  const runs = useMemo(() => segments(text.length, tree), [text, tree]);
  const nodes = useMemo(() => new Map(flatten(tree).map(({ node }) => [node.key, node])), [tree]);
  const box = useRef<HTMLDivElement>(null);
  const selectedNode = selected ? nodes.get(selected) : undefined;
  const hasSpan = (selectedNode?.evidence?.spans.length ?? 0) > 0;

  // Scrolls only the pane, not the page: scrollIntoView would also move the tree the coordinator is working in.
  useEffect(() => {
    const pane = box.current;
    const mark = pane?.querySelector<HTMLElement>('mark.selected');
    if (pane && mark) pane.scrollTop = Math.max(0, mark.offsetTop - pane.clientHeight / 3);
  }, [selected]);

  const click = (event: MouseEvent<HTMLDivElement>) => {
    const key = (event.target as HTMLElement).closest('mark')?.dataset.key;
    if (key) onSelect(key);
  };

  return (
    <section className="import-source" aria-labelledby="import-source-heading">
      <h3 id="import-source-heading">{t('planImport.source.heading')}</h3>
      <ul className="import-legend" aria-label={t('planImport.source.legend')}>
        {kinds.map((k) => (
          <li key={k}>
            <mark className={`src kind-${k}`}>{t(`planImport.kindLegend.${k}`)}</mark>
          </li>
        ))}
        <li>
          <mark className="src selected">{t('planImport.source.selected')}</mark>
        </li>
      </ul>
      {selectedNode && !hasSpan && <p className="muted small">{t('planImport.source.noSpan')}</p>}
      {text === '' ? (
        <p className="muted">{t('planImport.source.empty')}</p>
      ) : (
        // Focusable so that keyboard users can scroll it; Swedish, whatever the interface language.
        <div
          ref={box}
          className="source-text"
          tabIndex={0}
          role="region"
          aria-label={t('planImport.source.region')}
          lang="sv"
          onClick={click}
        >
          {runs.map((run) => {
            const piece = text.slice(run.start, run.end);
            if (run.keys.length === 0) return <Fragment key={run.start}>{piece}</Fragment>;
            const owner = nodes.get(run.keys[run.keys.length - 1]!);
            const isSelected = selected !== null && run.keys.includes(selected);
            const classes = ['src', `kind-${owner?.fields.kind ?? 'note'}`];
            if (isSelected) classes.push('selected');
            if (owner && isUncertain(owner)) classes.push('uncertain');
            return (
              <mark key={run.start} className={classes.join(' ')} data-key={isSelected ? selected : owner?.key}>
                {piece}
              </mark>
            );
          })}
        </div>
      )}
    </section>
  );
}
