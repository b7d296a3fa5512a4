import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTitle } from '../use-load.ts';

export function NotFoundScreen() {
  const { t } = useTranslation();
  useTitle(t('notFound.title'));
  return (
    <section className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
