import { useTranslation } from 'react-i18next';
import { ApiError } from '../client.ts';
import { NotFoundScreen } from '../screens/not-found.tsx';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function LoadError({ error }: { error: Error }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) return <NotFoundScreen />;
  return (
    <div className="alert error" role="alert">
      <h1>{t('common.errorTitle')}</h1>
      <p>{error.message}</p>
    </div>
  );
}
