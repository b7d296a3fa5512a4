import { useTranslation } from 'react-i18next';
import type { OutlineNode } from '../client.ts';
import { describeDue, describePeriod, describeRecurrence, describeTarget, lang } from '../format.ts';
import { ItemHistoryLink } from './reporting/history-link.tsx';

/** What an item says about itself: label and number, text, who answers for it, when, and what it aims for. */
export function ItemFacts({ node, frameworkNames }: { node: OutlineNode; frameworkNames: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const language = lang(i18n.language);
  const contributors = new Set(node.contributors ?? []);
  const facts: { key: string; label: string; value: string }[] = [];
  if (node.due) facts.push({ key: 'due', label: t('item.due'), value: describeDue(node.due, language) });
  if (node.recurrence) facts.push({ key: 'rec', label: t('item.recurrence'), value: describeRecurrence(node.recurrence, language) });
  if (node.period) facts.push({ key: 'period', label: t('item.period'), value: describePeriod(node.period, language) });
  if (node.target) facts.push({ key: 'target', label: t('item.target'), value: describeTarget(node.target, language) });
  return (
    <>
      <p className="item-text">{node.text}</p>
      {(node.responsible.length > 0 || facts.length > 0 || node.frameworks.length > 0) && (
        <div className="item-facts">
          {node.responsible.length > 0 && (
            <ul className="chips" aria-label={t('item.responsible')}>
              {node.responsible.map((name) => (
                <li key={name} className={contributors.has(name) ? 'chip contributor' : 'chip lead'}>
                  {name}
                  {contributors.has(name) && <span className="muted"> ({t('roles.contributor')})</span>}
                </li>
              ))}
            </ul>
          )}
          {facts.length > 0 && (
            <dl className="facts">
              {facts.map((f) => (
                <div key={f.key}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {node.frameworks.length > 0 && (
            <ul className="chips" aria-label={t('item.frameworks')}>
              {node.frameworks.map((f) => (
                <li key={f} className="chip framework" title={frameworkNames.get(f) ?? f}>
                  {frameworkNames.get(f) ?? f}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ItemHistoryLink node={node} />
    </>
  );
}
