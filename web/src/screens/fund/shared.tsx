import { useTranslation } from 'react-i18next';
import { locale } from '../../i18n.ts';
import '../programmes/programmes.css';

export type { CallView, FundOverview, FundView, GrantView, OrganisationView } from '../../../../src/capabilities/fund/service.ts';
export type { ApplicationSummary, ApplicationView } from '../../../../src/capabilities/fund/applications.ts';
export type { CallApplications, RankedApplication } from '../../../../src/capabilities/fund/decisions.ts';
export { BarChart, ExampleBadge, formatDate, problemsOf, type LinkableItem } from '../programmes/shared.tsx';

export const organisationKinds = ['association', 'faith_community', 'organisation', 'company', 'municipal_unit'] as const;

/** Whole kronor in the UI language ("12 000 kr"). */
export function sek(amount: number): string {
  // A no-break space keeps the figure and its unit on one line in narrow columns.
  return `${amount.toLocaleString(locale())}\u00a0kr`;
}

export function Money({ amount }: { amount: number | null }) {
  return <>{amount === null ? '–' : sek(amount)}</>;
}

/** A status word with its own class, so the colour never carries the meaning alone. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge fund-status fund-status-${status}`}>{t(`fund.status.${status}`)}</span>;
}
