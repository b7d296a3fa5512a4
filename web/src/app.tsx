import { Route, Routes } from 'react-router';
import { Layout } from './components/layout.tsx';
import { AccountsScreen } from './screens/accounts.tsx';
import { ActionPlanScreen } from './screens/action-plan.tsx';
import { ActionPlansScreen } from './screens/action-plans.tsx';
import { AuditScreen } from './screens/audit.tsx';
import { FrameworksScreen } from './screens/frameworks.tsx';
import { CohortsScreen } from './screens/indicators/cohorts.tsx';
import { IndicatorScreen } from './screens/indicators/detail.tsx';
import { IndicatorsScreen } from './screens/indicators/list.tsx';
import { BoardScreen } from './screens/follow-up/board.tsx';
import { CompareScreen } from './screens/follow-up/compare.tsx';
import { CyclesScreen } from './screens/follow-up/cycles.tsx';
import { LoginScreen } from './screens/login.tsx';
import { MatrixScreen } from './screens/matrix.tsx';
import { MunicipalitiesScreen } from './screens/municipalities.tsx';
import { MunicipalityScreen } from './screens/municipality.tsx';
import { NotFoundScreen } from './screens/not-found.tsx';
import { PlanScreen } from './screens/plan.tsx';
import { RevisionDiffScreen } from './screens/revision-diff.tsx';
import { VersionsScreen } from './screens/revisions.tsx';
import { LinkScreen } from './screens/reporting/link.tsx';
import { MyReportsScreen } from './screens/reporting/my-reports.tsx';
import { OutboxScreen } from './screens/reporting/outbox.tsx';
import { ReportScreen } from './screens/reporting/report.tsx';
import { TimelineScreen } from './screens/reporting/timeline.tsx';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<MunicipalitiesScreen />} />
        <Route path="kommuner/:code" element={<MunicipalityScreen />} />
        <Route path="kommuner/:code/indikatorer" element={<IndicatorsScreen />} />
        <Route path="kommuner/:code/kohorter" element={<CohortsScreen />} />
        <Route path="indikatorer/:id" element={<IndicatorScreen />} />
        <Route path="planer/:id" element={<PlanScreen />} />
        <Route path="planer/:id/ansvar" element={<MatrixScreen />} />
        <Route path="planer/:id/ramverk" element={<FrameworksScreen />} />
        <Route path="planer/:id/handlingsplaner" element={<ActionPlansScreen />} />
        <Route path="handlingsplaner/:id" element={<ActionPlanScreen />} />
        <Route path="planer/:id/versioner" element={<VersionsScreen />} />
        <Route path="planer/:id/andringar" element={<RevisionDiffScreen />} />
        <Route path="planer/:id/uppfoljning" element={<CyclesScreen />} />
        <Route path="planer/:id/uppfoljning/jamfor" element={<CompareScreen />} />
        <Route path="planer/:id/uppfoljning/:cycleId" element={<BoardScreen />} />
        <Route path="logga-in" element={<LoginScreen />} />
        <Route path="admin/logg" element={<AuditScreen />} />
        <Route path="admin/konton" element={<AccountsScreen />} />
        <Route path="mina-rapporter" element={<MyReportsScreen />} />
        <Route path="rapporter/:taskId" element={<ReportScreen />} />
        <Route path="punkter/:itemId/historik" element={<TimelineScreen />} />
        <Route path="svara/:token" element={<LinkScreen />} />
        <Route path="admin/utskick" element={<OutboxScreen />} />
        <Route path="*" element={<NotFoundScreen />} />
      </Route>
    </Routes>
  );
}
