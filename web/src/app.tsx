import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/layout.tsx';
import { LoginScreen } from './screens/login.tsx';
import { MunicipalitiesScreen } from './screens/municipalities.tsx';
import { MunicipalityScreen } from './screens/municipality.tsx';
import { NotFoundScreen } from './screens/not-found.tsx';
import { PlanScreen } from './screens/plan.tsx';

// Screens most visitors never open load when first needed: the first page stays light on a phone.
const AccountsScreen = lazy(() => import('./screens/accounts.tsx').then((m) => ({ default: m.AccountsScreen })));
const ActionPlanScreen = lazy(() => import('./screens/action-plan.tsx').then((m) => ({ default: m.ActionPlanScreen })));
const ActionPlansScreen = lazy(() => import('./screens/action-plans.tsx').then((m) => ({ default: m.ActionPlansScreen })));
const IdentityProvidersScreen = lazy(() =>
  import('./screens/identity-providers.tsx').then((m) => ({ default: m.IdentityProvidersScreen })),
);
const AuditScreen = lazy(() => import('./screens/audit.tsx').then((m) => ({ default: m.AuditScreen })));
const FrameworksScreen = lazy(() => import('./screens/frameworks.tsx').then((m) => ({ default: m.FrameworksScreen })));
const CohortsScreen = lazy(() => import('./screens/indicators/cohorts.tsx').then((m) => ({ default: m.CohortsScreen })));
const IndicatorScreen = lazy(() => import('./screens/indicators/detail.tsx').then((m) => ({ default: m.IndicatorScreen })));
const IndicatorsScreen = lazy(() => import('./screens/indicators/list.tsx').then((m) => ({ default: m.IndicatorsScreen })));
const ActivitiesScreen = lazy(() => import('./screens/catalogue/activities.tsx').then((m) => ({ default: m.ActivitiesScreen })));
const ActivityScreen = lazy(() => import('./screens/catalogue/activity.tsx').then((m) => ({ default: m.ActivityScreen })));
const ManageActivitiesScreen = lazy(() => import('./screens/catalogue/manage.tsx').then((m) => ({ default: m.ManageActivitiesScreen })));
const BoardScreen = lazy(() => import('./screens/follow-up/board.tsx').then((m) => ({ default: m.BoardScreen })));
const CompareScreen = lazy(() => import('./screens/follow-up/compare.tsx').then((m) => ({ default: m.CompareScreen })));
const CyclesScreen = lazy(() => import('./screens/follow-up/cycles.tsx').then((m) => ({ default: m.CyclesScreen })));
const PlanImportScreen = lazy(() => import('./screens/plan-import/screen.tsx').then((m) => ({ default: m.PlanImportScreen })));
const MatrixScreen = lazy(() => import('./screens/matrix.tsx').then((m) => ({ default: m.MatrixScreen })));
const RevisionDiffScreen = lazy(() => import('./screens/revision-diff.tsx').then((m) => ({ default: m.RevisionDiffScreen })));
const VersionsScreen = lazy(() => import('./screens/revisions.tsx').then((m) => ({ default: m.VersionsScreen })));
const LinkScreen = lazy(() => import('./screens/reporting/link.tsx').then((m) => ({ default: m.LinkScreen })));
const MyReportsScreen = lazy(() => import('./screens/reporting/my-reports.tsx').then((m) => ({ default: m.MyReportsScreen })));
const OutboxScreen = lazy(() => import('./screens/reporting/outbox.tsx').then((m) => ({ default: m.OutboxScreen })));
const ReportScreen = lazy(() => import('./screens/reporting/report.tsx').then((m) => ({ default: m.ReportScreen })));
const InternshipsScreen = lazy(() => import('./screens/programmes/internships.tsx').then((m) => ({ default: m.InternshipsScreen })));
const SupervisorsScreen = lazy(() => import('./screens/programmes/supervisors.tsx').then((m) => ({ default: m.SupervisorsScreen })));
const TrainingsScreen = lazy(() => import('./screens/programmes/trainings.tsx').then((m) => ({ default: m.TrainingsScreen })));
const GuideScreen = lazy(() => import('./screens/guide/guide.tsx').then((m) => ({ default: m.GuideScreen })));
const FundScreen = lazy(() => import('./screens/fund/fund.tsx').then((m) => ({ default: m.FundScreen })));
const FundCallScreen = lazy(() => import('./screens/fund/call.tsx').then((m) => ({ default: m.CallScreen })));
const FundApplicationScreen = lazy(() => import('./screens/fund/application.tsx').then((m) => ({ default: m.ApplicationScreen })));
const FundRegisterScreen = lazy(() => import('./screens/fund/register.tsx').then((m) => ({ default: m.RegisterScreen })));
const MyApplicationsScreen = lazy(() => import('./screens/fund/mine.tsx').then((m) => ({ default: m.MyApplicationsScreen })));
const MatchingProgrammesScreen = lazy(() =>
  import('./screens/matching/programmes.tsx').then((m) => ({ default: m.MatchingProgrammesScreen })),
);
const MatchingProgrammeScreen = lazy(() =>
  import('./screens/matching/programme.tsx').then((m) => ({ default: m.MatchingProgrammeScreen })),
);
const MatchingPersonScreen = lazy(() => import('./screens/matching/person.tsx').then((m) => ({ default: m.MatchingPersonScreen })));
const MatchingRegisterScreen = lazy(() => import('./screens/matching/register.tsx').then((m) => ({ default: m.MatchingRegisterScreen })));
const TimelineScreen = lazy(() => import('./screens/reporting/timeline.tsx').then((m) => ({ default: m.TimelineScreen })));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<MunicipalitiesScreen />} />
        <Route path="kommuner/:code" element={<MunicipalityScreen />} />
        <Route path="kommuner/:code/indikatorer" element={<IndicatorsScreen />} />
        <Route path="kommuner/:code/kohorter" element={<CohortsScreen />} />
        <Route path="kommuner/:code/importera" element={<PlanImportScreen />} />
        <Route path="kommuner/:code/praktik" element={<InternshipsScreen />} />
        <Route path="kommuner/:code/handledare" element={<SupervisorsScreen />} />
        <Route path="kommuner/:code/utbildningar" element={<TrainingsScreen />} />
        <Route path="kommuner/:code/ny-i-kommunen" element={<GuideScreen />} />
        <Route path="indikatorer/:id" element={<IndicatorScreen />} />
        <Route path="kommuner/:code/aktiviteter" element={<ActivitiesScreen />} />
        <Route path="kommuner/:code/aktiviteter/mina" element={<ManageActivitiesScreen />} />
        <Route path="aktiviteter/:id" element={<ActivityScreen />} />
        <Route path="kommuner/:code/matchning" element={<MatchingProgrammesScreen />} />
        <Route path="kommuner/:code/matchning/:id/anmalan" element={<MatchingRegisterScreen />} />
        <Route path="matchning/:id" element={<MatchingProgrammeScreen />} />
        <Route path="matchning/personer/:id" element={<MatchingPersonScreen />} />
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
        <Route path="kommuner/:code/fonden" element={<FundScreen />} />
        <Route path="kommuner/:code/fonden/registrera" element={<FundRegisterScreen />} />
        <Route path="fonden/utlysningar/:id" element={<FundCallScreen />} />
        <Route path="fonden/ansokningar/:id" element={<FundApplicationScreen />} />
        <Route path="fonden/mina" element={<MyApplicationsScreen />} />
        <Route path="logga-in" element={<LoginScreen />} />
        <Route path="admin/logg" element={<AuditScreen />} />
        <Route path="admin/konton" element={<AccountsScreen />} />
        <Route path="admin/inloggning" element={<IdentityProvidersScreen />} />
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
