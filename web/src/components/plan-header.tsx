import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import type { DocumentView } from '../client.ts';
import { describePeriod, lang } from '../format.ts';
import { ActionPlansTab } from '../screens/action-plans.tsx';
import { RevisionActions, VersionsTab } from '../screens/revisions.tsx';
import { adoptionText } from './doc-meta.tsx';

export function PlanHeader({ document }: { document: DocumentView }) {
  const { t, i18n } = useTranslation();
  const language = lang(i18n.language);
  const followUp = document.followUp.map((f) => `${t(`every.${f.every}`)}${f.reportTo ? ` ${t('plan.to')} ${f.reportTo}` : ''}`).join('; ');
  return (
    <header className="plan-header">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> /{' '}
        <Link to={`/kommuner/${document.municipality.code}`}>{document.municipality.name}</Link> / {document.title}
      </p>
      <h1>{document.title}</h1>
      <p>
        <span className={`badge status-${document.status}`}>{t([`status.${document.status}`, `revisions.status.${document.status}`])}</span>{' '}
        {t(`documentKinds.${document.kind}`)} · {document.municipality.name}
      </p>
      <dl className="meta">
        {document.adopted && adoptionText(document.adopted) && (
          <div>
            <dt>{document.status === 'adopted' || document.status === 'superseded' ? t('plan.adoptedBy') : t('plan.addressedTo')}</dt>
            <dd>{adoptionText(document.adopted)}</dd>
          </div>
        )}
        {document.decided && adoptionText(document.decided) && (
          <div>
            <dt>{t('plan.decided')}</dt>
            <dd>{adoptionText(document.decided)}</dd>
          </div>
        )}
        {document.documentDate && (
          <div>
            <dt>{t('plan.documentDate')}</dt>
            <dd>{document.documentDate}</dd>
          </div>
        )}
        <div>
          <dt>{t('plan.valid')}</dt>
          <dd>{describePeriod(document.valid, language) || '–'}</dd>
        </div>
        {document.revision?.everyYears && (
          <div>
            <dt>{t('plan.revision')}</dt>
            <dd>{t('plan.everyYears', { count: document.revision.everyYears })}</dd>
          </div>
        )}
        {followUp && (
          <div>
            <dt>{t('plan.followUp')}</dt>
            <dd>{followUp}</dd>
          </div>
        )}
        {document.levels.length > 0 && (
          <div>
            <dt>{t('plan.levels')}</dt>
            <dd>{document.levels.join(' → ')}</dd>
          </div>
        )}
      </dl>
      <nav aria-label={t('plan.views')} className="tabs">
        <NavLink to={`/planer/${document.id}`} end>
          {t('plan.tabPlan')}
        </NavLink>
        <NavLink to={`/planer/${document.id}/ansvar`}>{t('plan.tabMatrix')}</NavLink>
        <NavLink to={`/planer/${document.id}/ramverk`}>{t('plan.tabFrameworks')}</NavLink>
        <NavLink to={`/planer/${document.id}/uppfoljning`}>{t('followUp.tab')}</NavLink>
        <ActionPlansTab document={document} />
        <VersionsTab document={document} />
        <a href={`/api/plans/${document.id}/outline?download=true`}>{t('plan.export')}</a>
        {document.status !== 'draft' && (
          <a href={`/${language === 'en' ? 'en' : 'sv'}/kommun/${document.municipality.code}/plan/${document.id}`}>{t('portal.plan')}</a>
        )}
      </nav>
      <RevisionActions document={document} />
    </header>
  );
}
