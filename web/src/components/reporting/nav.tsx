import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { api } from '../../client.ts';
import { useSession } from '../../session.tsx';
import { outstandingStates } from '../../../../src/capabilities/follow-up/workflow.ts';
import type { ReportState } from '../../../../src/capabilities/follow-up/words.ts';
import type { MyTasks } from './types.ts';

/** Whether a report still waits for its unit: the server's own rule. */
export const outstanding = (state: ReportState) => outstandingStates.includes(state);

/** "Mina rapporter (3)" in the top navigation for a signed-in user of a municipality; the count follows her around. */
export function MyReportsNavItem() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { pathname } = useLocation();
  // The count changes only where reports are written: other navigation does not ask the server again.
  const refresh = pathname === '/mina-rapporter' || pathname.startsWith('/rapporter/') ? pathname : 'elsewhere';
  const [count, setCount] = useState<number>();
  useEffect(() => {
    if (!user?.municipalityCode) return;
    let live = true;
    api<MyTasks>('GET', '/api/my/tasks').then(
      (mine) => live && setCount(mine.tasks.filter((task) => outstanding(task.state)).length),
      () => live && setCount(undefined),
    );
    return () => {
      live = false;
    };
  }, [user?.id, user?.municipalityCode, refresh]);
  if (!user?.municipalityCode) return null;
  return (
    <li>
      <NavLink to="/mina-rapporter">
        {t('reporting.nav.myReports')}
        {count !== undefined && count > 0 && (
          <>
            {' '}
            <span className="nav-count" aria-hidden="true">
              {count}
            </span>
            <span className="visually-hidden">({t('reporting.nav.outstanding', { count })})</span>
          </>
        )}
      </NavLink>
    </li>
  );
}

/** "Utskick" for administrators and coordinators. */
export function OutboxNavItem() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (user?.role !== 'admin' && user?.role !== 'coordinator') return null;
  return (
    <li>
      <NavLink to="/admin/utskick">{t('reporting.nav.outbox')}</NavLink>
    </li>
  );
}
