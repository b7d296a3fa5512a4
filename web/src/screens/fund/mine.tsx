import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../client.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { ExampleBadge, Money, sek, StatusBadge, type ApplicationSummary, type OrganisationView } from './shared.tsx';

/** Mina ansökningar: the applicant's organisation, its applications and their status. */
export function MyApplicationsScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const mine = useLoad(
    () => api<{ organisation: OrganisationView | null; applications: ApplicationSummary[] }>('GET', '/api/fund/mine'),
    [user?.id],
  );
  useTitle(t('fund.mine.title'));
  if (mine.error) return <LoadError error={mine.error} />;
  if (!mine.data) return <Loading />;
  const { organisation, applications } = mine.data;
  return (
    <section className="page">
      <h1>{t('fund.mine.title')}</h1>
      {organisation ? (
        <p className="lead">
          {organisation.name} ({organisation.orgNumber}) ·{' '}
          <Link to={`/kommuner/${user?.municipalityCode ?? ''}/fonden`}>{t('fund.mine.calls')}</Link>
        </p>
      ) : (
        <p>{t('fund.mine.noOrganisation')}</p>
      )}
      {applications.length === 0 ? (
        <p>{t('fund.mine.none')}</p>
      ) : (
        <table className="table compact">
          <caption>{t('fund.mine.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fund.grants.project')}</th>
              <th scope="col">{t('fund.mine.call')}</th>
              <th scope="col">{t('fund.ranking.requested')}</th>
              <th scope="col">{t('fund.grants.amount')}</th>
              <th scope="col">{t('fund.ranking.status')}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/fonden/ansokningar/${a.id}`}>{a.title}</Link>
                  <ExampleBadge example={a.example} />
                </th>
                <td>{a.callTitle}</td>
                <td className="num">{sek(a.requestedSek)}</td>
                <td className="num">
                  <Money amount={a.grantedSek} />
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
