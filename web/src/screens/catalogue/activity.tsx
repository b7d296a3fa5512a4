import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../client.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { OccurrenceText } from './activities.tsx';
import { ExampleBadge, languageName, textsOf, useAgesText, type ActivityView } from './shared.tsx';
import '../../styles/catalogue.css';

/** One activity: what, for whom, where, when (coming occurrences, cancelled ones marked), and the plan it serves. */
export function ActivityScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const agesText = useAgesText();
  const activity = useLoad(() => api<ActivityView>('GET', `/api/activities/${id}`), [id, user?.id]);
  const a = activity.data;
  const text = a ? textsOf(a, i18n.language) : null;
  useTitle(text?.title);
  if (activity.error) return <LoadError error={activity.error} />;
  if (!a || !text) return <Loading />;
  const ages = agesText(a);
  const others = Object.keys(a.translations).filter((l) => l !== text.lang);
  return (
    <section className="page narrow">
      <p className="breadcrumbs">
        <Link to={`/kommuner/${a.municipalityCode}/aktiviteter`}>{t('catalogue.crumb')}</Link> / {text.title}
      </p>
      <h1 lang={text.lang}>
        {text.title} <ExampleBadge show={a.example} />
      </h1>
      {a.status !== 'published' && <p className="badge">{t(`catalogue.status.${a.status}`)}</p>}
      <div className="cat-description" lang={text.lang} dangerouslySetInnerHTML={{ __html: text.description }} />
      {others.length > 0 && (
        <p className="muted small">
          {t('catalogue.alsoIn')}: {[...(text.lang !== 'sv' ? ['sv'] : []), ...others].map(languageName).join(', ')}
        </p>
      )}
      <dl className="meta">
        <dt>{t('catalogue.organiser')}</dt>
        <dd>{a.organiser.name}</dd>
        <dt>{t('catalogue.search.category')}</dt>
        <dd>{t(`catalogue.categories.${a.category}`, { defaultValue: a.category })}</dd>
        {a.targetGroup && (
          <>
            <dt>{t('catalogue.targetGroup')}</dt>
            <dd>{a.targetGroup}</dd>
          </>
        )}
        {ages && (
          <>
            <dt>{t('catalogue.ages')}</dt>
            <dd>{ages}</dd>
          </>
        )}
        <dt>{t('catalogue.languages')}</dt>
        <dd>{a.languages.map(languageName).join(', ')}</dd>
        <dt>{t('catalogue.place')}</dt>
        <dd>{[a.place.name, a.place.address].filter(Boolean).join(', ')}</dd>
        {a.place.accessibility && (
          <>
            <dt>{t('catalogue.accessibility')}</dt>
            <dd>{a.place.accessibility}</dd>
          </>
        )}
        {a.cost && (
          <>
            <dt>{t('catalogue.cost')}</dt>
            <dd>{a.cost}</dd>
          </>
        )}
        {a.registration && (
          <>
            <dt>{t('catalogue.registration')}</dt>
            <dd>{a.registration}</dd>
          </>
        )}
        {a.contact && (
          <>
            <dt>{t('catalogue.contact')}</dt>
            <dd>{a.contact}</dd>
          </>
        )}
      </dl>
      <h2>{t('catalogue.occurrences')}</h2>
      {a.occurrences.length === 0 ? (
        <p>{t('catalogue.noMore')}</p>
      ) : (
        <ul>
          {a.occurrences.slice(0, 12).map((o) => (
            <li key={o.date}>
              <OccurrenceText o={o} />
            </li>
          ))}
        </ul>
      )}
      {a.items.length > 0 && (
        <>
          <h2>{t('catalogue.servesPlan')}</h2>
          <ul>
            {a.items.map((i) => (
              <li key={i.id}>
                <Link to={`/planer/${i.documentId}`}>{i.reference}</Link>: {i.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {a.canEdit && (
        <p>
          <Link to={`/kommuner/${a.municipalityCode}/aktiviteter/mina`}>{t('catalogue.mine.link')}</Link>
        </p>
      )}
    </section>
  );
}
