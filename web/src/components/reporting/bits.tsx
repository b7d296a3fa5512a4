import { useTranslation } from 'react-i18next';
import { assessmentWords, stateWords, statusWords } from '../../../../src/capabilities/follow-up/words.ts';
import { lang } from '../../format.ts';
import { locale } from '../../i18n.ts';
import '../../styles/reporting.css';
import type { Assessment, ReportState, ReportStatus, TaskView } from './types.ts';

/** Follow-up's words in the UI language, from the module the server's mail and reports use too. */
export function useFollowUpWords() {
  const { i18n } = useTranslation();
  const language = lang(i18n.language);
  return {
    language,
    state: (s: ReportState) => stateWords[language][s],
    status: (s: ReportStatus | null) => (s === null ? '' : statusWords[language][s]),
    assessment: (a: Assessment) => assessmentWords[language][a],
  };
}

/** "Åtgärd 5", as the plan names the item. */
export function referenceOf(item: Pick<TaskView['item'], 'label' | 'number'>): string {
  return item.number ? `${item.label} ${item.number}` : item.label;
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** Whole days from today (local calendar) to the deadline; negative when it has passed. */
export function daysUntil(deadline: string, today = new Date()): number {
  const [y, m, d] = deadline.split('-').map(Number);
  const end = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((end - now) / 86_400_000);
}

/** A report's state as a word in a badge (never colour alone). */
// One badge for a report's state across the product: the board's.
export { StateBadge } from '../follow-up/indicators.tsx';

/** "Sista dag 31 januari 2016 · försenad" / "· 12 dagar kvar". */
export function Deadline({ deadline, settled = false }: { deadline: string; settled?: boolean }) {
  const { t } = useTranslation();
  const days = daysUntil(deadline);
  return (
    <span className="deadline">
      {t('reporting.deadline.label', { date: formatDate(deadline) })}
      {!settled && (
        <>
          {' · '}
          {days < 0 ? (
            <span className="badge overdue">{t('reporting.deadline.overdue')}</span>
          ) : days === 0 ? (
            <strong>{t('reporting.deadline.today')}</strong>
          ) : (
            <span>{t('reporting.deadline.daysLeft', { count: days })}</span>
          )}
        </>
      )}
    </span>
  );
}
